/**
 * The workbench sends `?lang` on every API call (issue 19 follow-up): each
 * function of src/web/api.ts and the desk's calls are made against a recording
 * fetch / XMLHttpRequest, in both languages; and no source file of the
 * workbench writes an /api/ address by hand, outside apiUrl().
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const seen: string[] = [];
const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

class RecordingXhr {
  upload = { onprogress: null };
  status = 201;
  response = { id: 'x' };
  onload: (() => void) | null = null;
  open(_method: string, url: string) {
    seen.push(url);
  }
  send() {
    queueMicrotask(() => this.onload?.());
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  seen.length = 0;
});

describe('the workbench API calls', () => {
  it('all carry lang=<the workbench language>, in Vietnamese and in English', async () => {
    vi.stubGlobal('fetch', async (url: string) => {
      seen.push(url);
      return url.startsWith('/api/submissions?') ? ok({ submissions: [] }) : url.startsWith('/api/league/of') ? ok({ place: null }) : ok({});
    });
    vi.stubGlobal('XMLHttpRequest', RecordingXhr);
    vi.stubGlobal('document', { documentElement: { lang: '' } });
    const { api, uploadWorkbook } = await import('../../src/web/api.js');
    const { leagueOf, placeCode } = await import('../../src/web/desk-view.js');
    const { setLocale } = await import('../../src/web/i18n.js');
    for (const lang of ['vi', 'en'] as const) {
      setLocale(lang);
      seen.length = 0;
      await api.units();
      await api.submissions();
      await api.submission('abc');
      await api.history('06268');
      await api.compare('06268', '2023', '2024');
      await api.whoami();
      await api.signIn('t');
      await api.signOut();
      await uploadWorkbook(new Blob(['x']) as File, () => undefined);
      await leagueOf('89', 2024);
      await placeCode(['06268'], 2024, 'province');
      seen.push(api.compareXlsxUrl('06268', '2023', '2024'), api.reportUrl('abc'), api.inputUrl('abc'), api.templateUrl());
      // 11 calls and 4 download addresses (the desk's league.xlsx link is checked by the source scan below).
      expect(seen).toHaveLength(15);
      for (const url of seen) {
        expect(url, url).toMatch(/^\/api\//);
        expect(new URLSearchParams(url.slice(url.indexOf('?') + 1)).get('lang'), url).toBe(lang);
      }
    }
  });

  it('are all built by apiUrl(): no /api/ address is written by hand in src/web', () => {
    const dir = join(import.meta.dirname, '../../src/web');
    const offending: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const lines = readFileSync(join(dir, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        // A string or template literal starting with /api/ (comments are not code).
        if (/^\s*(\*|\/\/|\/\*)/.test(line)) return;
        for (const m of line.matchAll(/['"`]\/api\//g)) {
          const before = line.slice(0, m.index);
          if (!/apiUrl\($/.test(before)) offending.push(`${file}:${i + 1}: ${line.trim()}`);
        }
      });
    }
    expect(offending).toEqual([]);
  });
});
