/**
 * The Explorer: province → district → unit → year → submissions, as an ARIA
 * tree with one tab stop (roving tabindex), arrow keys, Enter/Space, Home/End.
 */
import { h } from './dom.js';
import { shortDate } from './dates.js';
import { num, t } from './i18n.js';
import type { DeskPlace } from './desk-view.js';
import type { State } from './state.js';
import type { UnitNode } from './types.js';

interface Node {
  id: string;
  label: string;
  detail?: string;
  level: number;
  children: Node[];
  /** What activating a leaf does. */
  open?: () => void;
  superseded?: boolean;
  title?: string;
  /** The accessible name when label and detail alone say too little ("2023 42,65"). */
  name?: string;
}

export interface ExplorerActions {
  openSubmission(id: string, unitKey: string): void;
  /** A unit was activated: open its latest year's scores (one click from the tree). */
  openUnit(unitKey: string): void;
  /** A province or district was activated: open its desk (desk-view.ts). */
  openDesk(place: DeskPlace): void;
}

/** What the desk needs to find a place in the registry: codes of communes filed under it, and their years. */
function deskPlace(level: DeskPlace['level'], name: string, units: readonly { code: string; years: { year: number | null }[] }[]): DeskPlace | null {
  const communes = units.map((u) => u.code).filter(Boolean);
  const years = [...new Set(units.flatMap((u) => u.years.map((y) => y.year)).filter((y): y is number => y !== null))];
  return communes.length && years.length ? { level, name, communes, years } : null;
}

export class Explorer {
  readonly element: HTMLElement;
  private readonly tree: HTMLElement;
  private readonly expanded = new Set<string>();
  private readonly seen = new Set<string>();
  private focusedId: string | null = null;
  private visible: { node: Node; parent: Node | null }[] = [];

  constructor(private readonly state: State, private readonly actions: ExplorerActions) {
    this.tree = h('div', { class: 'tree', role: 'tree' });
    this.tree.addEventListener('keydown', (e) => this.onKey(e));
    this.element = h('div', { class: 'explorer' }, this.tree);
    state.on(() => this.render());
  }

  /** Expands the path to a submission and focuses it (after an upload). */
  reveal(submissionId: string): void {
    // Every path to the submission (a multi-unit upload sits under each of its units), whatever its depth:
    // a commune lies under its district up to 2024 and directly under its province from 2025.
    const visit = (n: Node, path: Node[]): void => {
      if (n.id.startsWith(`s:${submissionId}:`)) {
        path.forEach((p) => this.expanded.add(p.id));
        this.focusedId = n.id;
      }
      n.children.forEach((c) => visit(c, [...path, n]));
    };
    for (const p of this.nodes()) visit(p, []);
    this.render();
  }

  private nodes(): Node[] {
    const { state } = this;
    return state.hierarchy.provinces.map((p) => {
      const pid = `p:${p.name}`;
      const province = deskPlace('province', p.name, p.districts.flatMap((d) => d.units));
      return {
        id: pid, label: p.name || '–', level: 1, title: province ? `${p.name}: ${t('openDesk')}` : undefined,
        open: province ? () => this.actions.openDesk(province) : undefined,
        // From 2025 there are no districts: the registry leaves a commune's district blank, and it
        // stands directly under its province (methodology §8) rather than under a "–" node.
        children: p.districts.flatMap((d): Node[] => {
          if (!d.name) return d.units.map((u) => this.unitNode(u, 2));
          const did = `${pid}/d:${d.name}`;
          const district = deskPlace('district', d.name, d.units);
          return [{
            id: did, label: d.name, level: 2, title: district ? `${d.name}: ${t('openDesk')}` : undefined,
            open: district ? () => this.actions.openDesk(district) : undefined,
            children: d.units.map((u) => this.unitNode(u, 3)),
          }];
        }),
      };
    });
  }

  /** A unit with its years and their files, its node at `level` (2 under a province, 3 under a district). */
  private unitNode(u: UnitNode, level: number): Node {
    const { state } = this;
    const uid = `u:${u.key}`;
    return {
      id: uid, label: u.name || u.code, detail: u.code, level, title: `${u.name || u.code}: ${t('openLatest')}`,
      open: () => this.actions.openUnit(u.key),
      children: u.years.map((y) => ({
        id: `${uid}/y:${y.year}`, label: String(y.year ?? '–'), detail: `${num(y.total.score)}`, level: level + 1,
        name: `${t('year')} ${y.year ?? '–'}, ${t('total').toLowerCase()} ${num(y.total.score)}`,
        open: () => this.actions.openSubmission(y.submissionId, u.key),
        children: [y.submissionId, ...y.supersededIds].map((id, i) => {
          const s = state.summary(id);
          const when = s ? shortDate(s.uploadedAt) : '';
          return {
            id: `s:${id}:${uid}`, label: s?.fileName ?? id, detail: i > 0 ? `${t('oldFile')} · ${when}` : when, title: i > 0 ? `${s?.fileName ?? id} (${t('superseded')})` : s?.fileName, level: level + 2,
            children: [], superseded: i > 0, open: () => this.actions.openSubmission(id, u.key),
          };
        }),
      })),
    };
  }

