/** The workbench: activity bar, Explorer, editor tabs, Problems panel, status bar, command palette. */
import { api, uploadWorkbook } from './api.js';
import { CompareView } from './compare-view.js';
import { DeskView, type DeskPlace } from './desk-view.js';
import { standingSection } from './standing-section.js';
import { addUnitSection } from './unit-sections.js';
import { h } from './dom.js';
import { Editors } from './editors.js';
import { Explorer } from './explorer.js';
import { GridView } from './grid-view.js';
import { locale, setLocale, t } from './i18n.js';
import { Palette, type Command } from './palette.js';
import { ProblemsPanel } from './problems.js';
import { ScorecardView } from './scorecard-view.js';
import { State } from './state.js';
import { StatusBar } from './statusbar.js';
import { applyTheme, initialLocale, initialTheme, rememberLocale, type Theme } from './theme.js';
import type { Problem } from './types.js';
import { Uploader } from './upload.js';
import { WelcomeView } from './welcome-view.js';
import { askForToken } from './signin.js';
import { SHEET } from '../contract.js';

// A unit's page shows where it stands in its group (the desk's league).
addUnitSection(standingSection);

const state = new State();
const editors = new Editors();
let theme: Theme = initialTheme();
setLocale(initialLocale());
applyTheme(theme);

async function openScores(id: string, unitKey?: string): Promise<void> {
  const submission = await state.submission(id);
  state.setActive(submission, unitKey);
  const key = unitKey ?? submission.units[0]?.key;
  const years = key ? (state.unit(key)?.years.length ?? 0) : 0;
  editors.open(`scores:${id}:${unitKey ?? ''}`, () =>
    new ScorecardView(state, submission, unitKey ?? null, {
      openGrid: () => void openGrid(id),
      compare: years >= 2 ? () => { state.activeUnitKey = key ?? null; openCompare(); } : undefined,
      openSubmission: (other, otherUnit) => void openScores(other, otherUnit || undefined),
    }),
  );
}

/** One click from a unit in the Explorer: its newest year's current scores. */
async function openUnit(unitKey: string): Promise<void> {
  state.activeUnitKey = unitKey;
  const latest = state.latest(unitKey);
  if (latest) await openScores(latest.submissionId, unitKey);
}

async function openGrid(id: string, sheet?: string, cell?: string): Promise<void> {
  const submission = await state.submission(id);
  if (state.active?.id !== id) state.setActive(submission);
  const view = editors.open(`grid:${id}`, () => new GridView(submission)) as GridView;
  await view.show(sheet ?? SHEET.responses, cell);
}

function openCompare(): void {
  const unitKey = state.activeUnitKey;
  if (!unitKey) return notify(t('noUnitSelected'));
  editors.open(`compare:${unitKey}`, () => new CompareView(state, unitKey));
}

function goToProblem(problem: Problem): void {
  if (state.active) void openGrid(state.active.id, problem.sheet, problem.cell || undefined);
}

/** F8 / Shift+F8, as in VS Code: the next (previous) problem with a cell, opened in the grid. */
let problemIndex = -1;
function nextProblem(step: 1 | -1): void {
  const problems = (state.active?.problems ?? []).filter((p) => p.sheet && p.cell);
  if (problems.length === 0) return;
  problemIndex = (problemIndex + step + problems.length) % problems.length;
  goToProblem(problems[problemIndex]);
}

function download(url: string): void {
  const a = h('a', { href: url, download: '' });
  document.body.append(a);
  a.click();
  a.remove();
}

function notify(message: string): void {
  live.textContent = '';
  requestAnimationFrame(() => (live.textContent = message));
}

async function upload(file: File): Promise<void> {
  state.upload = { name: file.name, phase: 'uploading', fraction: 0 };
  state.emit();
  const result = await uploadWorkbook(file, (fraction) => {
    state.upload = { name: file.name, phase: fraction >= 1 ? 'scoring' : 'uploading', fraction };
    state.emit();
  });
  if (!result.ok) {
    state.upload = { name: file.name, phase: 'failed', fraction: 0, message: result.error.message };
    state.active = null;
    state.rejected = { fileName: file.name, problems: result.error.problems ?? [] };
    state.emit();
    notify(`${t('uploadFailed')}: ${result.error.message}`);
    return;
  }
  const { submission } = result;
  state.upload = { name: file.name, phase: 'done', fraction: 1 };
  state.remember(submission);
  state.setActive(submission);
  notify(`${t('uploaded')}: ${file.name}`);
  await state.refresh();
  explorer.reveal(submission.id);
  await openScores(submission.id, submission.units[0]?.key);
}

function toggleLanguage(): void {
  setLocale(locale() === 'vi' ? 'en' : 'vi');
  rememberLocale(locale());
  refreshTexts();
  // The service renders problems in the language asked for: fetch the open submission's again.
  const active = state.active;
  if (active) void state.submission(active.id).then((s) => { if (state.active?.id === s.id) state.setActive(s, state.activeUnitKey ?? undefined); });
}

function toggleTheme(): void {
  theme = theme === 'dark' ? 'light' : 'dark';
  applyTheme(theme);
  editors.refresh();
  state.emit();
}

