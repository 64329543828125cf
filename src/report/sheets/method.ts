/** Method: the formulas of methodology.md §2–§6 in both languages, the confidence level, the English narrative. */
import type ExcelJS from 'exceljs';
import { formatScore } from '../../format/score.js';
import { zForConfidence } from '../../scoring/normal.js';
import type { Scorecard } from '../../scoring/types.js';
import type { ReportContext } from '../context.js';
import { headers, infoLabels, sheetNames } from '../labels.js';
import { repeatHeaderRow, setupPage, writeParagraph, writeTable, type Column } from '../layout.js';
import { buildNarrative } from '../narrative.js';

interface Note {
  topic: string;
  vi: string;
  en: string;
}

/**
 * The statistics in plain words, with this report's own numbers: what the
 * Summary leaves out (methodology.md §4, §6) so that the summary can be pasted
 * into a plan as it is.
 */
function readingNotes(s: Scorecard, level: string): Note[] {
  const t = s.total;
  const ci = (lang: 'vi' | 'en') => (t.ciLow === null || t.ciHigh === null ? '' : lang === 'vi' ? ` (tổng điểm ${formatScore(t.ciLow)}–${formatScore(t.ciHigh)} điểm)` : ` (the total: ${formatScore(t.ciLow, 'en')}–${formatScore(t.ciHigh, 'en')} points)`);
  const neff = (lang: 'vi' | 'en') => (s.effectiveN === null ? '' : lang === 'vi' ? ` Ở đây ${s.respondents} người trả lời có trọng số tương đương ${formatScore(s.effectiveN)} người được chọn ngẫu nhiên đơn giản.` : ` Here ${s.respondents} weighted respondents are worth ${formatScore(s.effectiveN, 'en')} chosen by simple random sampling.`);
  return [
    {
      topic: 'Đọc kết quả / Reading',
      vi: `Đây là khảo sát mô phỏng theo phương pháp PAPI do địa phương tự thực hiện, không phải Chỉ số PAPI chính thức. Mỗi điểm là ước lượng từ một mẫu người dân được phỏng vấn, không phải từ toàn bộ người dân của đơn vị. Khoảng tin cậy ${level}${ci('vi')} là khoảng mà điểm của toàn đơn vị rất có thể nằm trong đó; khoảng càng hẹp thì ước lượng càng chắc chắn.`,
      en: `This is a mock survey run by the locality itself following the PAPI method, not the official PAPI. Each score is estimated from a sample of residents, not from all of them. The ${level} confidence interval${ci('en')} is the range the whole unit's score very probably lies in; the narrower it is, the surer the estimate.`,
    },
    {
      topic: 'Cỡ mẫu hiệu dụng / Effective n',
      vi: `Cỡ mẫu hiệu dụng cho biết mẫu có trọng số cho lượng thông tin tương đương bao nhiêu người trả lời không có trọng số.${neff('vi')} Trọng số càng chênh lệch thì cỡ mẫu hiệu dụng càng nhỏ và khoảng tin cậy càng rộng.`,
      en: `The effective sample size says how many unweighted respondents the weighted sample is worth.${neff('en')} The more unequal the weights, the smaller it is and the wider the intervals.`,
    },
    {
      topic: 'Thay đổi / Changes',
      vi: 'Một thay đổi giữa hai năm chỉ được nêu là tăng hoặc giảm khi nó lớn hơn sai số do chọn mẫu (có ý nghĩa thống kê). Mức thay đổi ghi trong báo cáo là hiệu của hai điểm đã làm tròn (7,00 → 6,69: giảm 0,31 điểm).',
      en: 'A change between two years is called a rise or a fall only when it is larger than the sampling error (statistically significant). The change shown is the difference of the two rounded scores (7.00 → 6.69: down 0.31 points).',
    },
    {
      topic: 'Thang điểm / Scales',
      vi: 'Tổng điểm: 8–80 điểm. Chỉ số nội dung: 1–10 điểm. Nội dung thành phần: tính điểm trên thang riêng từ 1/k đến 10/k điểm (k là số nội dung thành phần của chỉ số nội dung, ví dụ k = 3: 0,33–3,33 điểm); các nội dung thành phần của một chỉ số cộng lại thành điểm chỉ số đó.',
      en: 'Total: 8–80 points. Dimensions: 1–10 points. Sub-dimensions: points on their own scale of 1/k–10/k (k = sub-dimensions of the dimension, e.g. k = 3: 0.33–3.33 points); a dimension\'s sub-dimensions add up to its score.',
    },
  ];
}