  render(): void {
    this.tree.setAttribute('aria-label', t('unitsTree'));
    const roots = this.nodes();
    // Provinces and districts start expanded the first time they appear (communes stay folded).
    const walk = (n: Node) => {
      if (!this.seen.has(n.id)) {
        this.seen.add(n.id);
        if (n.level <= 2 && !n.id.startsWith('u:')) this.expanded.add(n.id); // not a commune under its province
      }
      n.children.forEach(walk);
    };
    roots.forEach(walk);
    this.visible = [];
    const flatten = (n: Node, parent: Node | null) => {
      this.visible.push({ node: n, parent });
      if (this.expanded.has(n.id)) n.children.forEach((c) => flatten(c, n));
    };
    roots.forEach((r) => flatten(r, null));
    if (!this.visible.some((v) => v.node.id === this.focusedId)) this.focusedId = this.visible[0]?.node.id ?? null;
    if (this.visible.length === 0) {
      this.tree.replaceChildren(h('p', { class: 'empty' }, t('noUnits')));
      return;
    }
    const hadFocus = this.tree.contains(document.activeElement);
    this.tree.replaceChildren(
      ...this.visible.map(({ node }) => {
        const leaf = node.children.length === 0;
        const item = h('div', {
          class: `tree-item level-${node.level}${node.superseded ? ' superseded' : ''}`,
          role: 'treeitem', 'aria-level': node.level, 'aria-expanded': leaf ? null : String(this.expanded.has(node.id)),
          'aria-selected': String(node.id === this.focusedId), tabindex: node.id === this.focusedId ? 0 : -1, 'data-id': node.id, title: node.title ?? null, 'aria-label': node.name ?? null,
        },
          h('span', { class: 'twisty', 'aria-hidden': 'true' }, leaf ? '' : this.expanded.has(node.id) ? '▾' : '▸'),
          h('span', { class: 'label' }, node.label),
          node.detail ? h('span', { class: 'detail' }, node.detail) : null,
        );
        item.style.paddingLeft = `${(node.level - 1) * 12 + 4}px`;
        item.addEventListener('click', (e) => {
          this.focusedId = node.id;
          // The twisty only folds and unfolds; the rest of the row activates.
          if ((e.target as HTMLElement).classList.contains('twisty') && !leaf) {
            if (this.expanded.has(node.id)) this.expanded.delete(node.id);
            else this.expanded.add(node.id);
            this.render();
            this.focusItem();
          } else this.activate(node);
        });
        return item;
      }),
    );
    if (hadFocus) this.focusItem();
  }

  /**
   * A node that opens something (a desk, a unit's scores) opens it and shows its children, never hides
   * them: clicking a province to open its desk folded its districts away. Other nodes fold and unfold.
   */
  private activate(node: Node): void {
    if (node.children.length > 0) {
      if (!this.expanded.has(node.id)) this.expanded.add(node.id);
      else if (!node.open) this.expanded.delete(node.id);
    }
    node.open?.();
    this.render();
    this.focusItem();
  }

  private focusItem(): void {
    this.tree.querySelector<HTMLElement>('[tabindex="0"]')?.focus();
  }

  private onKey(e: KeyboardEvent): void {
    const index = this.visible.findIndex((v) => v.node.id === this.focusedId);
    if (index < 0) return;
    const { node, parent } = this.visible[index];
    const go = (i: number) => {
      const target = this.visible[Math.max(0, Math.min(this.visible.length - 1, i))];
      this.focusedId = target.node.id;
      this.render();
      this.focusItem();
    };
    switch (e.key) {
      case 'ArrowDown': go(index + 1); break;
      case 'ArrowUp': go(index - 1); break;
      case 'Home': go(0); break;
      case 'End': go(this.visible.length - 1); break;
      case 'ArrowRight':
        if (node.children.length === 0) break;
        if (!this.expanded.has(node.id)) { this.expanded.add(node.id); this.render(); this.focusItem(); }
        else go(index + 1);
        break;
      case 'ArrowLeft':
        if (this.expanded.has(node.id)) { this.expanded.delete(node.id); this.render(); this.focusItem(); }
        else if (parent) go(this.visible.findIndex((v) => v.node.id === parent.id));
        break;
      case 'Enter':
      case ' ':
        this.activate(node);
        break;
      default:
        return;
    }
    e.preventDefault();
  }
}
