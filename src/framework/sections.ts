import type { Item } from './schema.js';

/** A filter question: a Codebook row with an empty sub-dimension, asked and checked but never scored (methodology.md §2). */
export function isFilterQuestion(item: Pick<Item, 'subdimension'>): boolean {
  return item.subdimension === '';
}

/**
 * The sub-dimension each item belongs to on paper: its own, or for a filter
 * question the one of the next scored item (a filter question stands just before
 * the questions it opens, "Trong 12 tháng qua, ông/bà có làm thủ tục chứng thực…
 * không?" before the 5a questions), or of the previous one at the end of the list.
 * The printed questionnaire groups by it and a derived framework (papi-28) drops
 * the filter questions of the sub-dimensions it omits by it.
 */
export function sectionOfItems(items: readonly Pick<Item, 'subdimension'>[]): string[] {
  const sections = items.map((item) => item.subdimension);
  let next = '';
  for (let j = sections.length - 1; j >= 0; j--) {
    if (sections[j] === '') sections[j] = next;
    else next = sections[j];
  }
  let previous = '';
  for (let j = 0; j < sections.length; j++) {
    if (sections[j] === '') sections[j] = previous;
    else previous = sections[j];
  }
  return sections;
}
