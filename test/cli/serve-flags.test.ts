/** `chiso serve` flags of issue 19 that fail before anything starts (usage errors, exit 64). */
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { captureIo } from './io.js';

async function serve(args: string[]) {
  const io = captureIo();
  const code = await run(['serve', '--no-samples', '--port', '0', ...args], io);
  return { code, err: io.stderr.join('\n') };
}

describe('chiso serve flags', () => {
  it('wants --tls-cert and --tls-key together, and readable', async () => {
    // Vietnamese by default, English with --lang en (src/diagnostics/cli-messages.ts).
    expect(await serve(['--tls-cert', 'cert.pem'])).toMatchObject({ code: 64, err: expect.stringContaining('--tls-cert và --tls-key phải dùng cùng nhau') });
    expect(await serve(['--tls-cert', 'cert.pem', '--lang', 'en'])).toMatchObject({ code: 64, err: expect.stringContaining('--tls-cert and --tls-key go together') });
    expect(await serve(['--tls-cert', '/nonexistent/cert.pem', '--tls-key', '/nonexistent/key.pem'])).toMatchObject({ code: 64, err: expect.stringContaining('không đọc được tệp (ENOENT)') });
    expect(await serve(['--tls-cert', '/nonexistent/cert.pem', '--tls-key', '/nonexistent/key.pem', '--lang=en'])).toMatchObject({ code: 64, err: expect.stringContaining('cannot read it (ENOENT)') });
  });

  it('checks the work limits', async () => {
    expect((await serve(['--max-scorings', '0'])).code).toBe(64);
    expect((await serve(['--max-queue', 'many'])).code).toBe(64);
    expect((await serve(['--timeout-s', '-1'])).code).toBe(64);
  });
});
