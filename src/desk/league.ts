/**
 * The district and province desk over the store (issue 15, methodology.md §7–§8):
 * the communes under a province or district in year Y by that year's registry,
 * each commune's current scorecard (latest submission of the unit-year) with its
 * performance groups, the districts' roll-ups (a province before 2025), the
 * parent's roll-up with its plan's targets, the change since Y−1 of every row
 * (pooled across a merger), and the registry communes with no submission.
 *
 * Roll-ups pool the respondents (§7): their coded answers come from AnswerCache
 * (stored with each submission since schema v3, decoded straight into the pool:
 * pool-encoded.ts), and each roll-up is memoised
 * under the submissions it pools, so a warm desk scores nothing again until an
 * upload changes what is current. Poolings run one at a time (each holds one
 * pool's answers in memory, ~30 MB for a province of 100 communes), and the
 * national league pools province by province, so memory is one province's
 * answers whatever the size of the country. The national league of every year
 * with data is warmed in the background (`warm`: at start and after uploads),
 * so an official's first request finds it computed.
 */
import { apiErrorMessage } from '../diagnostics/api-errors.js';
import { problem, type Problem } from '../diagnostics/problem.js';
import type { Framework, PlanTask, Target } from '../framework/schema.js';
import { withPerformanceGroups } from '../scoring/groups.js';
import { quantileR7 } from '../scoring/groups.js';
import { poolSharedItems, type SharedPool } from '../scoring/pool-shared.js';
import { AnswersCodecError } from '../store/answers-codec.js';
import { poolEncoded, type EncodedPart } from './pool-encoded.js';
import { compareScorecards } from '../scoring/compare.js';
import type { CodedResponses, Comparison, Scorecard, ScorecardLevel, UnitInfo } from '../scoring/types.js';
import { scoreUnit } from '../scoring/unitScore.js';
import type { RegistryUnit, StoredPlan, SubmissionStore, UnitEntry } from '../store/types.js';
import { buildRegistry } from '../units/registry.js';
import { communesUnder, descent, parentChain, unitAt, unitsUnder } from '../units/queries.js';
import type { Registry, UnitLevel, UnitPeriod } from '../units/types.js';
import { AnswerCache } from './surveys.js';

export interface DeskUnit {
  code: string;
  name: string;
  level: UnitLevel;
}

export interface DeskChange {
  /** The row's unit code (a commune, a district or the parent). */
  code: string;
  level: ScorecardLevel;
  comparison: Comparison;
}

export interface Quartiles {
  q1: number;
  median: number;
  q3: number;
}

/** The cut points of the performance groups among the communes (§7), for "where a unit stands". */
export interface GroupCuts {
  total: Quartiles | null;
  dimensions: Record<string, Quartiles | null>;
}

export interface DeskLeague {
  unit: DeskUnit;
  year: number;
  /** Communes (level 'unit'), then the districts' roll-ups, then the parent's roll-up. */
  scorecards: Scorecard[];
  missing: { code: string; name: string; parent: string | null }[];
  /** Each row compared with the year before (methodology.md §6, pooled across a merger as §8). */
  changes: DeskChange[];
  cuts: GroupCuts;
  plan: { targets: Target[]; tasks: PlanTask[]; fileName: string | null; uploadedAt: string } | null;
  /** The districts' own plans (a province's league before 2025), for their tasks in the workbook; their targets are on the roll-ups. */
  districtPlans: { code: string; fileName: string | null; tasks: PlanTask[] }[];
  problems: Problem[];
}

/**
 * A league asked for what the registry cannot give. The service answers it with `code` and the
 * api-errors.ts text `textId` in the requester's language (routes/desk.ts); `message` is its English.
 */
export class DeskError extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly code: 'unknown-unit' | 'not-a-parent' | 'no-registry',
    readonly textId: 'no-registry' | 'league-unknown-unit' | 'league-commune',
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(apiErrorMessage(textId, 'en', params));
    this.name = 'DeskError';
  }
}

