/**
 * The service's registry cache (src/server/registry-cache.ts): built once per
 * registry version, yet a registry replaced through another store on the same
 * database (another process or instance) counts at the very next call.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { currentCoverage, currentRegistry } from '../../src/server/registry-cache.js';
import type { RegistryUnit } from '../../src/store/types.js';
import { open, storeBackends, type Scratch } from '../store/databases.js';

const scratches: Scratch[] = [];
afterAll(async () => {
  for (const s of scratches) await s.drop();
});

const province: RegistryUnit = { code: '89', name: 'Tỉnh An Giang', level: 'province', parent: null, from: null, to: null, predecessors: [] };
const commune = (code: string, name: string): RegistryUnit => ({ code, name, level: 'commune', parent: '89', from: null, to: null, predecessors: [] });

for (const backend of storeBackends) {
  describe.skipIf(backend.skip)(`the registry cache on ${backend.name}`, { timeout: 30_000 }, () => {
    it('reads the rows once per version and sees a replacement made through another store at the next call', async () => {
      const scratch = await backend.scratch();
      scratches.push(scratch);
      const served = await open(scratch.location);
      const other = await open(scratch.location);
      try {
        let reads = 0;
        const listRegistry = served.listRegistry.bind(served);
        served.listRegistry = () => (reads++, listRegistry());

        expect(await currentRegistry(served)).toBeUndefined(); // empty: no registry
        await other.replaceRegistry([province, commune('30316', 'Phường Long Thạnh')]);
        const first = await currentRegistry(served);
        expect([...first!.byCode.keys()].sort()).toEqual(['30316', '89']);
        expect(reads).toBe(2);
        // Unchanged: the same object, no read of the rows.
        expect(await currentRegistry(served)).toBe(first);
        expect(await currentRegistry(served)).toBe(first);
        expect(reads).toBe(2);
        // Concurrent calls after a change build it once.
        await other.replaceRegistry([province, commune('30316', 'Phường Long Thạnh'), commune('30322', 'Xã Long An')]);
        const [a, b] = await Promise.all([currentRegistry(served), currentRegistry(served)]);
        expect(a).toBe(b);
        expect([...a!.byCode.keys()].sort()).toEqual(['30316', '30322', '89']);
        expect(reads).toBe(3);
        // A replacement with the same number of rows (other names) is a new version too.
        await other.replaceRegistry([province, commune('30316', 'Phường Tân Châu'), commune('30322', 'Xã Long An')]);
        expect((await currentRegistry(served))!.byCode.get('30316')![0].name).toBe('Phường Tân Châu');
        // The province token's coverage follows: the province and its communes, then without the one removed.
        expect([...(await currentCoverage(served, '89'))!].sort()).toEqual(['30316', '30322', '89']);
        await other.replaceRegistry([province, commune('30316', 'Phường Tân Châu')]);
        expect([...(await currentCoverage(served, '89'))!].sort()).toEqual(['30316', '89']);
        expect(await currentCoverage(served, '99999')).toBeNull();
        // Emptied: no registry again.
        await other.replaceRegistry([]);
        expect(await currentRegistry(served)).toBeUndefined();
      } finally {
        await served.close();
        await other.close();
      }
    });
  });
}
