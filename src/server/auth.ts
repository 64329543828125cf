import { currentCoverage } from './registry-cache.js';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { normalizeName } from '../store/keys.js';
import type { SubmissionStore, TokenRecord, TokenScope, TokenTarget } from '../store/types.js';
// validateTarget's refusals, in both languages (the CLI's usage error shows one).
import { cliText } from '../diagnostics/cli-messages.js';
import { ReasonError } from '../diagnostics/reasons.js';

/**
 * Who is asking. In single-user mode (loopback bind, no --require-tokens) every
 * request is the local admin; otherwise a bearer token says what it covers.
 */
export interface Principal {
  scope: TokenScope;
  target: TokenTarget;
  /** The token's public id; null for the local single user. */
  tokenId: string | null;
  label: string | null;
  /** For a token naming a registry unit: the codes it covers (src/units/access.ts); decides alone when set. */
  covered?: ReadonlySet<string>;
}

export type AuthSettings = { mode: 'single-user' } | { mode: 'tokens' };

export const LOCAL_ADMIN: Principal = { scope: 'admin', target: {}, tokenId: null, label: 'single-user mode' };

const TOKEN_PREFIX = 'chiso';
const TOKEN_PATTERN = /^chiso_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/** Checks a scope has the target it needs; trims and NFC-normalises the names. */
export function validateTarget(scope: TokenScope, target: TokenTarget = {}): TokenTarget {
  const clean: TokenTarget = {};
  for (const key of ['province', 'district', 'unit'] as const) {
    const value = target[key]?.normalize('NFC').trim();
    if (value) clean[key] = value;
  }
  // Thrown in both languages (the CLI's usage error shows one): chiso token create is the caller.
  if (scope !== 'admin' && !clean[scope]) throw new ReasonError(cliText('usageScopeNeeds', { scope }));
  // District names repeat across provinces (Thị xã Tân Châu, An Giang; Huyện Tân Châu, Tây Ninh): a district by name alone is ambiguous.
  if (scope === 'district' && !clean.province) throw new ReasonError(cliText('usageDistrictNeedsProvince'));
  if (scope === 'admin') return {};
  if (scope === 'province') return { province: clean.province };
  if (scope === 'unit') return { unit: clean.unit };
  return { district: clean.district, ...(clean.province ? { province: clean.province } : {}) };
}

/**
 * Makes a new token and stores only its SHA-256. The token is returned once,
 * to show to whoever will use it: `chiso_<id>_<secret>` with a 32-byte secret.
 */
export async function createToken(
  store: SubmissionStore,
  scope: TokenScope,
  target: TokenTarget | string = {},
  options: { label?: string; now?: Date; expiresAt?: Date } = {},
): Promise<{ token: string; record: TokenRecord }> {
  const asTarget: TokenTarget = typeof target === 'string' ? { [scope === 'admin' ? 'unit' : scope]: target } : target;
  const id = randomBytes(8).toString('hex');
  const token = `${TOKEN_PREFIX}_${id}_${randomBytes(32).toString('base64url')}`;
  const record: TokenRecord = {
    id,
    hash: hashToken(token),
    scope,
    target: validateTarget(scope, asTarget),
    label: options.label ?? null,
    createdAt: (options.now ?? new Date()).toISOString(),
    expiresAt: options.expiresAt ? options.expiresAt.toISOString() : null,
    revokedAt: null,
  };
  await store.putToken(record);
  return { token, record };
}

const DUMMY_HASH = Buffer.alloc(32);

/** The principal for an Authorization header, or null when it is missing or not a valid token. */
export async function authenticate(store: SubmissionStore, authorization: string | undefined): Promise<Principal | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return null;
  const token = match[1];
  const parts = TOKEN_PATTERN.exec(token);
  // Read per request (no cache): a token revoked or expired elsewhere stops working at once.
  const record = parts ? await store.getValidToken(parts[1]) : undefined;
  const presented = Buffer.from(hashToken(token), 'hex');
  // Compare even when there is no record, so a miss takes as long as a wrong secret.
  const expected = record ? Buffer.from(record.hash, 'hex') : DUMMY_HASH;
  const equal = expected.length === presented.length && timingSafeEqual(expected, presented);
  if (!record || !equal) return null;
  const principal: Principal = { scope: record.scope, target: record.target, tokenId: record.id, label: record.label };
  // A unit token whose code is in the registry covers what the registry says (the units under it
  // in any year, their predecessors), by code only, never by the names a workbook types.
  if (record.scope === 'unit' && record.target.unit) {
    const covered = await currentCoverage(store, record.target.unit);
    if (covered) principal.covered = covered;
  }
  return principal;
}

/** Administrative prefixes officials write or leave out ("Tỉnh Đồng Nai" = "Đồng Nai"). */
const PLACE_PREFIXES = ['tỉnh ', 'thành phố ', 'tp. ', 'tp ', 'huyện ', 'quận ', 'thị xã ', 'xã ', 'phường ', 'thị trấn '];

export function placeKey(name: string): string {
  let n = normalizeName(name);
  for (const prefix of PLACE_PREFIXES) {
    if (n.startsWith(prefix)) {
      n = n.slice(prefix.length).trim();
      break;
    }
  }
  return n;
}

function samePlace(a: string | undefined, b: string): boolean {
  return a !== undefined && b.trim() !== '' && placeKey(a) === placeKey(b);
}

export interface UnitPlace {
  key: string;
  code: string;
  province: string;
  district: string;
}

/** Whether a principal may read (and upload) data of this unit. */
export function covers(principal: Principal, unit: UnitPlace): boolean {
  const t = principal.target;
  switch (principal.scope) {
    case 'admin':
      return true;
    case 'unit':
      if (principal.covered) return principal.covered.has(unit.code.trim());
      return t.unit !== undefined && (t.unit === unit.code.trim() || t.unit === unit.key);
    case 'district':
      // A district token stored without its province (made before it was required) covers nothing: it was ambiguous.
      return samePlace(t.district, unit.district) && samePlace(t.province, unit.province);
    case 'province':
      return samePlace(t.province, unit.province);
  }
}

/** A submission is visible when the principal covers every unit in it (a roll-up file needs the wider scope). */
export function coversAll(principal: Principal, units: readonly UnitPlace[]): boolean {
  return units.length === 0 ? principal.scope === 'admin' : units.every((u) => covers(principal, u));
}
