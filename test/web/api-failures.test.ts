/**
 * When there is no chiso answer to show (the server cannot be reached, or a proxy answers with
 * its own page), the workbench says so in its language, not with the browser's "Failed to fetch",
 * a JSON parser's "Unexpected token <" or a bare "HTTP 502".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => vi.unstubAllGlobals());

class FailingXhr {
  upload = { onprogress: null };
  status = 0;
  response = null;
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  open() {}
  send() {
    queueMicrotask(() => this.onerror?.());
  }
}

class ProxyXhr extends FailingXhr {
  override status = 502;
  override send() {
    queueMicrotask(() => this.onload?.());
  }
}

const expected = {
  vi: { network: 'không kết nối được với máy chủ chiso; hãy kiểm tra mạng rồi thử lại', proxy: 'máy chủ báo lỗi 502; hãy thử lại, hoặc báo cho người quản lý máy chủ' },
  en: { network: 'the chiso server could not be reached; check the network and try again', proxy: 'the server answered with error 502; try again, or ask whoever runs the server' },
};

describe('the workbench without a chiso answer', () => {
  it('says the server cannot be reached, or answered with an error, in its own language', async () => {
    vi.stubGlobal('document', { documentElement: { lang: '' } });
    const { api, getBytes, uploadWorkbook } = await import('../../src/web/api.js');
    const { setLocale } = await import('../../src/web/i18n.js');
    for (const lang of ['vi', 'en'] as const) {
      setLocale(lang);
      vi.stubGlobal('fetch', async () => {
        throw new TypeError('Failed to fetch');
      });
      await expect(api.units()).rejects.toThrow(expected[lang].network);
      await expect(getBytes('/api/submissions/x/input.xlsx?lang=vi')).rejects.toThrow(expected[lang].network);
      vi.stubGlobal('XMLHttpRequest', FailingXhr);
      expect(await uploadWorkbook(new Blob(['x']) as File, () => undefined)).toEqual({ ok: false, status: 0, error: { code: 'network', message: expected[lang].network } });

      // A proxy in front of the service answers 502 with an HTML page.
      vi.stubGlobal('fetch', async () => new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }));
      await expect(api.units()).rejects.toThrow(expected[lang].proxy);
      await expect(getBytes('/api/submissions/x/input.xlsx?lang=vi')).rejects.toThrow(expected[lang].proxy);
      vi.stubGlobal('XMLHttpRequest', ProxyXhr);
      expect(await uploadWorkbook(new Blob(['x']) as File, () => undefined)).toEqual({ ok: false, status: 502, error: { code: 'http', message: expected[lang].proxy } });

      // chiso's own refusal still shows its message (already in the requester's language).
      vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ error: { code: 'not-found', message: 'không tìm thấy' } }), { status: 404 }));
      await expect(api.submission('x')).rejects.toThrow('không tìm thấy');
    }
  });

  it('no English fallback is written by hand in src/web', () => {
    const dir = join(import.meta.dirname, '../../src/web');
    const offending = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /'network error'|`HTTP \$\{|new Error\(`\$\{response\.status\}`\)/.test(readFileSync(join(dir, f), 'utf8')));
    expect(offending).toEqual([]);
  });
});
