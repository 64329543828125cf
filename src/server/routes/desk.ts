/**
 * The district and province desk (issue 15): GET /api/league(.xlsx),
 * and POST /api/plans. The registry it is built on comes from POST /api/units
 * (routes/registry.ts).
 *
 * Access is decided from the registry and the token, never from an upload:
 * - admin, or a province/district token whose place is the league's unit (by
 *   code or by name) or the province the league's district lies in: everything;
 * - a unit token for one of the league's communes: its own row and the cut
 *   points of its group (where it stands), the parent's roll-up (an aggregate
 *   the province publishes anyway), but no other commune's scores and no
 *   missing list (which communes have not submitted is the district's business);
 * - anything else: 403.
 *
 * League requests are bounded work: at most LEAGUE_RUNNING at once and
 * LEAGUE_WAITING more waiting (then 503 `busy`), and each waits at most
 * `limits.leagueWaitMs` for roll-ups still being pooled (the desk's warming
 * after a start or an upload) before it is answered 503 `league-warming` with
 * Retry-After. The pooling is not stopped: it is memoised, so the retry finds it
 * done or further along, instead of a 504 and a second pooling of the country.
 */
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { localizeAll } from '../../diagnostics/problem.js';
import { Desk, DeskError, type DeskLeague } from '../../desk/league.js';
import type { SubmissionStore } from '../../store/types.js';
import { parentChain } from '../../units/queries.js';
import type { Registry } from '../../units/types.js';
import { placeKey, type Principal } from '../auth.js';
import { busy, WorkQueue, type QueuedWork } from '../guard/queue.js';
import { contentDisposition, safeFileName } from '../content-disposition.js';
import type { ServerLimits } from '../deps.js';
import { ApiError, badRequest, errorResponse, langOf, parseFields, RETRY_AFTER_SECONDS, tooLarge, type FieldHints } from '../errors.js';

/** The app's variables (app.ts, routes/batches.ts). */
type Env = { Variables: { principal: Principal; work: QueuedWork } };

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MULTIPART_SLACK = 64 * 1024;
/** League requests assembled at once (their poolings run one at a time in the desk anyway). */
const LEAGUE_RUNNING = 2;
const LEAGUE_WAITING = 16;

/**
 * `work` within `ms`, or 503 `league-warming`. The work goes on after the answer (it fills the
 * desk's memo), so its failure then is nobody's: caught here, not left unhandled.
 */
async function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  work.catch(() => undefined);
  try {
    const first = await Promise.race([work, late]);
    if (first === 'late') throw ApiError.of('league-warming', 503, { seconds: RETRY_AFTER_SECONDS });
    return first;
  } finally {
    clearTimeout(timer);
  }
}

const LEAGUE_YEARS = { min: 2000, max: 2100 } as const;
// No messages on the checks: a refusal names the field with its hint (errors.ts parseFields).
const leagueQuerySchema = z.object({
  unit: z.string().trim().min(1).max(32).regex(/^[0-9A-Za-z_-]+$/),
  year: z.coerce.number().int().min(LEAGUE_YEARS.min).max(LEAGUE_YEARS.max),
  confidence: z.coerce.number().gt(0).lt(1).optional(),
  level: z.enum(['province', 'district']),
});
const leagueHints: FieldHints<typeof leagueQuerySchema.shape> = {
  unit: { expected: 'field-registry-unit' },
  year: { expected: 'field-league-year', params: LEAGUE_YEARS },
  confidence: { expected: 'field-confidence-open' },
  level: { expected: 'field-level' },
};

/** A DeskError as the API's error: its code and text, said in the requester's language. */
const deskRefusal = (error: DeskError) => ApiError.text(error.status, error.code, error.textId, error.params);

export type LeagueView = 'full' | { units: string[] } | null;