/** The store's registry rows as a Registry (units/types.ts). */
export function registryOf(rows: readonly RegistryUnit[]): Registry {
  return buildRegistry('store', rows.map((r, i) => ({ ...r, predecessors: [...r.predecessors], row: i + 2 })));
}

interface Current {
  period: UnitPeriod;
  submissionId: string;
  card: Scorecard;
}

const MAX_MEMO = 4096;

/** Lets the event loop run what is waiting (requests, timers) before the next piece of work. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** At most `size` tasks at once, the rest in arrival order (first come, first served). */
class Gate {
  private running = 0;
  private readonly turns: (() => void)[] = [];
  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.turns.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.turns.shift();
      if (next) next();
      else this.running--;
    }
  }
}

export interface NationalLeague {
  year: number;
  scorecards: Scorecard[];
  submitted: Record<string, number>;
  communes: Record<string, number>;
  problems: Problem[];
}

export interface DeskOptions {
  answers?: AnswerCache;
  /** The confidence level the background warming pools at (the service's default). */
  confidence?: number;
  /** Where a failed background warming is said (default: nowhere; a request that needs it fails on its own). */
  log?: (line: string) => void;
}
/** Submissions whose scorecards are kept: a whole country's year (3,321) several times over. */
const MAX_CARDS = 20_000;

export class Desk {
  readonly answers: AnswerCache;
  /** Roll-ups by what they pool; a promise, so requests that arrive while one is scored share it. */
  private readonly memo = new Map<string, Promise<{ card: Scorecard; warnings: Problem[] } | null>>();
  private readonly cards = new Map<string, Promise<Scorecard[]>>();
  private registryCache: { fingerprint: string; registry: Registry } | null = null;
  /** One pooling at a time: each holds its parts' answers and the pooled copy in memory. */
  private readonly poolings = new Gate(1);
  private warmTimer: ReturnType<typeof setTimeout> | null = null;
  private warmRun: Promise<void> | null = null;
  private warmAgain = false;
  private closed = false;
  /** National leagues warmed (for the tests and the benchmark). */
  warmed = 0;

  constructor(
    private readonly store: SubmissionStore,
    private readonly options: DeskOptions = {},
  ) {
    this.answers = options.answers ?? new AnswerCache(store);
  }

  /** True while a background warming runs or is due. */
  get warming(): boolean {
    return this.warmRun !== null || this.warmTimer !== null;
  }

  /**
   * Computes, in the background, the national league of every year with data (newest
   * first), so that a request finds its roll-ups memoised. Called at start and after
   * each stored upload; uploads in a burst are one warming `delayMs` after the last.
   * A warming asked for while one runs runs again once it ends (the store changed).
   */
  warm(delayMs = 0): void {
    if (this.closed) return;
    if (this.warmTimer) clearTimeout(this.warmTimer);
    this.warmTimer = setTimeout(() => {
      this.warmTimer = null;
      if (this.warmRun) {
        this.warmAgain = true;
        return;
      }
      this.warmRun = this.warmAll().finally(() => {
        this.warmRun = null;
      });
    }, delayMs);
    this.warmTimer.unref?.();
  }

  /** Resolves when no warming runs or is due (tests, the benchmark). */
  async settled(): Promise<void> {
    while (this.warmTimer || this.warmRun) {
      if (this.warmRun) await this.warmRun;
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Stops warming (the store is closing): resolves when a warming under way has ended, after its current pool. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.warmTimer) clearTimeout(this.warmTimer);
    this.warmTimer = null;
    await this.warmRun;
  }

