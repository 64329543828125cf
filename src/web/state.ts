/** The workbench's shared state and a change signal the panels listen to. */
import { api } from './api.js';
import { locale } from './i18n.js';
import type { Hierarchy, Problem, StoredSubmission, SubmissionSummary, UnitYear } from './types.js';

export interface UploadState {
  name: string;
  phase: 'uploading' | 'scoring' | 'done' | 'failed';
  fraction: number;
  message?: string;
}

type Listener = () => void;

export class State {
  hierarchy: Hierarchy = { provinces: [] };
  submissions: SubmissionSummary[] = [];
  /** The submission whose problems and numbers the panel and status bar show. */
  active: StoredSubmission | null = null;
  activeUnitKey: string | null = null;
  /** Problems of an upload that could not be scored (no submission to attach them to). */
  rejected: { fileName: string; problems: Problem[] } | null = null;
  upload: UploadState | null = null;
  private readonly cache = new Map<string, Promise<StoredSubmission>>();
  private readonly listeners = new Set<Listener>();

  /** Calls `listener` on every change; returns the call that stops it (for views that close). */
  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(): void {
    for (const listener of this.listeners) listener();
  }

  async refresh(): Promise<void> {
    const [hierarchy, submissions] = await Promise.all([api.units(), api.submissions()]);
    this.hierarchy = hierarchy;
    this.submissions = submissions;
    this.emit();
  }

  /** A submission with its problems in the workbench's current language (cached per language). */
  submission(id: string): Promise<StoredSubmission> {
    const key = `${locale()}:${id}`;
    let p = this.cache.get(key);
    if (!p) {
      p = api.submission(id); // in locale(): api.ts asks for ?lang
      p.catch(() => this.cache.delete(key));
      this.cache.set(key, p);
    }
    return p;
  }

  remember(submission: StoredSubmission): void {
    this.cache.set(`${locale()}:${submission.id}`, Promise.resolve(submission));
  }

  setActive(submission: StoredSubmission, unitKey?: string): void {
    this.active = submission;
    this.rejected = null;
    this.activeUnitKey = unitKey ?? submission.units[0]?.key ?? null;
    this.emit();
  }

  summary(id: string): SubmissionSummary | undefined {
    return this.submissions.find((s) => s.id === id);
  }

  /** The newest year of a unit and its current submission (the one scores, reports and comparisons use). */
  latest(key: string): UnitYear | undefined {
    const years = this.unit(key)?.years ?? [];
    return years.reduce<UnitYear | undefined>((a, y) => (!a || (y.year ?? -Infinity) > (a.year ?? -Infinity) ? y : a), undefined);
  }

  /** The current submission for the unit-year that `submissionId` was superseded in, if it was. */
  replacement(submissionId: string, unitKey: string | null): { id: string; summary?: SubmissionSummary } | undefined {
    const years = unitKey ? (this.unit(unitKey)?.years ?? []) : [];
    const year = years.find((y) => y.supersededIds.includes(submissionId));
    const current = year?.submissionId ?? this.summary(submissionId)?.supersededBy ?? undefined;
    return current ? { id: current, summary: this.summary(current) } : undefined;
  }

  unit(key: string) {
    for (const p of this.hierarchy.provinces)
      for (const d of p.districts)
        for (const u of d.units) if (u.key === key) return { province: p.name, district: d.name, ...u };
    return undefined;
  }
}
