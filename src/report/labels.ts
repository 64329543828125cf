/** Bilingual labels of the report workbook: Vietnamese first, English beside it ("Điểm / Score"). */
import type { ChangeStatus, TargetStatus } from '../scoring/types.js';

export type ReportLocale = 'vi' | 'en';

export const both = (vi: string, en: string) => `${vi} / ${en}`;

export const sheetNames = {
  summary: 'Summary',
  dimensions: 'Dimensions',
  subdimensions: 'Subdimensions',
  indicators: 'Indicators',
  targets: 'Targets',
  plan: 'Plan',
  yearOverYear: 'YearOverYear',
  problems: 'Problems',
  method: 'Method',
} as const;

export const headers = {
  code: both('Mã', 'Code'),
  dimension: both('Chỉ số nội dung', 'Dimension'),
  subdimension: both('Nội dung thành phần', 'Sub-dimension'),
  nameVi: both('Tên (tiếng Việt)', 'Name (Vietnamese)'),
  nameEn: both('Tên (tiếng Anh)', 'Name (English)'),
  level: both('Cấp', 'Level'),
  name: both('Tên', 'Name'),
  score: both('Điểm', 'Score'),
  // A sub-dimension's points on its own scale (1/k to 10/k, explained above its table).
  points: both('Điểm', 'Points'),
  min: both('Thấp nhất của thang', 'Scale min'),
  max: both('Cao nhất của thang', 'Scale max'),
  se: both('Sai số chuẩn', 'SE'),
  ciLow: both('Cận dưới khoảng tin cậy', 'CI low'),
  ciHigh: both('Cận trên khoảng tin cậy', 'CI high'),
  target: both('Chỉ tiêu', 'Target'),
  gap: both('Chênh lệch', 'Gap'),
  status: both('Trạng thái', 'Status'),
  defined: both('Số nội dung thành phần tính được điểm', 'Sub-dimensions scored'),
  question: both('Câu hỏi', 'Question'),
  questionEn: both('Câu hỏi (tiếng Anh)', 'Question (English)'),
  answered: both('Trả lời hợp lệ', 'Answered'),
  missing: both('Thiếu', 'Missing'),
  invalid: both('Không hợp lệ', 'Invalid'),
  task: both('Nhiệm vụ, giải pháp', 'Task'),
  responsible: both('Đơn vị chủ trì', 'Responsible'),
  coordinating: both('Đơn vị phối hợp', 'Coordinating'),
  timing: both('Thời gian', 'Timing'),
  delta: both('Thay đổi Δ', 'Change Δ'),
  change: both('So với năm trước', 'Since last year'),
  seDelta: both('Sai số chuẩn của Δ', 'SE of Δ'),
  file: both('Tệp', 'File'),
  sheet: both('Trang tính', 'Sheet'),
  cell: both('Ô', 'Cell'),
  severity: both('Mức độ', 'Severity'),
  problemCode: both('Mã thông báo', 'Code'),
  message: both('Nội dung', 'Message'),
  vietnamese: 'Tiếng Việt',
  english: 'English',
  topic: both('Nội dung', 'Topic'),
} as const;

export const infoLabels = {
  unit: both('Đơn vị', 'Unit'),
  unitCode: both('Mã đơn vị', 'Unit code'),
  district: both('Quận/huyện', 'District'),
  province: both('Tỉnh/thành phố', 'Province'),
  year: both('Năm', 'Year'),
  framework: both('Bộ chỉ số', 'Framework'),
  file: both('Tệp dữ liệu', 'Data file'),
  respondents: both('Số người trả lời', 'Respondents'),
  effectiveN: both('Cỡ mẫu hiệu dụng', 'Effective n'),
  confidence: both('Mức tin cậy', 'Confidence level'),
  total: both('Tổng điểm', 'Total'),
  summary: both('Tóm tắt', 'Summary'),
  title: both('Báo cáo kết quả tự khảo sát theo phương pháp PAPI', 'PAPI report'),
  comparisonTitle: both('So sánh giữa hai năm', 'Year over year'),
  charts: both('Biểu đồ', 'Charts'),
  onlyFrom: both('Chỉ có ở năm trước', 'Only in the earlier year'),
  onlyTo: both('Chỉ có ở năm sau', 'Only in the later year'),
  total8: both('Tổng (8 chỉ số nội dung)', 'Total (8 dimensions)'),
  noProblems: both('Không có lỗi, cảnh báo hay lưu ý nào', 'No problems found'),
  narrativeEn: both('Tóm tắt bằng tiếng Anh', 'Summary in English'),
  narrativeVi: both('Tóm tắt bằng tiếng Việt', 'Summary in Vietnamese'),
  noTargets: both('Chưa có chỉ tiêu nào', 'No targets set'),
  // Short enough for the Summary's two merged label columns (53 characters) in both languages at once.
  straightLining: both('Phiếu một mã cho mọi câu thang đo', 'Straight-lining'),
  nearDuplicates: both('Phiếu gần trùng phiếu trước', 'Near-duplicates'),
  samplePlan: both('Cỡ mẫu năm sau cho ±0,25 điểm', 'Sample for ±0.25 next year'),
  sampleTopic: both('Cỡ mẫu (§9)', 'Sample size (§9)'),
  qualityTopic: both('Chất lượng phỏng vấn (§10)', 'Interview quality (§10)'),
} as const;

export const levelLabels = {
  total: both('Tổng', 'Total'),
  dimension: both('Chỉ số nội dung', 'Dimension'),
  subdimension: both('Nội dung thành phần', 'Sub-dimension'),
  indicator: both('Chỉ tiêu thành phần', 'Indicator'),
} as const;

export const targetStatusLabels: Record<TargetStatus | 'none', string> = {
  met: both('Đạt', 'Met'),
  close: both('Gần đạt', 'Close'),
  below: both('Chưa đạt', 'Below'),
  none: both('Chưa có chỉ tiêu', 'No target'),
};

/** A change's status in one language (the CLI's compare table); the report shows both. */
export const changeStatusWords: Record<ReportLocale, Record<ChangeStatus, string>> = {
  vi: { improved: 'Cải thiện', declined: 'Sụt giảm', 'no significant change': 'Không thay đổi đáng kể', 'not comparable': 'Không so sánh được' },
  en: { improved: 'Improved', declined: 'Declined', 'no significant change': 'No significant change', 'not comparable': 'Not comparable' },
};

export const changeStatusLabels: Record<ChangeStatus, string> = Object.fromEntries(
  (Object.keys(changeStatusWords.en) as ChangeStatus[]).map((k) => [k, both(changeStatusWords.vi[k], changeStatusWords.en[k])]),
) as Record<ChangeStatus, string>;

export const severityLabels = {
  error: both('Lỗi', 'Error'),
  warning: both('Cảnh báo', 'Warning'),
  info: both('Lưu ý', 'Info'),
} as const;

/** Shown in place of an undefined number. */
export const NONE = '–';