/** What a principal may see of the league of `code` in `year` (see the file comment). */
export function leagueView(principal: Principal, registry: Registry, code: string, year: number, communes: readonly string[]): LeagueView {
  const t = principal.target;
  const chain = parentChain(registry, code, year);
  const same = (want: string | undefined, level: 'province' | 'district') => {
    if (!want) return false;
    const place = chain.find((p) => p.level === level);
    return place !== undefined && (want === place.code || placeKey(want) === placeKey(place.name));
  };
  switch (principal.scope) {
    case 'admin':
      return 'full';
    case 'province':
      return same(t.province, 'province') ? 'full' : null;
    case 'district':
      // Only the district's own league: a province's league shows other districts' communes.
      return chain[0]?.level === 'district' && same(t.district, 'district') && (t.province === undefined || same(t.province, 'province')) ? 'full' : null;
    case 'unit': {
      // A unit token whose code is in the registry covers what coverage() says (src/units/access.ts): a token
      // for the province or district itself reads its whole league; a commune's token its own row and, after a
      // merger, its predecessors' rows (methodology §8: a unit's token covers its predecessors' history).
      if (principal.covered?.has(code)) return 'full';
      const own = communes.filter((c) => (principal.covered ? principal.covered.has(c) : c === t.unit));
      return own.length ? { units: own } : null;
    }
  }
}

/** The league as a unit token sees it: its own row and its change, the parent's roll-up, the group cut points. */
export function restrictLeague(league: DeskLeague, units: readonly string[]): DeskLeague {
  const keep = (code: string, level: string) => (level === 'unit' ? units.includes(code) : code === league.unit.code);
  return {
    ...league,
    scorecards: league.scorecards.filter((c) => keep(c.unit.code, c.level)),
    changes: league.changes.filter((c) => keep(c.code, c.level)),
    missing: [],
    // Without the districts' roll-ups, their plans' tasks would stand alone.
    districtPlans: [],
    problems: [],
  };
}