  private async warmAll(): Promise<void> {
    do {
      this.warmAgain = false;
      try {
        for (const year of await this.dataYears()) {
          if (this.closed) return;
          await this.national(year, this.options.confidence ?? 0.95, () => this.closed);
          this.warmed++;
        }
      } catch (error) {
        if (!this.closed) this.options.log?.(`chiso: warming the national league failed: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
    } while (this.warmAgain && !this.closed);
  }

  /** Years that have a submission and a registry province, newest first. */
  private async dataYears(): Promise<number[]> {
    const registry = await this.registry();
    const provinces = registry.periods.filter((p) => p.level === 'province');
    if (provinces.length === 0) return [];
    const years = new Set((await this.store.listUnits()).flatMap((u) => u.years.map((y) => y.year)).filter((y): y is number => y !== null));
    return [...years].filter((y) => provinces.some((p) => (p.from ?? -Infinity) <= y && y <= (p.to ?? Infinity))).sort((a, b) => b - a);
  }

  /**
   * The unit-level scorecards of a submission. A submission never changes (its id
   * is its bytes' hash), so they are kept: store.get reads four tables and
   * validates each scorecard, ~5 ms a submission, too slow for 120 communes.
   */
  private cardsOf(id: string): Promise<Scorecard[]> {
    let hit = this.cards.get(id);
    if (!hit) {
      hit = this.store.get(id).then((s) => (s ? s.scorecards.filter((c) => c.level === 'unit') : []));
      hit.catch(() => this.cards.delete(id));
      if (this.cards.size >= MAX_CARDS) this.cards.delete(this.cards.keys().next().value!);
      this.cards.set(id, hit);
    }
    return hit;
  }

  /** The registry, rebuilt only when its rows change (another process may replace it). */
  async registry(): Promise<Registry> {
    const rows = await this.store.listRegistry();
    const fingerprint = `${rows.length}|${rows.map((r) => `${r.code}${r.from}${r.to}${r.parent}`).join(',')}`;
    if (this.registryCache?.fingerprint !== fingerprint) this.registryCache = { fingerprint, registry: registryOf(rows) };
    return this.registryCache.registry;
  }

  async league(code: string, year: number, confidence = 0.95): Promise<DeskLeague> {
    const registry = await this.registry();
    if (registry.periods.length === 0) throw new DeskError(404, 'no-registry', 'no-registry');
    const parent = unitAt(registry, code, year);
    if (!parent) throw new DeskError(404, 'unknown-unit', 'league-unknown-unit', { unit: code, year });
    if (parent.level === 'commune') throw new DeskError(400, 'not-a-parent', 'league-commune', { unit: code });

    const units = await this.store.listUnits();
    const byCode = new Map(units.map((u) => [u.code || u.key, u]));
    const problems: Problem[] = [];

    const communes = communesUnder(registry, code, year);
    const current = await this.currentOf(communes, year, byCode);
    const missing = communes.filter((c) => !current.has(c.code)).map((c) => ({ code: c.code, name: c.name, parent: c.parent }));

    const communeCards = communes.flatMap((c) => {
      const cur = current.get(c.code);
      return cur ? [withRegistryNames(cur.card, registry, c, year)] : [];
    });

    const plan = await this.store.latestPlan(code, year);
    const rollups: Scorecard[] = [];
    const districts = parent.level === 'province' ? unitsUnder(registry, code, year, 'district').sort((a, b) => a.code.localeCompare(b.code)) : [];
    const districtPlans: DeskLeague['districtPlans'] = [];
    for (const d of districts) {
      const members = communes.filter((c) => c.parent === d.code && current.has(c.code)).map((c) => current.get(c.code)!);
      const districtPlan = await this.store.latestPlan(d.code, year);
      const card = await this.rollUp(d, registry, year, members, 'district', confidence, districtPlan, problems);
      if (card) rollups.push(card);
      if (card && districtPlan) districtPlans.push({ code: d.code, fileName: districtPlan.fileName, tasks: districtPlan.tasks });
    }
    const parentCard = await this.rollUp(parent, registry, year, [...current.values()], parent.level === 'province' ? 'province' : 'district', confidence, plan, problems);

    // Groups: communes among themselves; districts among themselves when 4 or more (withPerformanceGroups cohorts by level).
    const grouped = withPerformanceGroups([...communeCards, ...rollups]);
    const scorecards = [...grouped, ...(parentCard ? [parentCard] : [])];

    const changes = await this.changes(registry, year, scorecards, confidence, byCode, problems);
    return {
      unit: { code: parent.code, name: parent.name, level: parent.level },
      year,
      scorecards,
      missing,
      changes,
      cuts: cutsOf(communeCards),
      plan: plan ? { targets: plan.targets, tasks: plan.tasks, fileName: plan.fileName, uploadedAt: plan.uploadedAt } : null,
      districtPlans,
      problems,
    };
  }

  /**
   * Every province's roll-up in `year` (the national league), grouped among the
   * provinces. Reads no scorecard: the current submissions come from the unit
   * listing, and a warm desk answers each roll-up from its memo.
   */
  async national(year: number, confidence = 0.95, stop?: () => boolean): Promise<NationalLeague> {
    const registry = await this.registry();
    if (registry.periods.length === 0) throw new DeskError(404, 'no-registry', 'no-registry');
    const units = await this.store.listUnits();
    const byCode = new Map(units.map((u) => [u.code || u.key, u]));
    const provinces = registry.periods.filter((p) => p.level === 'province' && (p.from ?? -Infinity) <= year && year <= (p.to ?? Infinity)).sort((a, b) => a.code.localeCompare(b.code));
    // Each commune of the year once, under its province (one parent chain per commune, not per province).
    const membersOf = new Map<string, { code: string; submissionId: string }[]>(provinces.map((p) => [p.code, []]));
    const communes: Record<string, number> = {};
    for (const p of registry.periods) {
      if (p.level !== 'commune' || (p.from ?? -Infinity) > year || year > (p.to ?? Infinity)) continue;
      const province = parentChain(registry, p.code, year).find((q) => q.level === 'province');
      if (!province || !membersOf.has(province.code)) continue;
      communes[province.code] = (communes[province.code] ?? 0) + 1;
      const y = byCode.get(p.code)?.years.find((v) => v.year === year);
      if (y) membersOf.get(province.code)!.push({ code: p.code, submissionId: y.submissionId });
    }
    const problems: Problem[] = [];
    const cards: Scorecard[] = [];
    const submitted: Record<string, number> = {};
    for (const province of provinces) {
      // Warming stops between provinces when the desk closes (the store is about to).
      if (stop?.()) throw new Error('the desk is closed');
      const members = membersOf.get(province.code)!;
      submitted[province.code] = members.length;
      const plan = await this.store.latestPlan(province.code, year);
      const card = await this.pool(members, infoOf(registry, province, year), 'province', confidence, plan?.targets ?? [], plan ? `plan${plan.id}` : '', problems);
      if (card) cards.push(card);
    }
    // Without the indicators: 34 provinces × 126 of them is most of a 1.5 MB answer nobody reads at this level.
    return { year, scorecards: withPerformanceGroups(cards).map((c) => ({ ...c, indicators: [] })), submitted, communes, problems };
  }

  /** The current submission and scorecard of each of `periods` in `year` that has one. */
  private async currentOf(periods: readonly UnitPeriod[], year: number, byCode: Map<string, UnitEntry>): Promise<Map<string, Current>> {
    const wanted = periods.flatMap((p) => {
      const y = byCode.get(p.code)?.years.find((v) => v.year === year);
      return y ? [{ period: p, submissionId: y.submissionId }] : [];
    });
    const ids = [...new Set(wanted.map((w) => w.submissionId))];
    const cards = new Map(await Promise.all(ids.map(async (id) => [id, await this.cardsOf(id)] as const)));
    const out = new Map<string, Current>();
    for (const w of wanted) {
      const card = cards.get(w.submissionId)?.find((s) => s.unit.code.trim() === w.period.code && s.unit.year === year);
      if (card) out.set(w.period.code, { ...w, card });
    }
    return out;
  }

  /** The pool (§7) of `members`' respondents, scored with §3–4, memoised under the submissions it pools. */
  private async pool(
    members: readonly { code: string; submissionId: string }[],
    unit: UnitInfo,
    level: ScorecardLevel,
    confidence: number,
    targets: readonly Target[],
    planKey: string,
    problems: Problem[],
  ): Promise<Scorecard | null> {
    if (members.length === 0) return null;
    const key = [unit.code, unit.name, unit.year, level, confidence, planKey, ...members.map((m) => `${m.code}@${m.submissionId}`).sort()].join('|');
    let pending = this.memo.get(key);
    if (!pending) {
      pending = this.poolings.run(() => this.poolNow(members, unit, level, confidence, targets));
      if (this.memo.size >= MAX_MEMO) this.memo.delete(this.memo.keys().next().value!);
      this.memo.set(key, pending);
      pending.then(
        (pooled) => pooled ?? this.memo.delete(key),
        () => this.memo.delete(key),
      );
    }
    const pooled = await pending;
    // Every request that uses a roll-up gets its warnings, not only the one that scored it.
    if (pooled) problems.push(...pooled.warnings);
    return pooled?.card ?? null;
  }

  private async poolNow(
    members: readonly { code: string; submissionId: string }[],
    unit: UnitInfo,
    level: ScorecardLevel,
    confidence: number,
    targets: readonly Target[],
  ): Promise<{ card: Scorecard; warnings: Problem[] } | null> {
    const parts: EncodedPart[] = [];
    let framework: Framework | null = null;
    for (const [k, m] of members.entries()) {
      // The SQLite driver answers synchronously underneath, so reading a province's rows would hold the event
      // loop for seconds (a start-up's warming kept GET /api/whoami waiting 8 s): let other requests through.
      if (k % 4 === 3) await breathe();
      const answers = await this.answers.encoded(m.submissionId);
      const found = answers?.units.find((u) => u.code === m.code);
      if (!answers || !found) continue;
      framework ??= answers.framework;
      parts.push({ bytes: answers.bytes, unit: found, items: answers.items });
    }
    if (!framework || parts.length === 0) return null;
    let shared: SharedPool;
    try {
      shared = poolEncoded(parts);
    } catch (error) {
      // A row damaged past what scanning sees (a code outside its dictionary): the decoding path re-reads its workbook.
      if (!(error instanceof AnswersCodecError)) throw error;
      shared = await this.poolDecoded(members);
    }
    const warnings: Problem[] = [];
    if (shared.dropped.length)
      warnings.push(problem('rollup-items-differ', { unit: `${unit.name} ${unit.year ?? ''}`.trim(), shared: shared.coded.items.length, count: shared.dropped.length, items: shared.dropped.join(', ') }, { file: unit.code }));
    return { card: scoreUnit({ coded: shared.coded, framework, targets, confidence, level, file: `${parts.length} submissions`, unit }), warnings };
  }

  /** The pool from decoded answers (AnswerCache.get, which re-reads a damaged row's workbook): the fallback. */
  private async poolDecoded(members: readonly { code: string; submissionId: string }[]): Promise<SharedPool> {
    const parts: CodedResponses[] = [];
    for (const m of members) {
      const coded = (await this.answers.get(m.submissionId))?.units.get(m.code);
      if (coded) parts.push(coded);
    }
    return poolSharedItems(parts);
  }

  private async rollUp(
    parent: UnitPeriod,
    registry: Registry,
    year: number,
    members: readonly Current[],
    level: 'district' | 'province',
    confidence: number,
    plan: StoredPlan | undefined,
    problems: Problem[],
  ): Promise<Scorecard | null> {
    const unit = infoOf(registry, parent, year);
    return this.pool(
      members.map((m) => ({ code: m.period.code, submissionId: m.submissionId })),
      unit,
      level,
      confidence,
      plan?.targets ?? [],
      plan ? `plan${plan.id}` : '',
      problems,
    );
  }

  /**
   * Each row against year − 1. A commune that kept its code wholly is compared
   * with its own stored scorecard; a merged one (or a roll-up) with the pool of
   * what it descends from (§8), flagged approximate / incomplete.
   */
  private async changes(registry: Registry, year: number, cards: readonly Scorecard[], confidence: number, byCode: Map<string, UnitEntry>, problems: Problem[]): Promise<DeskChange[]> {
    const a = year - 1;
    const out: DeskChange[] = [];
    for (const card of cards) {
      const code = card.unit.code;
      const ancestors = descent(registry, code, year, a);
      if (ancestors.length === 0) continue;
      if (card.level === 'unit') {
        const periods = ancestors.flatMap((anc) => {
          const p = unitAt(registry, anc.code, a);
          return p ? [p] : [];
        });
        const earlier = await this.currentOf(periods, a, byCode);
        if (earlier.size === 0) continue;
        const self = ancestors.length === 1 && ancestors[0].code === code && !ancestors[0].part;
        if (self) {
          out.push({ code, level: card.level, comparison: compareScorecards(earlier.get(code)!.card, card, confidence) });
          continue;
        }
        const members = [...earlier.values()].map((e) => ({ code: e.period.code, submissionId: e.submissionId }));
        const from = await this.pool(members, { ...card.unit, code: '', name: ancestors.filter((x) => earlier.has(x.code)).map((x) => x.name).join(' + '), year: a }, 'unit', confidence, [], '', problems);
        if (!from) continue;
        out.push({ code, level: card.level, comparison: pooledComparison(from, card, confidence, ancestors, earlier) });
      } else {
        // A roll-up: the communes under what it descends from, in year a.
        const communes = ancestors.flatMap((anc) => communesUnder(registry, anc.code, a));
        const earlier = await this.currentOf(communes, a, byCode);
        if (earlier.size === 0) continue;
        const members = [...earlier.values()].map((e) => ({ code: e.period.code, submissionId: e.submissionId }));
        const from = await this.pool(members, { ...card.unit, year: a }, card.level, confidence, [], '', problems);
        if (!from) continue;
        const comparison = compareScorecards(from, card, confidence);
        const missingEarlier = communes.filter((c) => !earlier.has(c.code)).map((c) => c.code);
        if (missingEarlier.length) comparison.incomplete = missingEarlier;
        if (ancestors.some((x) => x.part)) comparison.approximate = true;
        out.push({ code, level: card.level, comparison });
      }
    }
    return out;
  }
}

function pooledComparison(from: Scorecard, to: Scorecard, confidence: number, ancestors: readonly { code: string; part: boolean }[], earlier: Map<string, Current>): Comparison {
  const comparison = compareScorecards(from, to, confidence);
  comparison.from = { ...comparison.from, code: null, units: ancestors.filter((x) => earlier.has(x.code)).map((x) => x.code) };
  comparison.approximate = ancestors.some((x) => x.part && earlier.has(x.code));
  comparison.incomplete = ancestors.filter((x) => !earlier.has(x.code)).map((x) => x.code);
  return comparison;
}

/** A registry unit as the scorecard's UnitInfo: its name and its province's and district's names in `year`. */
function infoOf(registry: Registry, period: UnitPeriod, year: number): UnitInfo {
  const chain = parentChain(registry, period.code, year);
  return {
    code: period.code,
    name: period.name,
    province: chain.find((p) => p.level === 'province')?.name ?? '',
    district: chain.find((p) => p.level === 'district')?.name ?? '',
    year,
  };
}

/** The commune's scorecard named as the registry names it (identity is the code, §8). */
function withRegistryNames(card: Scorecard, registry: Registry, period: UnitPeriod, year: number): Scorecard {
  return { ...card, unit: infoOf(registry, period, year) };
}

function quartiles(scores: readonly (number | null)[]): Quartiles | null {
  const defined = scores.filter((s): s is number => s !== null).sort((x, y) => x - y);
  if (defined.length < 4) return null;
  return { q1: quantileR7(defined, 0.25), median: quantileR7(defined, 0.5), q3: quantileR7(defined, 0.75) };
}

function cutsOf(cards: readonly Scorecard[]): GroupCuts {
  const codes = [...new Set(cards.flatMap((c) => c.dimensions.map((d) => d.code)))];
  return {
    total: quartiles(cards.map((c) => c.total.score)),
    dimensions: Object.fromEntries(codes.map((code) => [code, quartiles(cards.map((c) => c.dimensions.find((d) => d.code === code)?.score ?? null))])),
  };
}