/** §9 and §10 for this scorecard: the sample to plan for and what the quality signals found. */
function fieldworkNotes(card: Scorecard, level: string): Note[] {
  const notes: Note[] = [];
  const plan = card.samplePlan;
  if (plan && plan.required !== null) {
    const widths = (lang: 'vi' | 'en') => plan.dimensions.map((d) => `${d.code}: ±${formatScore(d.halfWidth, lang)} → ±${formatScore(d.expectedHalfWidth, lang)}`).join('; ');
    notes.push({
      topic: infoLabels.sampleTopic,
      vi: `Để nửa độ rộng khoảng tin cậy ${level.replace('.', ',')} của mọi chỉ số nội dung không quá ±${formatScore(plan.margin)} điểm, năm sau cần phỏng vấn ${plan.required} người (năm nay chấm ${plan.respondents}). n_cần = ⌈n · max_d (h_d / m)²⌉, h_d = z·SE_d, với cùng cách chọn mẫu (SE tỉ lệ với 1/√n). Nửa độ rộng hiện nay → dự kiến: ${widths('vi')}.`,
      en: `For every dimension's ${level} CI half-width to be at most ±${formatScore(plan.margin, 'en')} points, interview ${plan.required} respondents next year (${plan.respondents} scored this year). n_req = ⌈n · max_d (h_d / m)²⌉, h_d = z·SE_d, with the same sampling design (SE ∝ 1/√n). Half-width now → expected: ${widths('en')}.`,
    });
  }
  const q = card.quality;
  if (q)
    notes.push({
      topic: infoLabels.qualityTopic,
      vi: `${q.straightLining} phiếu trả lời cùng một mã cho ít nhất 20 câu thang đo; ${q.nearDuplicates} phiếu giống một phiếu trước ở ít nhất 95% của ít nhất 40 câu cùng trả lời${q.duplicateCheck === 'exact' ? ' (đơn vị trên 5.000 người: chỉ dò bản sao giống hệt)' : ''}. Đây là cảnh báo để giám sát viên kiểm tra (xem trang Problems); điểm không thay đổi.`,
      en: `${q.straightLining} respondents gave one code to at least 20 scale questions; ${q.nearDuplicates} agree with an earlier respondent on at least 95% of at least 40 questions both answered${q.duplicateCheck === 'exact' ? ' (a unit over 5,000 respondents: exact copies only)' : ''}. These are warnings for a supervisor to check (see the Problems sheet); scores are unchanged.`,
    });
  return notes;
}

