/**
 * docs/diagnostics.md, generated from the catalogue (`node scripts/diagnostics-doc.mjs`
 * after `npm run build`); test/diagnostics/catalogue.test.ts fails when the
 * committed page differs from what this returns.
 */
import { CATALOGUE, SECTIONS, type CodeEntry, type Code } from './catalogue.js';
import { fill } from './problem.js';

const HEAD = `# Diagnostics catalogue · Danh mục thông báo lỗi

<!-- Generated from src/diagnostics/catalogue.ts by scripts/diagnostics-doc.mjs: edit the catalogue, not this page. -->

Every problem chiso reports has a stable **code**, a **severity** and a place
(\`file:Sheet!Cell\`). The CLI prints one per line on stderr, in the form
terminals and VS Code problem matchers link, in Vietnamese (\`--lang vi\`, the
default) or English (\`--lang en\`); the report's \`Problems\` sheet, the
annotated copy, the JSON and the service repeat them in the language chosen.

Mỗi thông báo (lỗi, cảnh báo, lưu ý) chiso đưa ra có một **mã** cố định, một **mức độ** và một vị trí
(\`tệp:Trang!Ô\`). Dòng lệnh in mỗi thông báo trên một dòng, bằng tiếng Việt
(mặc định) hoặc tiếng Anh (\`--lang en\`); trang \`Problems\` của báo cáo, bản
sao có chú thích, JSON và dịch vụ web ghi lại đúng các thông báo đó.

| severity · mức độ | means · nghĩa | exit code · mã thoát |
|---|---|---|
| **error** · lỗi | the cell or file is wrong; the rest is still scored unless the entry says the file cannot be scored · ô hoặc tệp sai; phần còn lại vẫn được chấm trừ khi mục ghi "không chấm được" | 1, or 2 when the file cannot be scored |
| **warning** · cảnh báo | scored, but check this · vẫn chấm, nhưng nên kiểm tra | 0 |
| **info** · lưu ý | for your information · để biết | 0 |

Codes never change meaning; a renamed code keeps being accepted (contract.md).
Severity and code are printed the same in both languages, so scripts and
problem matchers can read them.
`;

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function exampleLine(code: string, entry: CodeEntry, lang: 'vi' | 'en'): string {
  const variant = entry.example.variant ?? Object.keys(entry.messages)[0];
  const message = fill(entry.messages[variant][lang], entry.example.params, lang);
  const at = entry.example.at ? `:${entry.example.at}` : '';
  return `    samples/long-thanh-2023.xlsx${at}: ${entry.severity} ${code}: ${message}`;
}

function section(code: string, entry: CodeEntry): string {
  const tags = [`**${entry.severity}**`];
  if (entry.unscorable) tags.push('exit 2');
  if (entry.http) tags.push(`HTTP ${entry.http}`);
  const messages = Object.entries(entry.messages).map(
    ([variant, t]) => `| \`${variant === '_' ? code : `${code}.${variant}`}\` | ${cell(t.vi)} | ${cell(t.en)} |`,
  );
  return [
    `### \`${code}\``,
    '',
    tags.join(' · '),
    '',
    exampleLine(code, entry, 'vi'),
    exampleLine(code, entry, 'en'),
    '',
    '| | Tiếng Việt | English |',
    '|---|---|---|',
    `| Nghĩa · Meaning | ${cell(entry.meaning.vi)} | ${cell(entry.meaning.en)} |`,
    `| Cách sửa · Fix | ${cell(entry.fix.vi)} | ${cell(entry.fix.en)} |`,
    '',
    '| message · thông báo | Tiếng Việt | English |',
    '|---|---|---|',
    ...messages,
    '',
  ].join('\n');
}

export function diagnosticsDoc(): string {
  const entries = Object.entries(CATALOGUE) as [Code, CodeEntry][];
  const parts = [HEAD];
  SECTIONS.forEach((s, i) => {
    const inSection = entries.filter(([, e]) => e.section === i);
    if (!inSection.length) return;
    parts.push(`## ${s.en} · ${s.vi}\n`);
    for (const [code, entry] of inSection) parts.push(section(code, entry));
  });
  return `${parts.join('\n').trimEnd()}\n`;
}
