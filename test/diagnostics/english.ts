/**
 * The English-word check of the CLI's parity tests (cliMessages.test.ts, help.test.ts):
 * a Vietnamese text must have a Vietnamese letter, and once the parameters, command
 * names, options and quoted names are taken out, none of these English words.
 */
// Vietnamese letters: ă â đ ê ô ơ ư, the accented Latin-1 ones and the tone-marked block U+1EA0–U+1EF9.
export const VIETNAMESE = /[ăâđêôơư\u00C0-\u00FF\u1EA0-\u1EF9]/i;
// English words of the English lines that must not survive into the Vietnamese ones; the second
// half are the words of any English sentence (none of them is also a Vietnamese word: not "to", "do", "in", "an").
export const ENGLISH = new RegExp(
  '\\b(' +
    'wrote|scoring|checking|watching|respondents?|imported|revoked|created|failed|loaded|shutting|migrated|already|targets|framework|seed|items|questions|submissions?|entries|unknown|warning|workbooks?|press|stop|valid|shown|stored|hash|sample|schema|nothing|copied|formatting|marks|' +
    'the|and|with|of|each|every|is|are|its|it|for|from|when|without|only|or|at|by|writes?|scores?|prints?|gives?|takes?|needs?|shows?|runs?|makes?|brings?|regenerates?|re-checks|upload|default|earlier|latest|year over year|compared|exactly|same|different|directory|registry|exports?|report|scorecards?|roll-ups?|diagnostics|problems?|errors?|single-user|network|should|code|name|days|whole|where|there|then|that|which|units|unit|token|store|respondents' +
    ')\\b',
  'i',
);

/** The names a Vietnamese CLI text keeps as they are: commands, options, environment variables, tools, quoted names. */
export function withoutNames(text: string): string {
  return text.replace(
    /chiso [a-z-]+( [a-z-]+)?|^ {2}[a-z-]+(?= {2})|--[a-z-]+|"[^"]*"|\$\w+|\S*\/\S*|\S+\.(xlsx|csv|xml|json|db|md|dump)\b|pg_dump|Ctrl\+C|README|reverse proxy|exceljs|HTTPS?|DATABASE_URL|district\|province|unit_code/gm,
    '',
  );
}