export function methodNotes(confidence: number, scorecard?: Scorecard): Note[] {
  const z = zForConfidence(confidence).toFixed(6);
  const zVi = z.replace('.', ','); // decimal comma in the Vietnamese text, as every shown number
  const level = `${Math.round(confidence * 1000) / 10}%`;
  return [
    ...(scorecard ? readingNotes(scorecard, level) : []),
    {
      topic: '§2',
      vi: 'Mã hóa mỗi câu trả lời về x trong [0, 1]: nhị phân x = a; thang đo x = (a − min)/(max − min); số: giới hạn về [min, max] rồi như thang đo. Chiều "−" (thấp là tốt): x = 1 − x. Mã thiếu (không biết, không trả lời…) được tính là thiếu; mã "zero" được tính là x = 0; giá trị không hợp lệ bị báo lỗi và được tính là thiếu.',
      en: 'Each answer is coded to x in [0, 1]: binary x = a; scale x = (a − min)/(max − min); number: clamped to [min, max], then as a scale. Direction "−" (lower is better): x = 1 − x. Missing codes (don\'t know, refused…) are missing; "zero" codes give x = 0; invalid values are reported as errors and count as missing.',
    },
    {
      topic: '§3',
      vi: 'Chỉ tiêu thành phần: m_j = Σ w_i x_ij / Σ w_i trên những người trả lời hợp lệ (w_i: trọng số người trả lời). Nội dung thành phần chuẩn hóa S = Σ v_j m_j / Σ v_j; điểm P = (1 + 9S)/k, k = số nội dung thành phần của chỉ số nội dung (thang 1/k – 10/k). Chỉ số nội dung D = Σ P (1 – 10); tổng T = Σ D (8 – 80).',
      en: 'Indicator: m_j = Σ w_i x_ij / Σ w_i over valid answers (w_i: respondent weight). Sub-dimension normalised S = Σ v_j m_j / Σ v_j; points P = (1 + 9S)/k, k = sub-dimensions of the dimension (range 1/k – 10/k). Dimension D = Σ P (1 – 10); total T = Σ D (8 – 80).',
    },
    {
      topic: '§3',
      vi: 'Nếu chỉ một phần các nội dung thành phần tính được điểm: D = 1 + 9 · trung bình S của các nội dung thành phần đó (cảnh báo partial-dimension).',
      en: 'If only some sub-dimensions can be scored: D = 1 + 9 · mean S over the scored ones (warning partial-dimension).',
    },
    {
      topic: '§4',
      vi: `Khoảng tin cậy ${level}: θ ± z·SE, z = ${zVi}. SE tuyến tính hóa Taylor: u_i = w_i Σ c_j (x_ij − m_j)/W_j, SE = √(n/(n − 1) · Σ u_i²); khoảng tin cậy được cắt theo thang điểm. Cỡ mẫu hiệu dụng n_eff = (Σw)²/Σw².`,
      en: `${level} confidence interval: θ ± z·SE, z = ${z}. Taylor-linearised SE: u_i = w_i Σ c_j (x_ij − m_j)/W_j, SE = √(n/(n − 1) · Σ u_i²); the interval is clipped to the scale. Effective sample size n_eff = (Σw)²/Σw².`,
    },
    {
      topic: '§5',
      vi: 'Chỉ tiêu: r = điểm làm tròn 2 chữ số thập phân; chênh lệch = r − chỉ tiêu. Đạt: r ≥ chỉ tiêu; Gần đạt: r < chỉ tiêu ≤ cận trên khoảng tin cậy (chưa thấp hơn chỉ tiêu một cách có ý nghĩa thống kê); Chưa đạt: cận trên khoảng tin cậy < chỉ tiêu.',
      en: 'Targets: r = score rounded to 2 decimals; gap = r − target. Met: r ≥ target; Close: r < target ≤ CI upper bound (not significantly below); Below: CI upper bound < target.',
    },
    {
      topic: '§6',
      vi: `So sánh giữa hai năm: Δ = θ_sau − θ_trước, SE_Δ = √(SE_trước² + SE_sau²); cải thiện nếu Δ > z·SE_Δ, giảm nếu Δ < −z·SE_Δ, còn lại không thay đổi đáng kể; không so sánh được khi thiếu điểm hoặc SE, hoặc khi cách tính thay đổi. Nội dung thành phần được so sánh trên S.`,
      en: 'Year over year: Δ = θ_later − θ_earlier, SE_Δ = √(SE_earlier² + SE_later²); improved if Δ > z·SE_Δ, declined if Δ < −z·SE_Δ, otherwise no significant change; not comparable when a score or SE is missing or the construction changed. Sub-dimensions are compared on S.',
    },
    {
      topic: infoLabels.confidence,
      vi: `Mức tin cậy dùng trong báo cáo này: ${level} (z = ${zVi}).`,
      en: `Confidence level used in this report: ${level} (z = ${z}).`,
    },
    ...(scorecard ? fieldworkNotes(scorecard, level) : []),
  ];
}

export function writeMethod(workbook: ExcelJS.Workbook, context: ReportContext): void {
  const sheet = workbook.addWorksheet(sheetNames.method);
  const columns: Column<Note>[] = [
    { header: headers.topic, width: 14, value: (n) => n.topic },
    { header: headers.vietnamese, width: 60, value: (n) => n.vi },
    { header: headers.english, width: 60, value: (n) => n.en },
  ];
  const notes = methodNotes(context.scorecard.confidence, context.scorecard);
  const { headerRow, lastRow } = writeTable(sheet, 1, columns, notes);
  repeatHeaderRow(sheet, headerRow);
  let row = lastRow + 2;
  // The narrative in the language the Summary does not show.
  const other = context.locale === 'vi' ? 'en' : 'vi';
  writeParagraph(sheet, row, 1, 3, other === 'en' ? infoLabels.narrativeEn : infoLabels.narrativeVi, 130, { bold: true });
  row++;
  for (const paragraph of buildNarrative(context.scorecard, context.comparison, other, context.input.problems)) {
    writeParagraph(sheet, row, 1, 3, paragraph, 130);
    row++;
  }
  setupPage(sheet, 'landscape', context.footer);
}
