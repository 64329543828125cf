#!/usr/bin/env node
// The compiled CLI (npm ci runs `prepare`, which builds dist/).
import '../dist/main.js';