export function registerDeskRoutes(app: Hono<Env>, deps: { store: SubmissionStore; limits: ServerLimits; confidence: number; desk?: Desk }): Desk {
  const { store, limits } = deps;
  const desk = deps.desk ?? new Desk(store);
  const queue = new WorkQueue(LEAGUE_RUNNING, LEAGUE_WAITING);
  /** A league computation as bounded work (see the file comment). */
  const bounded = async <T>(work: () => Promise<T>): Promise<T> => {
    const ticket = queue.enter();
    if (!ticket) throw busy();
    // The wait for a turn counts in leagueWaitMs too: no request waits longer than that in all.
    const until = performance.now() + limits.leagueWaitMs;
    try {
      try {
        await ticket.start(AbortSignal.timeout(limits.leagueWaitMs));
      } catch {
        throw busy();
      }
      return await within(work(), Math.max(0, until - performance.now()));
    } finally {
      ticket.release();
    }
  };

  const league = async (c: Context<Env>): Promise<DeskLeague> => {
    const query = parseFields(leagueQuerySchema.omit({ level: true }), c.req.query(), leagueHints, langOf(c));
    const { unit, year } = query;
    let result: DeskLeague;
    try {
      result = await bounded(() => desk.league(unit, year, query.confidence ?? deps.confidence));
    } catch (error) {
      if (error instanceof DeskError) throw deskRefusal(error);
      throw error;
    }
    const registry = await desk.registry();
    const communes = [...result.scorecards.filter((s) => s.level === 'unit').map((s) => s.unit.code), ...result.missing.map((m) => m.code)];
    const view = leagueView(c.get('principal'), registry, unit, year, communes);
    if (view === null) throw ApiError.text(403, 'forbidden', 'forbidden-unit', { unit });
    const shown = view === 'full' ? result : restrictLeague(result, view.units);
    return { ...shown, problems: localizeAll(shown.problems, langOf(c)) };
  };

  // The province or district a commune lies under in a year (the workbench's Explorer groups by typed names).
  const ofSchema = leagueQuerySchema.pick({ unit: true, year: true, level: true });
  app.get('/api/league/of', async (c) => {
    const query = parseFields(ofSchema, c.req.query(), leagueHints, langOf(c));
    const registry = await desk.registry();
    const place = parentChain(registry, query.unit, query.year).find((p) => p.level === query.level);
    // null, not 404, when there is none (no registry, a 2025 commune's district): the workbench asks for every
    // unit page it opens, and browsers log each 404 as an error.
    return c.json({ place: place ? { code: place.code, name: place.name, level: place.level } : null });
  });

  // Every province's roll-up in a year, grouped among the provinces: the country's desk, for an admin.
  app.get('/api/league/national', async (c) => {
    const query = parseFields(leagueQuerySchema.pick({ year: true, confidence: true }), c.req.query(), leagueHints, langOf(c));
    if (c.get('principal').scope !== 'admin') throw ApiError.text(403, 'forbidden', 'admin-only');
    try {
      const result = await bounded(() => desk.national(query.year, query.confidence ?? deps.confidence));
      return c.json({ ...result, problems: localizeAll(result.problems, langOf(c)) });
    } catch (error) {
      if (error instanceof DeskError) throw deskRefusal(error);
      throw error;
    }
  });

  // Indicators (126 a scorecard, and as many changes) are most of the answer (8 MB for 120 communes) and no
  // desk shows them: left out unless ?indicators=1. The workbook (league.xlsx) is built from the whole league.
  app.get('/api/league', async (c) => {
    const result = await league(c);
    if (c.req.query('indicators') === '1') return c.json(result);
    return c.json({
      ...result,
      scorecards: result.scorecards.map((card) => ({ ...card, indicators: [] })),
      changes: result.changes.map((change) => ({ ...change, comparison: { ...change.comparison, indicators: [] } })),
    });
  });
  app.get('/api/league.xlsx', async (c) => {
    const result = await league(c);
    const { leagueWorkbookBytes } = await import('../../report/desk-league.js');
    const bytes = await leagueWorkbookBytes(result);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': contentDisposition(`${result.unit.name || result.unit.code} ${result.year} league.xlsx`),
      'Cache-Control': 'private, no-store',
    });
  });

  const upload = async (c: Context<Env>): Promise<{ bytes: Uint8Array; fileName: string } | { text: string }> => {
    const type = c.req.header('Content-Type') ?? '';
    if (/^text\/csv/i.test(type)) return { text: await c.req.text() };
    if (!/^multipart\/form-data/i.test(type)) throw ApiError.text(415, 'unsupported-media-type', 'plan-wrong-type');
    let body: Record<string, unknown>;
    try {
      body = await c.req.parseBody();
    } catch {
      throw badRequest('form-unreadable');
    }
    const file = body.file;
    if (!(file instanceof File)) throw badRequest('plan-file-missing');
    if (file.size > limits.maxFileBytes) throw tooLarge(limits.maxFileBytes, safeFileName(file.name));
    return { bytes: new Uint8Array(await file.arrayBuffer()), fileName: safeFileName(file.name || 'upload.xlsx') };
  };
  const sizeLimit = bodyLimit({ maxSize: limits.maxFileBytes + MULTIPART_SLACK, onError: (c) => errorResponse(c, tooLarge(limits.maxFileBytes)) });

  app.post('/api/plans', sizeLimit, async (c) => {
    const got = await upload(c);
    if ('text' in got) throw ApiError.text(415, 'unsupported-media-type', 'plan-wrong-type');
    const { readPlanWorkbook } = await import('../../desk/plan.js');
    const plan = await readPlanWorkbook(got.bytes, got.fileName, limits);
    const lang = langOf(c);
    if (plan.fatal) throw ApiError.text(422, 'unscorable', 'plan-no-unit', {}, localizeAll(plan.problems, lang));
    const registry = await desk.registry();
    const unit = registry.byCode.get(plan.unitCode)?.find((p) => (p.from ?? -Infinity) <= plan.year! && plan.year! <= (p.to ?? Infinity));
    if (!unit || unit.level === 'commune')
      throw ApiError.text(422, 'unknown-unit', 'plan-unknown-unit', { unit: plan.unitCode, year: plan.year ?? '' }, localizeAll(plan.problems, lang));
    // Who may set a place's targets: whoever may read its whole league.
    if (leagueView(c.get('principal'), registry, plan.unitCode, plan.year!, []) !== 'full') throw ApiError.text(403, 'forbidden', 'forbidden-unit', { unit: plan.unitCode });
    if (plan.problems.some((p) => p.severity === 'error'))
      throw ApiError.text(422, 'invalid-plan', 'plan-errors', {}, localizeAll(plan.problems, lang));
    const stored = await store.putPlan({ unitCode: plan.unitCode, year: plan.year!, targets: plan.targets, tasks: plan.tasks, fileName: got.fileName, uploadedBy: c.get('principal').tokenId ?? 'local' });
    return c.json({ ...stored, problems: localizeAll(plan.problems, lang) }, 201);
  });

  return desk;
}
