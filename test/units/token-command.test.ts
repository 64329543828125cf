/**
 * `chiso token create --unit CODE` (issue 14): the code must be in the store's
 * registry (else exit 2, nothing created); with a registry, district and
 * province tokens are by code, so one named like a district of another
 * province covers only its own communes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { authenticate, covers } from '../../src/server/auth.js';
import { openStore } from '../../src/store/index.js';
import { captureIo } from '../cli/io.js';
import { TEST_REGISTRY_CSV } from './registry.js';

/** A second province with a district of the same name as 980 "Huyện Đông". */
const TWO_PROVINCES = `${TEST_REGISTRY_CSV}97,Tỉnh Khác,province,,,,\n970,Huyện Đông,district,97,,2024,\n97001,Xã Bắc,commune,970,,2024,\n`;

describe('chiso token create --unit CODE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chiso-token-units-'));
  const data = join(dir, 'data');
  const registry = join(dir, 'units.csv');
  writeFileSync(registry, TWO_PROVINCES);

  it('refuses a code while the store has no registry, then a code not in it; creates one for a registry code without --scope', async () => {
    const none = captureIo();
    expect(await run(['token', 'create', '--unit', '980', '--data', data, '--lang', 'en'], none)).toBe(2);
    expect(none.stderr.join('\n')).toMatch(/token-unit-unknown: the store has no units registry; import one \(chiso units import units.csv\)/);
    expect(none.stdout).toEqual([]);

    expect(await run(['units', 'import', registry, '--data', data], captureIo())).toBe(0);
    const unknown = captureIo();
    expect(await run(['token', 'create', '--unit', '98999', '--data', data], unknown)).toBe(2);
    expect(unknown.stderr.join('\n')).toMatch(/mã đơn vị "98999" không có trong danh mục đơn vị của kho dữ liệu; không tạo thẻ/);
    const byName = captureIo();
    expect(await run(['token', 'create', '--scope', 'district', '--province', 'Tỉnh Thử Nghiệm', '--district', 'Huyện Đông', '--data', data, '--lang', 'en'], byName)).toBe(2);
    expect(byName.stderr.join('\n')).toMatch(/token-by-name: no token created for district "Huyện Đông" by name/);

    const made = captureIo();
    expect(await run(['token', 'create', '--unit', '980', '--label', 'Huyện Đông', '--data', data], made)).toBe(0);
    const token = made.stdout[0];
    expect(token).toMatch(/^chiso_[0-9a-f]{16}_/);
    const listed = captureIo();
    await run(['token', 'list', '--data', data], listed);
    expect(listed.stdout).toHaveLength(1);
    expect(listed.stdout[0]).toMatch(/\tunit\t980\t/);

    // The district token is no longer ambiguous: Huyện Đông of Tỉnh Khác (970) is not covered, whatever names a workbook types.
    const store = await openStore({ dataDir: data, log: () => undefined });
    try {
      const principal = (await authenticate(store, `Bearer ${token}`))!;
      const place = (code: string) => ({ key: code, code, district: 'Huyện Đông', province: 'Tỉnh Thử Nghiệm' });
      expect(covers(principal, place('98001'))).toBe(true);
      expect(covers(principal, place('98002'))).toBe(true);
      expect(covers(principal, place('97001'))).toBe(false);
      expect(covers(principal, place('98003'))).toBe(false); // Huyện Tây's commune
    } finally {
      await store.close();
    }
  });
});