// The Problems panel and status bar follow the submission of the tab in front.
editors.onActivate = (tabId) => {
  // Unit keys may hold ':' ("name:…"), submission ids do not.
  const m = /^(?:scores|grid):([^:]+)(?::(.*))?$/.exec(tabId);
  const [id, unitKey] = [m?.[1], m?.[2]];
  if (!id || state.active?.id === id) return;
  void state.submission(id).then((s) => state.setActive(s, unitKey || undefined));
};

const uploader = new Uploader((file) => void upload(file));
const explorer = new Explorer(state, {
  openSubmission: (id, unitKey) => void openScores(id, unitKey),
  openUnit: (unitKey) => void openUnit(unitKey).catch((e: Error) => notify(e.message)),
  openDesk: (place) => openDesk(place),
});
/** A province's or district's desk; from a province's desk, a district's name opens the district's. */
function openDesk(place: DeskPlace): void {
  editors.open(`desk:${place.level}:${place.name}`, () => new DeskView(place, { openUnit: (code) => void openUnit(code).catch((e: Error) => notify(e.message)), openDesk }));
}
const problems = new ProblemsPanel(state, goToProblem);
// Tab titles follow the store too (a newer upload makes a file "old").
state.on(() => editors.renderTabs());
const statusBar = new StatusBar(state, {
  toggleLanguage,
  toggleTheme,
  theme: () => theme,
  showProblems: () => problems.element.querySelector<HTMLElement>('button.problem')?.focus(),
});
const commands: Command[] = [
  { id: 'upload', title: () => t('uploadWorkbook'), run: () => uploader.pick() },
  { id: 'template', title: () => t('downloadTemplate'), run: () => download(api.templateUrl()) },
  { id: 'report', title: () => t('downloadReport'), run: () => (state.active ? download(api.reportUrl(state.active.id)) : notify(t('noSubmission'))) },
  { id: 'compare', title: () => t('compareYears'), run: openCompare },
  { id: 'language', title: () => `${t('language')}: ${t('switchLanguage')}`, run: toggleLanguage },
  { id: 'theme', title: () => t('toggleTheme'), run: toggleTheme },
  { id: 'next-problem', title: () => `${t('nextProblem')} (F8)`, run: () => nextProblem(1) },
  { id: 'sign-in', title: () => t('signIn'), run: () => void signIn() },
  { id: 'sign-out', title: () => t('signOut'), run: () => void api.signOut().then(() => location.reload()) },
];

/** Asks for a token, then reloads everything the new token may see. */
async function signIn(): Promise<void> {
  if (await askForToken()) await state.refresh().catch((e: Error) => notify(e.message));
}
const palette = new Palette(commands);
const live = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });

/** Activity buttons carry a visible word under their icon: bare symbols (☰ ⇪ ⌘) mean nothing to a commune clerk. */
function activityButton(icon: string, onclick: () => void): HTMLButtonElement {
  return h('button', { class: 'activity', type: 'button', onclick },
    h('span', { class: 'activity-icon', 'aria-hidden': 'true' }, icon), h('span', { class: 'activity-label' }));
}
const activity = {
  explorer: activityButton('☰', () => explorer.element.querySelector<HTMLElement>('[tabindex="0"]')?.focus()),
  upload: activityButton('⇪', () => uploader.pick()),
  palette: activityButton('⌘', () => palette.open()),
};
const sideHeading = h('h2', { id: 'explorer-heading' });
const shell = h('div', { class: 'workbench' },
  h('nav', { class: 'activitybar' }, activity.explorer, activity.upload, activity.palette, uploader.input),
  h('aside', { class: 'sidebar', 'aria-labelledby': 'explorer-heading' }, sideHeading, explorer.element),
  h('main', { class: 'editor' }, editors.tablist, editors.body),
  problems.element,
  statusBar.element,
);

function refreshTexts(): void {
  document.title = t('appTitle');
  sideHeading.textContent = t('explorer');
  const labels: Record<keyof typeof activity, [string, string]> = {
    explorer: [t('activityExplorer'), t('unitsTree')],
    upload: [t('activityUpload'), t('uploadWorkbook')],
    palette: [t('activityPalette'), `${t('paletteLabel')} (Ctrl+Shift+P)`],
  };
  for (const [k, [label, title]] of Object.entries(labels)) {
    const button = activity[k as keyof typeof activity];
    button.querySelector('.activity-label')!.textContent = label;
    button.title = title;
  }
  shell.querySelector('nav')?.setAttribute('aria-label', t('activityBar'));
  uploader.refresh();
  palette.refresh();
  editors.refresh();
  state.emit();
}

window.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === 'p') {
    e.preventDefault();
    palette.open();
  } else if (e.key === 'Escape' && palette.isOpen) palette.close();
  else if (e.key === 'F8' && !palette.isOpen) {
    e.preventDefault();
    nextProblem(e.shiftKey ? -1 : 1);
  }
});

document.body.replaceChildren(shell, palette.element, uploader.overlay, live);
editors.open('welcome', () => new WelcomeView(() => uploader.pick()));
refreshTexts();
// A service that requires tokens answers 401 until the user signs in.
void api.whoami().then(async (me) => {
  if (!me) await askForToken();
  await state.refresh().catch((e: Error) => notify(e.message));
});
