import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { sha256Hex, SCHEMA_VERSION } from '../../src/store/index.js';
import { backends, open, type Scratch } from './databases.js';
import { fakeProblem, fakeScorecard } from './fake-scorecard.js';

function capture() {
  const lines: string[] = [];
  return { lines, io: { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t), progress: () => undefined } };
}

/** Writes a data directory exactly as the old FileStore laid it out (format version 1). */
async function writeOldFileStore(dir: string, workbooks: { name: string; code: string; year: number; bytes: Uint8Array; seq: number }[]) {
  await mkdir(join(dir, 'submissions'), { recursive: true });
  await mkdir(join(dir, 'tokens'), { recursive: true });
  await writeFile(join(dir, 'chiso-store.json'), JSON.stringify({ format: 'chiso-file-store', version: 1, createdAt: '2026-01-01T00:00:00.000Z' }));
  const ids: string[] = [];
  for (const w of workbooks) {
    const sha256 = sha256Hex(w.bytes);
    const id = sha256.slice(0, 24);
    ids.push(id);
    const card = fakeScorecard({ name: w.name, code: w.code, year: w.year }, 30 + w.seq);
    await mkdir(join(dir, 'submissions', id));
    await writeFile(join(dir, 'submissions', id, 'input.xlsx'), w.bytes);
    await writeFile(
      join(dir, 'submissions', id, 'submission.json'),
      JSON.stringify({
        id, sha256, fileName: `${w.name}.xlsx`, size: w.bytes.byteLength, uploadedAt: `2026-01-0${w.seq}T00:00:00.000Z`, seq: w.seq, uploadedBy: 'local', confidence: 0.95,
        units: [{ key: w.code, code: w.code, name: w.name, province: card.unit.province, district: card.unit.district, year: w.year, framework: 'papi-29', respondents: 30, total: card.total }],
        problemCounts: { error: 0, warning: 1, info: 0 }, files: [`${w.name}.xlsx`], problems: [fakeProblem('warning')], scorecards: [card],
      }),
    );
  }
  await writeFile(
    join(dir, 'tokens', '0123456789abcdef.json'),
    JSON.stringify({ id: '0123456789abcdef', hash: 'c'.repeat(64), scope: 'district', target: { district: 'Long Thành' }, label: 'huyện', createdAt: '2026-01-01T00:00:00.000Z' }),
  );
  return ids;
}

