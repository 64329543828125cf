/**
 * Problems about units and their comparisons. Their codes, severities and
 * messages (vi/en) live in the diagnostics catalogue (src/diagnostics/catalogue.ts)
 * like every other; this only puts the location first, as the units code reads.
 */
import type { MessageId, ParamsOf } from '../diagnostics/catalogue.js';
import { problem, type Location, type Problem } from '../diagnostics/problem.js';

export type UnitMessageId = MessageId;

export function unitProblem<Id extends MessageId>(id: Id, where: Location, params: ParamsOf<Id>): Problem {
  return problem(id, params, where);
}
