import { mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStore, StoreLockedError, sha256Hex } from '../../src/store/index.js';
import { fakeProblem, fakeScorecard } from './fake-scorecard.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = (text: string) => new TextEncoder().encode(text);

function submission(name: string, code: string, year: number, score = 40) {
  return {
    fileName: `${name} ${year}.xlsx`,
    files: [`${name} ${year}.xlsx`],
    problems: [fakeProblem('warning')],
    scorecards: [fakeScorecard({ name, code, year }, score)],
    confidence: 0.95,
  };
}

describe('FileStore', () => {
  it('stores a submission with its original bytes and finds it again after reopening', async () => {
    const store = await FileStore.open(dir);
    const input = bytes('workbook one');
    const { submission: stored, created } = await store.put(submission('Long Thạnh', '26041', 2023), input);
    expect(created).toBe(true);
    expect(stored.id).toBe(sha256Hex(input).slice(0, 24));
    expect(stored.problemCounts).toEqual({ error: 0, warning: 1, info: 0 });
    await store.close();

    const reopened = await FileStore.open(dir);
    const again = await reopened.get(stored.id);
    expect(again?.scorecards[0].unit.name).toBe('Long Thạnh');
    expect(await reopened.getInput(stored.id)).toEqual(input);
    expect((await reopened.findByHash(sha256Hex(input)))?.id).toBe(stored.id);
    expect(reopened.unreadable).toEqual([]);
    await reopened.close();
  });

  it('returns the same id for the same bytes without writing twice', async () => {
    const store = await FileStore.open(dir);
    const first = await store.put(submission('Long Thạnh', '26041', 2023), bytes('same'));
    const second = await store.put(submission('Long Thạnh', '26041', 2023), bytes('same'));
    expect(second.created).toBe(false);
    expect(second.submission.id).toBe(first.submission.id);
    expect(await store.list()).toHaveLength(1);
    await store.close();
  });

  it('supersedes an older upload for the same unit and year but keeps it in history', async () => {
    const store = await FileStore.open(dir);
    const old = await store.put(submission('Long Thạnh', '26041', 2023, 40), bytes('v1'));
    const other = await store.put(submission('Long Thạnh', '26041', 2022, 35), bytes('2022'));
    const fresh = await store.put(submission('Long Thạnh', '26041', 2023, 42), bytes('v2'));

    expect((await store.get(old.submission.id))?.superseded).toBe(true);
    expect((await store.get(old.submission.id))?.supersededBy).toBe(fresh.submission.id);
    expect((await store.get(other.submission.id))?.superseded).toBe(false);
    expect((await store.latest('26041', 2023))?.id).toBe(fresh.submission.id);

    const history = await store.history('26041');
    expect(history.map((h) => [h.year, h.superseded, h.scorecard.total.score])).toEqual([
      [2022, false, 35],
      [2023, true, 40],
      [2023, false, 42],
    ]);
    const units = await store.listUnits();
    expect(units).toHaveLength(1);
    expect(units[0].years.map((y) => [y.year, y.submissionId])).toEqual([
      [2022, other.submission.id],
      [2023, fresh.submission.id],
    ]);
    expect(units[0].years[1].supersededIds).toEqual([old.submission.id]);
    await store.close();

    // Supersession is derived from commit order, so it survives a reopen unchanged.
    const reopened = await FileStore.open(dir);
    expect((await reopened.get(old.submission.id))?.supersededBy).toBe(fresh.submission.id);
    await reopened.close();
  });

  it('refuses a second writer while the first holds the lock, and takes over a stale lock', async () => {
    const store = await FileStore.open(dir);
    await expect(FileStore.open(dir)).rejects.toBeInstanceOf(StoreLockedError);
    const reader = await FileStore.open(dir, { readOnly: true });
    await expect(reader.put(submission('A', '1', 2023), bytes('x'))).rejects.toThrow(/read-only/);
    await store.close();
    // A lock left by a dead process is stale.
    await writeFile(join(dir, 'LOCK'), '999999999');
    const next = await FileStore.open(dir);
    await next.close();
  });

  it('cleans up unfinished writes and reports unreadable entries instead of failing', async () => {
    const store = await FileStore.open(dir);
    await store.put(submission('A', '1', 2023), bytes('a'));
    await store.close();
    await mkdir(join(dir, 'tmp', 'half-written'), { recursive: true });
    await mkdir(join(dir, 'submissions', 'deadbeef'), { recursive: true });
    await writeFile(join(dir, 'submissions', 'deadbeef', 'submission.json'), '{"id": "dead');
    const reopened = await FileStore.open(dir);
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
    expect(reopened.unreadable.map((u) => u.name)).toEqual(['deadbeef']);
    expect(await reopened.list()).toHaveLength(1);
    await reopened.close();
  });

  it('keeps tokens', async () => {
    const store = await FileStore.open(dir);
    const token = { id: 'abcd', hash: 'a'.repeat(64), scope: 'unit' as const, target: { unit: '26041' }, label: null, createdAt: new Date().toISOString() };
    await store.putToken(token);
    await store.close();
    const reopened = await FileStore.open(dir);
    expect(await reopened.getToken('abcd')).toEqual(token);
    expect(await reopened.deleteToken('abcd')).toBe(true);
    expect(await reopened.listTokens()).toEqual([]);
    await reopened.close();
  });
});
