import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { messageIn, problem } from '../../src/diagnostics/problem.js';
import { ReasonError } from '../../src/diagnostics/reasons.js';
import { FrameworkError, frameworkIssues, frameworkProblems, loadFramework } from '../../src/framework/load.js';
import { validateTarget } from '../../src/server/auth.js';
import { readFileStore } from '../../src/store/file-store-reader.js';
import { captureIo } from '../cli/io.js';

/**
 * The messages other modules used to pass through in English: the framework
 * loader's errors, validateTarget's refusals (inside a usage error) and the old
 * file store's rejection reasons. Each now has both languages (the reasons'
 * parity test checks every text; these check that they are the ones shown).
 * Expected strings are written out by hand from the templates.
 */
const thrown = (f: () => unknown): ReasonError => {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(ReasonError);
    return error as ReasonError;
  }
  throw new Error('did not throw');
};

describe('the framework loader', () => {
  it('an unknown or malformed id: a FrameworkError with its reason in both languages', () => {
    const unknown = thrown(() => loadFramework('papi-99'));
    expect(unknown).toBeInstanceOf(FrameworkError);
    expect(unknown.reason).toEqual({
      code: 'framework-unknown',
      vi: 'không có bộ chỉ số "papi-99" (các bộ có sẵn: papi-28, papi-29)',
      en: 'Unknown framework "papi-99" (known: papi-28, papi-29)',
    });
    // The English message is what it was (callers matching it keep working).
    expect(unknown.message).toBe('Unknown framework "papi-99" (known: papi-28, papi-29)');
    expect(thrown(() => loadFramework('Papi_28')).reason).toEqual({
      code: 'framework-bad-id',
      vi: 'mã bộ chỉ số "Papi_28" không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu "-"',
      en: 'Invalid framework id "Papi_28": use lower-case letters, digits and "-"',
    });
  });

  it('the cross-reference problems in both languages, the English ones unchanged', () => {
    const fw = loadFramework('papi-28');
    const sub = fw.subdimensions[0];
    sub.dimension = '99';
    fw.items.push({ ...fw.items[0] });
    const issues = frameworkIssues(fw);
    const item = fw.items[0].code;
    expect(issues.map((i) => i.code)).toEqual(['framework-subdimension-parent', 'framework-item-twice']);
    expect(issues.map((i) => i.vi)).toEqual([`nội dung thành phần ${sub.code}: không có chỉ số nội dung "99"`, `câu hỏi ${item} được khai báo hai lần`]);
    expect(frameworkProblems(fw)).toEqual([`sub-dimension ${sub.code}: unknown dimension "99"`, `item ${item} is listed twice`]);
  });

  it('chiso template --framework papi-99: the usage error in the language asked for', async () => {
    const vi = captureIo();
    expect(await run(['template', '--framework', 'papi-99', '-o', join(tmpdir(), 'never.xlsx')], vi)).toBe(64);
    expect(vi.stderr[0]).toMatch(/^chiso template: không có bộ chỉ số "papi-99" \(các bộ có sẵn: papi-28, papi-29\)\n\nchiso template \[-o TỆP\]/);
    const en = captureIo();
    expect(await run(['template', '--framework', 'papi-99', '--lang', 'en'], en)).toBe(64);
    expect(en.stderr[0]).toMatch(/^chiso template: Unknown framework "papi-99" \(known: papi-28, papi-29\)\n\nchiso template \[-o F\]/);
  });
});

describe('validateTarget', () => {
  it('throws its refusals in both languages', () => {
    expect(thrown(() => validateTarget('province', {})).reason).toEqual({
      vi: 'mã truy cập phạm vi province cần --province (tên tỉnh/thành phố mà mã áp dụng)',
      en: 'a province token needs --province (the province name it covers)',
    });
    expect(thrown(() => validateTarget('district', { district: 'Huyện Châu Thành' })).reason.en).toBe(
      'a district token by name needs its province too (--province); better, a registry code (--unit CODE)',
    );
    expect(validateTarget('district', { district: ' Huyện Châu Thành ', province: 'Tỉnh An Giang' })).toEqual({ district: 'Huyện Châu Thành', province: 'Tỉnh An Giang' });
  });

  it('chiso token create: the refusal inside the usage error follows --lang', async () => {
    const data = await mkdtemp(join(tmpdir(), 'chiso-target-'));
    const vi = captureIo();
    expect(await run(['token', 'create', '--scope', 'district', '--district', 'Huyện Châu Thành', '--data', data], vi)).toBe(64);
    expect(vi.stderr[0]).toMatch(
      /^chiso token: mã truy cập cho một quận\/huyện theo tên cần cả tỉnh\/thành phố của nó \(--province\), vì tên quận\/huyện có thể trùng giữa các tỉnh; tốt hơn là dùng mã trong danh mục đơn vị \(--unit MÃ\)\n\nchiso token create --unit MÃ/,
    );
    // A code of blanks is no code: refused as a missing one.
    const en = captureIo();
    expect(await run(['token', 'create', '--unit', '   ', '--data', data, '--lang', 'en'], en)).toBe(64);
    expect(en.stderr[0]).toMatch(/^chiso token: a unit token needs --unit \(the unit_code it covers\)\n\nchiso token create --unit CODE/);
    const blankVi = captureIo();
    expect(await run(['token', 'create', '--unit', '   ', '--data', data], blankVi)).toBe(64);
    expect(blankVi.stderr[0]).toMatch(/^chiso token: mã truy cập phạm vi unit cần --unit \(mã đơn vị \(unit_code\) mà mã áp dụng\)\n/);
  });
});

