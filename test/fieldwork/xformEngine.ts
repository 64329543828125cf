/**
 * ODK's own XForms engine (@getodk/xforms-engine, the engine of ODK Web Forms) in
 * Node, for the tests: a devDependency with jsdom, never a dependency of chiso.
 *
 * Two things the engine needs that Node lacks:
 * - a DOM: it parses the form with DOMParser and builds nodes with `document`, so
 *   jsdom's window provides those globals (only the ones Node does not have);
 * - `__dirname` and `module`: its bundled web-tree-sitter (the XPath parser) is an
 *   Emscripten build that, seeing `process.versions.node`, takes its CommonJS path
 *   and reads `__dirname` and writes `module.exports`, names an ES module does not
 *   have (ReferenceError: __dirname is not defined in ES module scope, 0.22.0). Its
 *   WebAssembly is inlined as a data: URL, so nothing is read from that directory:
 *   defining the two names is enough, and they are set only when missing.
 */
import { JSDOM } from 'jsdom';

const DOM_GLOBALS = ['DOMParser', 'XMLSerializer', 'document', 'Node', 'Document', 'XMLDocument', 'Element', 'Attr', 'Text', 'NodeFilter', 'XPathResult'] as const;

type Engine = typeof import('@getodk/xforms-engine');
let engine: Promise<Engine> | undefined;

export function loadEngine(): Promise<Engine> {
  engine ??= (async () => {
    const { window } = new JSDOM('');
    const g = globalThis as Record<string, unknown>;
    for (const name of DOM_GLOBALS) if (!(name in g)) g[name] = (window as unknown as Record<string, unknown>)[name];
    g.__dirname ??= '/nonexistent-xforms-engine-dir';
    g.module ??= { exports: {} };
    return import('@getodk/xforms-engine');
  })();
  return engine;
}
