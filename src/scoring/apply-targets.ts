import type { Target } from '../framework/schema.js';
import { targetFields, targetsByLevel } from './targets.js';
import type { Scorecard } from './types.js';

/**
 * A scored card with another set of targets (a district's or province's plan
 * for its roll-up, methodology.md §7): the same §5 fields scoreUnit sets, on the
 * same scores, so a roll-up need not be pooled again to get its plan.
 */
export function withTargets(card: Scorecard, targets: readonly Target[]): Scorecard {
  const of = targetsByLevel(targets);
  return {
    ...card,
    total: { ...card.total, ...targetFields(card.total.score, card.total.ciHigh, of.get('total')) },
    dimensions: card.dimensions.map((d) => ({ ...d, ...targetFields(d.score, d.ciHigh, of.get(d.code)) })),
    subdimensions: card.subdimensions.map((s) => ({ ...s, ...targetFields(s.score, s.ciHigh, of.get(s.code)) })),
  };
}