describe('the old file store reader', () => {
  const store = async (meta: object) => {
    const dir = await mkdtemp(join(tmpdir(), 'chiso-old-store-'));
    await writeFile(join(dir, 'chiso-store.json'), JSON.stringify(meta));
    return dir;
  };
  const record = (id: string) => ({
    id,
    sha256: id.padEnd(64, '0'),
    fileName: 'a.xlsx',
    size: 1,
    uploadedAt: '2025-01-02T03:04:05Z',
    seq: 1,
    uploadedBy: null,
    confidence: 0.95,
    files: ['a.xlsx'],
    problems: [],
    scorecards: [],
  });

  it('says why each entry is rejected, in both languages, with a code', async () => {
    const dir = await store({ format: 'chiso-file-store', version: 1 });
    await mkdir(join(dir, 'submissions', 'aaaa'), { recursive: true });
    await writeFile(join(dir, 'submissions', 'aaaa', 'submission.json'), '{not json');
    await mkdir(join(dir, 'submissions', 'bbbb'), { recursive: true });
    await writeFile(join(dir, 'submissions', 'bbbb', 'submission.json'), JSON.stringify(record('bbbb')));
    await mkdir(join(dir, 'tokens'));
    await writeFile(join(dir, 'tokens', 't.json'), JSON.stringify({ id: 'zz' }));
    const { rejected } = await readFileStore(dir);
    expect(rejected.map((r) => [r.name, r.reason.code])).toEqual([
      ['submissions/aaaa', 'file-store-json'],
      ['submissions/bbbb', 'file-store-unreadable'],
      ['tokens/t.json', 'file-store-record'],
    ]);
    const [json, missing, token] = rejected.map((r) => r.reason);
    expect(json.vi).toMatch(/^submission\.json không phải JSON hợp lệ \(chi tiết kỹ thuật: .+\)$/);
    expect(json.en).toMatch(/^submission\.json is not valid JSON: .+$/);
    expect(missing).toEqual({ code: 'file-store-unreadable', vi: 'không đọc được input.xlsx: không tìm thấy tệp (ENOENT)', en: 'cannot read input.xlsx: no such file (ENOENT)' });
    expect(token.vi).toMatch(/^t\.json thiếu trường hoặc có trường sai kiểu \(chi tiết kỹ thuật: .*hash.*\)$/);
    expect(token.en).toMatch(/^t\.json is not a valid record: /);
    // As import-rejected's parameter: the catalogue's words around the reason's, in each language.
    const p = problem('import-rejected', { reason: missing }, { file: `${dir}/submissions/bbbb` });
    expect(messageIn(p, 'vi')).toBe('không nhập: không đọc được input.xlsx: không tìm thấy tệp (ENOENT)');
    expect(messageIn(p, 'en')).toBe('not imported: cannot read input.xlsx: no such file (ENOENT)');
  });

  it('refuses a directory of another version in both languages; the CLI prints the one asked for', async () => {
    const dir = await store({ format: 'chiso-file-store', version: 2 });
    const error = await readFileStore(dir).then(
      () => undefined,
      (e: unknown) => e as ReasonError,
    );
    expect(error).toBeInstanceOf(ReasonError);
    expect(error!.reason).toEqual({
      code: 'file-store-version',
      vi: `${dir}: không phải thư mục dữ liệu cũ của chiso phiên bản 1 (ghi định dạng chiso-file-store, phiên bản 2)`,
      en: `${dir}: not a chiso file store of version 1 (format chiso-file-store, version 2)`,
    });
    const data = await mkdtemp(join(tmpdir(), 'chiso-new-store-'));
    const vi = captureIo();
    expect(await run(['store', 'import-files', dir, '--data', data], vi)).toBe(2);
    expect(vi.stderr).toContain(`chiso store import-files: không nhập được (${error!.reason.vi})`);
    const en = captureIo();
    expect(await run(['store', 'import-files', dir, '--data', data, '--lang', 'en'], en)).toBe(2);
    expect(en.stderr).toContain(`chiso store import-files: ${error!.reason.en}`);
  });
});
