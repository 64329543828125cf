/**
 * The CLI's own lines that are not diagnostics: progress ("đã ghi …", "đang theo
 * dõi …"), confirmations and the command-level refusals printed beside them. They
 * follow `--lang` like every message (Vietnamese by default, contract.md), and
 * live here, next to the catalogue, so no command writes English by hand; a
 * parity test (test/diagnostics/cliMessages.test.ts) renders every entry in both
 * languages. Problems about the input are the catalogue's, not these.
 */
import type { Text } from './catalogue.js';
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
  storeBackfilling: entry<{ pending: number }>(
    (p) => `chiso store: đang lưu câu trả lời đã mã hóa của ${p.pending} tệp đã gửi trước phiên bản cấu trúc 3 (đọc lại các tệp Excel của chúng)`,
    (p) => `chiso store: storing the coded answers of ${p.pending} submission(s) stored before schema version 3 (their workbooks are read again)`,
  ),
  storeBackfilled: entry<{ filled: number; unreadable: number; ids: string }>(
    (p) => `chiso store: đã lưu câu trả lời đã mã hóa của ${p.filled} tệp đã gửi${p.unreadable ? `; ${p.unreadable} tệp không đọc lại được nên vẫn chưa có (số liệu tổng hợp không tính các tệp này): ${p.ids}` : ''}`,
    (p) => `chiso store: coded answers stored for ${p.filled} submission(s)${p.unreadable ? `; ${p.unreadable} could not be read again and stay without (roll-ups leave them out): ${p.ids}` : ''}`,
  ),
  storeImportFailed: entry<{ reason: Text }>(
    (p) => `chiso store import-files: không nhập được (${p.reason.vi})`,
    (p) => `chiso store import-files: ${p.reason.en}`,
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
  // Usage errors (exit 64): what was wrong with the command line.
  usageNoPositionals: entry<{ command: string; got: string }>(
    (p) => `lệnh ${p.command} không nhận tham số vị trí${p.got ? ` (đã nhận: ${p.got})` : ''}`,
    (p) => `${p.command} takes no positional arguments${p.got ? ` (got ${p.got})` : ''}`,
  ),
  usageUnitsNeedUnitYear: entry(() => 'khi dùng --units, hãy cho --unit MÃ và --year NĂM', () => 'with --units, give --unit CODE and --year Y'),
  usagePlanSampleOne: entry(() => 'plan-sample cần đúng một tệp đã chấm điểm hoặc một tệp xuất từ phần mềm khảo sát', () => 'plan-sample needs exactly one scored workbook or export'),
  usageMargin: entry<{ value: string }>(
    (p) => `--margin phải là một số điểm lớn hơn 0 (ví dụ 0,25), không phải "${p.value}"`,
    (p) => `--margin must be a number of points above 0 (e.g. 0,25), not "${p.value}"`,
  ),
  usageCompareTwo: entry(
    () => 'compare cần đúng hai tệp (năm trước và năm sau), hoặc nhiều tệp khi có --units',
    () => 'compare needs exactly two workbooks (the earlier and the later year), or several with --units',
  ),
  usageCompareAtLeastTwo: entry(() => 'compare cần ít nhất hai tệp', () => 'compare needs at least two workbooks'),
  usageCompareYears: entry(
    () => 'với compare, --year nhận một năm cho mỗi tệp, ví dụ --year 2023,2024',
    () => '--year takes one year per input for compare, e.g. --year 2023,2024',
  ),
  usageCheckOne: entry(() => 'check cần ít nhất một tệp', () => 'check needs at least one workbook'),
  usageFormat: entry(() => '--format là text hoặc github', () => '--format is text or github'),
  usageAnnotateOne: entry(() => '--annotate chỉ dùng với một tệp đầu vào', () => '--annotate takes one input workbook'),
  usageLang: entry<{ value: string }>((p) => `--lang là vi hoặc en, không phải "${p.value}"`, (p) => `--lang is vi or en, not "${p.value}"`),
  usageOption: entry<{ detail: string }>((p) => `tùy chọn không đúng (chi tiết kỹ thuật: ${p.detail})`, (p) => p.detail),
  usagePositive: entry<{ name: string; value: string }>(
    (p) => `--${p.name} phải là một số dương, không phải "${p.value}"`,
    (p) => `--${p.name} must be a positive number, not "${p.value}"`,
  ),
  usageConfidence: entry<{ value: string }>(
    (p) => `--confidence phải nằm giữa 0 và 1 (ví dụ 0.95), không phải "${p.value}"`,
    (p) => `--confidence must be between 0 and 1 (e.g. 0.95), not "${p.value}"`,
  ),
  usageWhole: entry<{ name: string; value: string }>(
    (p) => `--${p.name} phải là một số nguyên, không phải "${p.value}"`,
    (p) => `--${p.name} must be a whole number, not "${p.value}"`,
  ),
  usageYear: entry<{ value: string }>((p) => `--year phải là một năm, ví dụ 2025, không phải "${p.value}"`, (p) => `--year must be a year such as 2025, not "${p.value}"`),
  usageFramework: entry<{ value: string }>(
    (p) => `--framework là mã của một bộ chỉ số, ví dụ papi-28, không phải "${p.value}"`,
    (p) => `--framework is a framework id such as papi-28, not "${p.value}"`,
  ),
  usageWatchDir: entry(() => 'watch cần đúng một thư mục', () => 'watch needs one directory'),
  usageReadDir: entry<{ dir: string }>((p) => `không đọc được thư mục ${p.dir}`, (p) => `cannot read directory ${p.dir}`),
  usageHistoryDir: entry<{ dir: string }>((p) => `--history: không đọc được thư mục ${p.dir}`, (p) => `--history: cannot read directory ${p.dir}`),
  usageUnitCode: entry<{ value: string }>(
    (p) => `--unit là mã đơn vị gồm các chữ số, ví dụ 06268, không phải "${p.value}"`,
    (p) => `--unit is a unit code of digits, e.g. 06268, not "${p.value}"`,
  ),
  usagePort: entry(() => '--port phải từ 0 đến 65535', () => '--port must be 0..65535'),
  usageTlsPair: entry(() => '--tls-cert và --tls-key phải dùng cùng nhau', () => '--tls-cert and --tls-key go together'),
  usageTlsRead: entry<{ flag: string; path: string; reason: string }>(
    (p) => `--${p.flag} ${p.path}: không đọc được tệp (${p.reason})`,
    (p) => `--${p.flag} ${p.path}: cannot read it (${p.reason})`,
  ),
  usageAtLeast: entry<{ flag: string; min: number }>(
    (p) => `--${p.flag} phải là một số nguyên không nhỏ hơn ${p.min}`,
    (p) => `--${p.flag} must be a whole number of at least ${p.min}`,
  ),
  usageSampleNeeds: entry(() => 'sample cần --unit TÊN và --year NĂM', () => 'sample needs --unit NAME and --year Y'),
  usageRespondents: entry(() => '--respondents phải từ 1 đến 1000000', () => '--respondents must be between 1 and 1000000'),
  usageScoreOne: entry(() => 'score cần ít nhất một tệp', () => 'score needs at least one workbook'),
  usageRollup: entry(() => '--rollup là district hoặc province', () => '--rollup is district or province'),
  usagePlanRollup: entry(
    () => '--plan cho chỉ tiêu của cấp tổng hợp: hãy dùng cùng --rollup district|province',
    () => '--plan gives the targets of a roll-up: use it with --rollup district|province',
  ),
  usagePlanRead: entry<{ file: string }>((p) => `--plan: không đọc được ${p.file}`, (p) => `--plan: cannot read ${p.file}`),
  usageScope: entry<{ scopes: string }>((p) => `--scope là một trong: ${p.scopes}`, (p) => `--scope is one of ${p.scopes}`),
  usageScopeNeeds: entry<{ scope: string }>(
    (p) => `mã truy cập phạm vi ${p.scope} cần --${p.scope} (${p.scope === 'unit' ? 'mã đơn vị (unit_code)' : p.scope === 'district' ? 'tên quận/huyện' : 'tên tỉnh/thành phố'} mà mã áp dụng)`,
    (p) => `a ${p.scope} token needs --${p.scope} (the ${p.scope === 'unit' ? 'unit_code' : `${p.scope} name`} it covers)`,
  ),
  usageDistrictNeedsProvince: entry(
    () => 'mã truy cập cho một quận/huyện theo tên cần cả tỉnh/thành phố của nó (--province), vì tên quận/huyện có thể trùng giữa các tỉnh; tốt hơn là dùng mã trong danh mục đơn vị (--unit MÃ)',
    () => 'a district token by name needs its province too (--province); better, a registry code (--unit CODE)',
  ),
  usageExpires: entry<{ value: string }>((p) => `--expires nhận một số ngày, không phải "${p.value}"`, (p) => `--expires takes a number of days, not "${p.value}"`),
  usageDatabase: entry<{ value: string }>(
    (p) => `--database (hoặc DATABASE_URL) nhận một địa chỉ postgresql://, không phải "${p.value}"`,
    (p) => `--database (or DATABASE_URL) takes a postgresql:// URL, not "${p.value}"`,
  ),
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

/** One CLI line in both languages (a usage error carries both; the CLI picks one when it prints). */
export function cliText<Id extends CliMessageId>(id: Id, ...params: CliArgs<Id>): { vi: string; en: string } {
  return { vi: cliMessage('vi', id, ...params), en: cliMessage('en', id, ...params) };
}

/** One CLI line in the chosen language. */
export function cliMessage<Id extends CliMessageId>(lang: Lang, id: Id, ...params: CliArgs<Id>): string {
  const e = cliMessages[id] as unknown as Entry<CliParams<Id>>;
  return e[lang]((params[0] ?? {}) as CliParams<Id>);
}
