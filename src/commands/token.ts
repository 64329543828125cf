import type { Text } from '../diagnostics/catalogue.js';
import { errorText } from '../diagnostics/reasons.js';
import { cliMessage } from '../diagnostics/cli-messages.js';
import { problem } from '../diagnostics/problem.js';
import type { SubmissionStore } from '../store/types.js';
import { EXIT, type Io, printProblems, UsageError, usageError } from './io.js';
import { langFrom, langOptions, parse } from './options.js';
import { storeLocationFrom, storeOptions, withStore } from './store-location.js';

const SCOPES = ['admin', 'province', 'district', 'unit'] as const;

/** `chiso token --help` (also printed after a wrong form), in both languages (--lang). */
export const help: Text = {
  vi: [
    'chiso token create --unit MÃ [--label NHÃN] [--expires SỐ_NGÀY]   (mã của một xã, quận/huyện hoặc tỉnh/thành phố trong danh mục đơn vị của kho dữ liệu)',
    'chiso token create --scope admin [--label NHÃN] [--expires SỐ_NGÀY]',
    'chiso token create --scope province --province TỈNH | --scope district --province TỈNH --district HUYỆN   (theo tên: chỉ khi kho dữ liệu chưa có danh mục đơn vị)',
    'chiso token list',
    'chiso token revoke MÃ_SỐ',
    '  Mọi dạng lệnh đều nhận --data THƯ_MỤC (SQLite, mặc định ./data) hoặc --database postgresql://… (hoặc biến DATABASE_URL).',
    '  Mã truy cập đã thu hồi hoặc hết hạn thôi có hiệu lực trên máy chủ đang chạy ngay từ yêu cầu kế tiếp.',
  ].join('\n'),
  en: [
    'chiso token create --unit CODE [--label L] [--expires DAYS]   (a commune, district or province code of the store\'s units registry)',
    'chiso token create --scope admin [--label L] [--expires DAYS]',
    'chiso token create --scope province --province P | --scope district --province P --district D   (by name: only while the store has no units registry)',
    'chiso token list',
    'chiso token revoke ID',
    '  Every form takes --data DIR (SQLite, default ./data) or --database postgresql://… (or DATABASE_URL).',
    '  A revoked or expired token stops working on a running server at its next request.',
  ].join('\n'),
};

export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    scope: { type: 'string' },
    province: { type: 'string' },
    district: { type: 'string' },
    unit: { type: 'string' },
    label: { type: 'string' },
    expires: { type: 'string' },
    json: { type: 'boolean' },
    ...storeOptions,
    ...langOptions,
  });
  const lang = langFrom(values);
  const [action, ...rest] = positionals;
  const location = storeLocationFrom(values);
  if (action === 'list' && rest.length === 0) {
    return withStore(location, io, lang, async (store) => {
      const tokens = await store.listTokens();
      if (values.json) io.out(JSON.stringify({ tokens: tokens.map(({ hash: _hash, ...t }) => t) }, null, 2));
      else
        for (const t of tokens) {
          const target = t.target.unit ?? t.target.district ?? t.target.province ?? '';
          const state = t.revokedAt ? cliMessage(lang, 'tokenStateRevoked', { at: t.revokedAt }) : t.expiresAt ? cliMessage(lang, 'tokenStateExpires', { at: t.expiresAt }) : cliMessage(lang, 'tokenStateForever');
          io.out([t.id, t.scope, target, t.label ?? '', t.createdAt, state].join('\t'));
        }
      return EXIT.ok;
    });
  }
  if (action === 'revoke' && rest.length === 1) {
    const id = rest[0].replace(/^chiso_([0-9a-f]{16})_.*$/, '$1');
    return withStore(location, io, lang, async (store) => {
      if (await store.revokeToken(id)) {
        io.err(cliMessage(lang, 'tokenRevoked', { id }));
        return EXIT.ok;
      }
      const token = await store.getToken(id);
      io.err(token ? cliMessage(lang, 'tokenAlreadyRevoked', { id, at: String(token.revokedAt) }) : cliMessage(lang, 'tokenUnknown', { id }));
      return token ? EXIT.ok : EXIT.usage;
    });
  }
  if (action !== 'create' || rest.length !== 0) throw new UsageError(help);
  // `--unit CODE` alone is a token for that registry unit (a commune, a district or a province).
  const scope = (values.scope ?? (values.unit ? 'unit' : undefined)) as (typeof SCOPES)[number];
  if (!SCOPES.includes(scope)) throw usageError('usageScope', { scopes: SCOPES.join(', ') });
  if (scope !== 'admin' && !values[scope]) throw usageError('usageScopeNeeds', { scope });
  let expiresAt: Date | undefined;
  if (values.expires !== undefined) {
    const days = Number(values.expires.replace(',', '.'));
    if (!(days > 0)) throw usageError('usageExpires', { value: String(values.expires) });
    expiresAt = new Date(Date.now() + days * 86_400_000);
  }
  const { createToken, validateTarget } = await import('../server/auth.js');
  // A scope without the place it needs is a usage error (exit 64), checked before the store is opened.
  try {
    validateTarget(scope, { province: values.province, district: values.district, unit: values.unit });
  } catch (error) {
    throw new UsageError(errorText(error));
  }
  return withStore(location, io, lang, async (store) => {
    const refusal = await registryRefusal(store, scope, values);
    if (refusal) {
      printProblems(io, [refusal], 'text', lang);
      return EXIT.unscorable;
    }
    const { token } = await createToken(store, scope, { province: values.province, district: values.district, unit: values.unit }, { label: values.label, expiresAt });
    io.out(token);
    io.err(cliMessage(lang, 'tokenCreated', { scope, target: scope === 'admin' ? null : String(values[scope]), until: expiresAt ? expiresAt.toISOString() : null }));
    return EXIT.ok;
  });
}

/**
 * Access is decided from the registry (issue 14): a unit token's code must be in
 * the store's registry, and once there is a registry, districts and provinces
 * are named by code, not by a name another province may share. Tokens made by
 * name before keep working (auth.ts matches them by name as before).
 */
async function registryRefusal(store: SubmissionStore, scope: (typeof SCOPES)[number], values: { unit?: string; district?: string; province?: string }) {
  if (scope === 'admin') return undefined;
  const rows = await store.listRegistry();
  if (scope === 'district' || scope === 'province')
    return rows.length ? problem('token-by-name', { scope, name: (scope === 'district' ? values.district : values.province) ?? '' }, { file: '' }) : undefined;
  const code = (values.unit ?? '').normalize('NFC').trim();
  if (rows.length === 0) return problem('token-unit-unknown.no-registry', { code }, { file: '' });
  if (rows.some((r) => r.code === code)) return undefined;
  // A code typed as a number in a spreadsheet loses its zeros: say which code it stands for.
  const padded = /^[0-9]+$/.test(code) ? [...new Set(rows.filter((r) => r.code.replace(/^0+/, '') === code.replace(/^0+/, '')).map((r) => r.code))] : [];
  return problem('token-unit-unknown', { code, hint: padded.length ? ` (${padded.join(', ')}?)` : '' }, { file: '' });
}
