/**
 * The CLI's own lines that are not diagnostics: progress ("đã ghi …", "đang theo
 * dõi …"), confirmations and the command-level refusals printed beside them. They
 * follow `--lang` like every message (Vietnamese by default, contract.md), and
 * live here, next to the catalogue, so no command writes English by hand; a
 * parity test (test/diagnostics/cliMessages.test.ts) renders every entry in both
 * languages. Problems about the input are the catalogue's, not these.
 */
import type { Lang } from './lang.js';

type Render<P> = (p: P) => string;
interface Entry<P> {
  vi: Render<P>;
  en: Render<P>;
}
const entry = <P = Record<string, never>>(vi: Render<P>, en: Render<P>): Entry<P> => ({ vi, en });

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const cliMessages = {
  checking: entry<{ file: string }>((p) => `đang kiểm tra ${p.file}`, (p) => `checking ${p.file}`),
  scoring: entry<{ file: string }>((p) => `đang tính điểm ${p.file}`, (p) => `scoring ${p.file}`),
  scored: entry<{ file: string; respondents: number; seconds: string }>(
    (p) => `${p.file}: ${p.respondents} người trả lời, ${p.seconds} giây`,
    (p) => `${p.file}: ${p.respondents} respondents in ${p.seconds} s`,
  ),
  planTargets: entry<{ file: string; unit: string; year: number | string }>(
    (p) => `${p.file}: chỉ tiêu của ${p.unit} năm ${p.year}`,
    (p) => `${p.file}: targets of ${p.unit} ${p.year}`,
  ),
  wrote: entry<{ file: string }>((p) => `đã ghi ${p.file}`, (p) => `wrote ${p.file}`),
  annotateRebuilt: entry<{ file: string }>(
    (p) => `không sao chép được tệp đầu vào cùng định dạng của nó (thư viện exceljs không mở được tệp như đã lưu); ${p.file} chứa các giá trị chiso đã đọc, kèm các đánh dấu`,
    (p) => `the input could not be copied with its formatting (exceljs cannot load it as written); ${p.file} holds the values chiso read, with the marks`,
  ),
  annotateExport: entry<{ file: string }>(
    (p) => `${p.file}: --annotate chỉ đánh dấu trên tệp nhập liệu theo mẫu của chiso; các vấn đề của tệp xuất từ phần mềm khảo sát đã được liệt kê, kèm số dòng và cột`,
    (p) => `${p.file}: --annotate marks template workbooks; an export's problems are listed with their row and column`,
  ),
  sampleSeedUnit: entry<{ unit: string }>(
    (p) => `${p.unit} là đơn vị có trong các kế hoạch mẫu: đã điền sẵn chỉ tiêu và nhiệm vụ của kế hoạch`,
    (p) => `${p.unit} is a seed-plan unit: its targets and plan tasks are filled in`,
  ),
  sampleWrote: entry<{ file: string; respondents: number; framework: string; seed: number }>(
    (p) => `đã ghi ${p.file} (${p.respondents} người trả lời, bộ chỉ số ${p.framework}, số khởi tạo ngẫu nhiên ${p.seed})`,
    (p) => `wrote ${p.file} (${p.respondents} respondents, framework ${p.framework}, seed ${p.seed})`,
  ),
  samplesWrote: entry<{ file: string; unit: string; year: number | string; respondents: number; framework: string; errors: boolean }>(
    (p) => `đã ghi ${p.file} (${p.unit} năm ${p.year}, ${p.respondents} người trả lời, bộ chỉ số ${p.framework}${p.errors ? ', có lỗi cố ý để minh họa' : ''})`,
    (p) => `wrote ${p.file} (${p.unit} ${p.year}, ${p.respondents} respondents, ${p.framework}${p.errors ? ', with deliberate errors' : ''})`,
  ),
  templateWrote: entry<{ file: string; framework: string; items: number }>(
    (p) => `đã ghi ${p.file} (bộ chỉ số ${p.framework}, ${p.items} câu hỏi)`,
    (p) => `wrote ${p.file} (framework ${p.framework}, ${p.items} items)`,
  ),
  xlsformWrote: entry<{ file: string; form: string; version: string; items: number }>(
    (p) => `đã ghi ${p.file} (biểu mẫu ${p.form}, phiên bản ${p.version}, ${p.items} câu hỏi)`,
    (p) => `wrote ${p.file} (form ${p.form}, version ${p.version}, ${p.items} questions)`,
  ),
  watching: entry<{ dir: string; workbooks: number }>(
    (p) => `đang theo dõi thư mục ${p.dir} (${p.workbooks} tệp dữ liệu); nhấn Ctrl+C để dừng`,
    (p) => `watching ${p.dir} (${p.workbooks} ${plural(p.workbooks, 'workbook', 'workbooks')}); press Ctrl+C to stop`,
  ),
  watchScored: entry<{ respondents: number; total: string }>(
    (p) => `${p.respondents} người trả lời · tổng điểm ${p.total}`,
    (p) => `${p.respondents} respondents · total ${p.total}`,
  ),
  tokenRevoked: entry<{ id: string }>((p) => `đã thu hồi mã truy cập ${p.id}`, (p) => `revoked token ${p.id}`),
  tokenAlreadyRevoked: entry<{ id: string; at: string }>(
    (p) => `mã truy cập ${p.id} đã bị thu hồi từ trước (${p.at})`,
    (p) => `token ${p.id} was already revoked (${p.at})`,
  ),
  tokenUnknown: entry<{ id: string }>(
    (p) => `chiso token: không có mã truy cập ${p.id} (xem chiso token list)`,
    (p) => `chiso token: no token ${p.id} (see chiso token list)`,
  ),
  tokenCreated: entry<{ scope: string; target: string | null; until: string | null }>(
    (p) => `đã tạo mã truy cập phạm vi ${p.scope}${p.target === null ? '' : ` cho ${p.target}`}${p.until ? `, có hiệu lực đến ${p.until}` : ''}; mã chỉ hiện một lần và chỉ được lưu dưới dạng băm`,
    (p) => `created a ${p.scope} token${p.target === null ? '' : ` for ${p.target}`}${p.until ? `, valid until ${p.until}` : ''}; it is shown once and stored only as a hash`,
  ),
  unitsImported: entry<{ rows: number; units: number; file: string }>(
    (p) => `đã nhập ${p.rows} dòng danh mục đơn vị hành chính (${p.units} đơn vị) từ ${p.file}`,
    (p) => `imported ${p.rows} registry rows (${p.units} units) from ${p.file}`,
  ),
  storeMigrated: entry<{ location: string; from: number; to: number }>(
    (p) => `chiso store: đã nâng cấp kho dữ liệu ${p.location} từ phiên bản cấu trúc ${p.from} lên ${p.to}`,
    (p) => `chiso store: ${p.location} migrated from schema version ${p.from} to ${p.to}`,
  ),
  storeCurrent: entry<{ location: string; version: number }>(
    (p) => `chiso store: kho dữ liệu ${p.location} đã ở phiên bản cấu trúc ${p.version}, không cần làm gì`,
    (p) => `chiso store: ${p.location} is at schema version ${p.version}, nothing to do`,
  ),
  storeImportFailed: entry<{ reason: string }>(
    (p) => `chiso store import-files: không nhập được (${p.reason})`,
    (p) => `chiso store import-files: ${p.reason}`,
  ),
  storeImported: entry<{ imported: number; existing: number; tokens: number; dir: string; rejected: number }>(
    (p) => `chiso store: đã nhập ${p.imported} tệp đã gửi (${p.existing} tệp đã có sẵn) và ${p.tokens} mã truy cập từ ${p.dir}${p.rejected ? `; ${p.rejected} mục bị từ chối` : ''}`,
    (p) => `chiso store: imported ${p.imported} submission(s) (${p.existing} already there) and ${p.tokens} token(s) from ${p.dir}${p.rejected ? `; ${p.rejected} ${plural(p.rejected, 'entry', 'entries')} rejected` : ''}`,
  ),
  storeBackupPostgres: entry(
    () => 'chiso store backup chỉ sao lưu kho SQLite đi kèm; với PostgreSQL hãy dùng pg_dump --format=custom --file=chiso.dump "$DATABASE_URL"',
    () => 'chiso store backup copies the embedded SQLite store; for PostgreSQL use pg_dump --format=custom --file=chiso.dump "$DATABASE_URL"',
  ),
  storeBackupExists: entry<{ file: string }>(
    (p) => `chiso store backup: tệp ${p.file} đã có; hãy chọn tên tệp khác`,
    (p) => `chiso store backup: ${p.file} already exists; choose a new file name`,
  ),
  storeBackedUp: entry<{ location: string; file: string }>(
    (p) => `chiso store: đã sao lưu ${p.location} vào ${p.file}`,
    (p) => `chiso store: backed up ${p.location} to ${p.file}`,
  ),
  serveTightened: entry<{ files: number; dir: string }>(
    (p) => `chiso: đã đặt ${p.files} tệp trong ${p.dir} chỉ tài khoản này đọc được`,
    (p) => `chiso: made ${p.files} file(s) in ${p.dir} readable by this account only`,
  ),
  serveMigrated: entry<{ location: string; from: number; to: number }>(
    (p) => `chiso: đã nâng cấp kho dữ liệu ${p.location} từ phiên bản cấu trúc ${p.from} lên ${p.to}`,
    (p) => `chiso: store ${p.location} migrated from schema version ${p.from} to ${p.to}`,
  ),
  serveSingleUser: entry<{ url: string }>(
    (p) => `chiso: trang làm việc tại ${p.url} (một người dùng, chỉ mở được trên máy này)`,
    (p) => `chiso workbench: ${p.url} (single-user mode on loopback)`,
  ),
  serveTokens: entry<{ url: string }>(
    (p) => `chiso: trang làm việc tại ${p.url} (cần mã truy cập)`,
    (p) => `chiso workbench: ${p.url} (access tokens required)`,
  ),
  servePlainHttp: entry(
    () => 'chiso: cảnh báo: dùng HTTP thường ra ngoài máy này thì mã truy cập được gửi không mã hóa; hãy dùng --tls-cert/--tls-key, hoặc một reverse proxy có HTTPS và --trust-proxy (README, mục "Putting chiso on a network")',
    () => 'chiso: warning: plain HTTP off loopback sends access tokens in the clear; use --tls-cert/--tls-key, or a reverse proxy with HTTPS and --trust-proxy (README "Putting chiso on a network")',
  ),
  serveNoTokens: entry(
    () => 'chiso: chưa có mã truy cập nào; tạo mã bằng lệnh: chiso token create --scope admin',
    () => 'chiso: no access tokens yet; create one with: chiso token create --scope admin',
  ),
  serveLoadingSample: entry<{ n: number; of: number; name: string }>(
    (p) => `chiso: đang nạp tệp mẫu ${p.n}/${p.of} ${p.name}`,
    (p) => `chiso: loading sample ${p.n}/${p.of} ${p.name}`,
  ),
  serveSampleFailed: entry<{ name: string; reason: string }>(
    (p) => `chiso: không nạp được tệp mẫu ${p.name}: ${p.reason}`,
    (p) => `chiso: sample ${p.name} failed: ${p.reason}`,
  ),
  serveSamplesLoaded: entry<{ loaded: number; failed: number }>(
    (p) => `chiso: đã nạp ${p.loaded} tệp mẫu${p.failed ? `, ${p.failed} tệp không nạp được` : ''}`,
    (p) => `chiso: ${p.loaded} sample(s) loaded${p.failed ? `, ${p.failed} failed` : ''}`,
  ),
  serveStopping: entry<{ signal: string }>(
    (p) => `chiso: nhận ${p.signal}, đang dừng`,
    (p) => `chiso: ${p.signal}, shutting down`,
  ),
  compareApproximate: entry(() => 'gần đúng', () => 'approximate'),
  compareIncomplete: entry<{ units: string }>((p) => `chưa đủ số liệu của: ${p.units}`, (p) => `incomplete: ${p.units}`),
  compareTotal: entry(() => 'tổng', () => 'total'),
  tokenStateRevoked: entry<{ at: string }>((p) => `đã thu hồi ${p.at}`, (p) => `revoked ${p.at}`),
  tokenStateExpires: entry<{ at: string }>((p) => `hết hạn ${p.at}`, (p) => `expires ${p.at}`),
  tokenStateForever: entry(() => 'không hết hạn', () => 'no expiry'),
  unknownCommand: entry<{ name: string }>(
    (p) => `chiso: không có lệnh "${p.name}"`,
    (p) => `chiso: unknown command "${p.name}"`,
  ),
} as const;

export type CliMessageId = keyof typeof cliMessages;
type ParamsOfEntry<E> = E extends Entry<infer P> ? P : never;
export type CliParams<Id extends CliMessageId> = ParamsOfEntry<(typeof cliMessages)[Id]>;

/** The parameters after the id: none for a line without any. */
export type CliArgs<Id extends CliMessageId> = CliParams<Id> extends Record<string, never> ? [] : [CliParams<Id>];

/** One CLI line in the chosen language. */
export function cliMessage<Id extends CliMessageId>(lang: Lang, id: Id, ...params: CliArgs<Id>): string {
  const e = cliMessages[id] as unknown as Entry<CliParams<Id>>;
  return e[lang]((params[0] ?? {}) as CliParams<Id>);
}
