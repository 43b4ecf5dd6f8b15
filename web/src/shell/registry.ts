/**
 * The workbenches: each domain (carbon, PV/wind siting, EV charging, the 两山 cooperative, policy
 * indicators) registers its own panel here, without touching the others. The switcher shows the
 * registered ones only, in the order of WORKBENCH_ORDER; one not in it (a plug-in, a test's) comes
 * after them, in the order registered.
 */
import type { MapShell } from '../map.ts';
import type { ParcelEditor } from '../parcels.ts';
import type { AppStore, Route } from '../state.ts';

/** Known workbenches, in the order of their tabs. */
export const WORKBENCH_ORDER = ['carbon', 'siting', 'charging', 'cooperative', 'indicators'] as const;
export type WorkbenchId = (typeof WORKBENCH_ORDER)[number];

/** What a workbench gets to work with: the store, the map and the parcels. */
export interface WorkbenchContext {
  store: AppStore;
  map: MapShell;
  parcels: ParcelEditor;
}

export interface Workbench {
  id: WorkbenchId | (string & Record<never, never>);
  title: { zh: string; en: string };
  /** Build the panel into `container` (empty, in the right-hand column); returns its unmount (unsubscribe, remove listeners). */
  mount(container: HTMLElement, ctx: WorkbenchContext): () => void;
  /** The printable report (#report) while this workbench is active; returns what to undo on the way back to the map. */
  report?(container: HTMLElement, ctx: WorkbenchContext, route: Extract<Route, { name: 'report' }>): Promise<() => void>;
}

const registered = new Map<string, Workbench>();
const known = new Set<string>(WORKBENCH_ORDER);
const listeners = new Set<() => void>();

export function registerWorkbench(w: Workbench): void {
  registered.set(w.id, w);
  for (const l of listeners) l();
}

/** The registered workbenches in tab order. */
export function workbenches(): Workbench[] {
  return [...WORKBENCH_ORDER.flatMap((id) => registered.get(id) ?? []), ...[...registered.values()].filter((w) => !known.has(w.id))];
}

/** Called after each registration (a workbench may register after start-up). */
export function onRegister(f: () => void): void {
  listeners.add(f);
}
