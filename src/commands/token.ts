import { type Io, UsageError } from './io.js';
import { parse } from './options.js';

const SCOPES = ['admin', 'province', 'district', 'unit'] as const;

export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    scope: { type: 'string' },
    province: { type: 'string' },
    district: { type: 'string' },
    unit: { type: 'string' },
    label: { type: 'string' },
    data: { type: 'string' },
  });
  if (positionals[0] !== 'create' || positionals.length !== 1) throw new UsageError('usage: chiso token create --scope admin|province|district|unit …');
  const scope = values.scope as (typeof SCOPES)[number];
  if (!SCOPES.includes(scope)) throw new UsageError(`--scope is one of ${SCOPES.join(', ')}`);
  if (scope !== 'admin' && !values[scope]) throw new UsageError(`a ${scope} token needs --${scope} (the ${scope === 'unit' ? 'unit_code' : `${scope} name`} it covers)`);
  const [{ FileStore }, { createToken }] = await Promise.all([import('../store/index.js'), import('../server/auth.js')]);
  const store = await FileStore.open(values.data ?? './data');
  try {
    const { token } = await createToken(store, scope, { province: values.province, district: values.district, unit: values.unit }, { label: values.label });
    io.out(token);
    io.err(`created a ${scope} token${scope === 'admin' ? '' : ` for ${values[scope]}`}; it is shown once and stored only as a hash`);
  } finally {
    await store.close();
  }
  return 0;
}