for (const backend of backends) {
  describe.skipIf(backend.skip)(`chiso store on ${backend.name}`, { timeout: 30_000 }, () => {
    let scratch: Scratch;
    let dir: string;
    afterEach(async () => {
      await scratch.drop();
      await rm(dir, { recursive: true, force: true });
    });
    const where = () => (scratch.location.databaseUrl ? ['--database', scratch.location.databaseUrl] : ['--data', scratch.location.dataDir!]);

    it('imports every submission and token of an old file store, verified by hash, once', async () => {
      scratch = await backend.scratch();
      dir = await mkdtemp(join(tmpdir(), 'chiso-old-store-'));
      const enc = (t: string) => new TextEncoder().encode(t);
      const ids = await writeOldFileStore(dir, [
        { name: 'Long Thạnh', code: '26041', year: 2023, bytes: enc('first'), seq: 1 },
        { name: 'Long Thạnh', code: '26041', year: 2023, bytes: enc('second'), seq: 2 },
        { name: 'Phước Thái', code: '26050', year: 2023, bytes: enc('third'), seq: 3 },
        { name: 'Hỏng', code: '1', year: 2023, bytes: enc('tampered later'), seq: 4 },
      ]);
      // One workbook no longer matches its recorded hash: it is rejected, named, and the rest still import.
      await writeFile(join(dir, 'submissions', ids[3], 'input.xlsx'), 'changed on disk');
      const { lines, io } = capture();
      expect(await run(['store', 'import-files', dir, ...where(), '--lang', 'en'], io)).toBe(1);
      const changed = sha256Hex(new TextEncoder().encode('changed on disk'));
      expect(lines).toContain(`${dir}/submissions/${ids[3]}: error import-rejected: not imported: input.xlsx has SHA-256 ${changed}, the submission says ${sha256Hex(enc('tampered later'))}`);
      expect(lines.at(-1)).toContain('imported 3 submission(s) (0 already there) and 1 token(s)');

      const store = await open(scratch.location);
      const listed = await store.list();
      expect(listed.map((s) => s.id)).toEqual([ids[2], ids[1], ids[0]]);
      // Commit order and supersession survive: the second upload of 26041/2023 is current.
      expect((await store.latest('26041', 2023))?.id).toBe(ids[1]);
      expect(listed.find((s) => s.id === ids[0])).toMatchObject({ superseded: true, supersededBy: ids[1], uploadedAt: '2026-01-01T00:00:00.000Z', uploadedBy: 'local' });
      expect(new TextDecoder().decode(await store.getInput(ids[2]))).toBe('third');
      expect(await store.getToken('0123456789abcdef')).toMatchObject({ scope: 'district', target: { district: 'Long Thành' }, label: 'huyện', revokedAt: null });
      await store.close();

      const second = capture();
      expect(await run(['store', 'import-files', dir, ...where()], second.io)).toBe(1);
      // Vietnamese by default; the code stays the same.
      expect(second.lines).toContain(`${dir}/submissions/${ids[3]}: error import-rejected: không nhập: input.xlsx có mã băm SHA-256 ${changed}, nhưng tệp đã gửi ghi ${sha256Hex(enc('tampered later'))}`);
      expect(second.lines.at(-1)).toContain('đã nhập 0 tệp đã gửi (3 tệp đã có sẵn) và 0 mã truy cập');
    });

    it('says in one line when the store cannot be reached', async () => {
    scratch = await backend.scratch();
    dir = await mkdtemp(join(tmpdir(), 'chiso-unused-'));
    const out = capture();
    // Port 1: nothing listens there.
    expect(await run(['token', 'list', '--database', 'postgresql://postgres@127.0.0.1:1/none', '--lang', 'en'], out.io)).toBe(2);
    expect(out.lines).toEqual([expect.stringMatching(/^DATABASE_URL: error store-unavailable: cannot open the store: .*ECONNREFUSED/)]);
  });

  it('says where a directory is not an old file store', async () => {
      scratch = await backend.scratch();
      dir = await mkdtemp(join(tmpdir(), 'chiso-not-a-store-'));
      const { lines, io } = capture();
      expect(await run(['store', 'import-files', dir, ...where()], io)).toBe(2);
      // Vietnamese by default, English with --lang en; the reason of the missing file in words in both.
      const path = join(dir, 'chiso-store.json');
      expect(lines.join('\n')).toContain(`chiso store import-files: không nhập được (${dir} không phải thư mục dữ liệu cũ của chiso (${path}: không tìm thấy tệp (ENOENT)))`);
      const en = capture();
      expect(await run(['store', 'import-files', dir, ...where(), '--lang', 'en'], en.io)).toBe(2);
      expect(en.lines.join('\n')).toContain(`chiso store import-files: ${dir} is not a chiso file store (${path}: no such file (ENOENT))`);
    });

    it('migrates, then refuses a store from a newer chiso with exit 2 and one clear line', async () => {
      scratch = await backend.scratch();
      dir = await mkdtemp(join(tmpdir(), 'chiso-unused-'));
      const first = capture();
      expect(await run(['store', 'migrate', ...where()], first.io)).toBe(0);
      expect(first.lines.join('\n')).toContain(`từ phiên bản cấu trúc 0 lên ${SCHEMA_VERSION}`);
      const again = capture();
      expect(await run(['store', 'migrate', ...where(), '--lang', 'en'], again.io)).toBe(0);
      expect(again.lines.join('\n')).toContain(`is at schema version ${SCHEMA_VERSION}, nothing to do`);

      const store = await open(scratch.location);
      await store.db.batch([{ sql: "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', 'x')", args: [SCHEMA_VERSION + 1] }]);
      await store.close();
      for (const args of [['store', 'migrate'], ['token', 'list'], ['serve', '--port', '0', '--no-samples']]) {
        const out = capture();
        expect(await run([...args, ...where(), '--lang', 'en'], out.io)).toBe(2);
        expect(out.lines).toHaveLength(1);
        expect(out.lines[0]).toMatch(new RegExp(`: error store-too-new: the store .* has schema version ${SCHEMA_VERSION + 1}, written by a newer chiso; this chiso knows versions up to ${SCHEMA_VERSION}. The store was not changed$`));
      }
      const vi = capture();
      expect(await run(['token', 'list', ...where()], vi.io)).toBe(2);
      expect(vi.lines[0]).toMatch(new RegExp(`: error store-too-new: kho dữ liệu .* có lược đồ phiên bản ${SCHEMA_VERSION + 1}, do chiso mới hơn tạo ra; chiso này chỉ biết đến phiên bản ${SCHEMA_VERSION}`));
    });
  });
}

describe('chiso store backup', () => {
  it('copies the SQLite store consistently while another connection keeps writing', { timeout: 30_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chiso-backup-'));
    try {
      const store = await open({ dataDir: join(dir, 'data') });
      const put = (i: number) =>
        store.put({ fileName: `${i}.xlsx`, files: [], problems: [], scorecards: [fakeScorecard({ name: `X${i}`, code: String(i), year: 2024 })], confidence: 0.95 }, new TextEncoder().encode(`w${i}`));
      for (let i = 0; i < 5; i++) await put(i);
      // Writes keep coming while the backup runs.
      const writing = (async () => {
        for (let i = 5; i < 25; i++) await put(i);
      })();
      const { lines, io } = capture();
      expect(await run(['store', 'backup', join(dir, 'copy.db'), '--data', join(dir, 'data')], io)).toBe(0);
      await writing;
      await store.close();
      expect(lines.join('\n')).toContain('chiso store: đã sao lưu');
      // The copy is a store of its own: open it as one and every submission in it is whole.
      await mkdir(join(dir, 'restored'));
      await writeFile(join(dir, 'restored', 'chiso.db'), await readFile(join(dir, 'copy.db')));
      const restored = await open({ dataDir: join(dir, 'restored') });
      const listed = await restored.list();
      expect(listed.length).toBeGreaterThanOrEqual(5);
      for (const s of listed) expect(await restored.getInput(s.id)).toBeDefined();
      await restored.close();
      const refuse = capture();
      expect(await run(['store', 'backup', join(dir, 'copy.db'), '--data', join(dir, 'data')], refuse.io)).toBe(64);
      expect(refuse.lines.join('\n')).toContain('đã có; hãy chọn tên tệp khác');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
