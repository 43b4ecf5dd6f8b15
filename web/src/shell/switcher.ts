/** The workbench switcher: one tab per registered workbench; the active one (store.workbench, #wb=) is mounted in the panel. */
import { h } from '../dom.ts';
import type { AppState } from '../state.ts';
import { onRegister, workbenches, type Workbench, type WorkbenchContext } from './registry.ts';

/** The active workbench: the one the state names if it is registered, else the first registered. */
export function activeWorkbench(s: AppState): Workbench | undefined {
  const all = workbenches();
  return all.find((w) => w.id === s.workbench) ?? all[0];
}

export function mountSwitcher(tabs: HTMLElement, panel: HTMLElement, ctx: WorkbenchContext): void {
  const { store } = ctx;
  let mounted: { id: string; unmount: () => void } | undefined;
  const render = () => {
    const s = store.get();
    const active = activeWorkbench(s);
    // An unregistered id in a link falls back to the first workbench (and the hash says so).
    if (active && active.id !== s.workbench) { store.set({ workbench: active.id }); return; }
    const title = (w: Workbench) => (s.lang === 'en' ? w.title.en : w.title.zh);
    tabs.replaceChildren(...workbenches().map((w) => h('button', {
      type: 'button', role: 'tab', class: w === active ? 'tab active' : 'tab', 'aria-selected': String(w === active),
      'data-testid': `workbench-tab-${w.id}`, onclick: () => store.set({ workbench: w.id }),
    }, title(w))));
    if (mounted?.id === active?.id) return;
    mounted?.unmount();
    panel.replaceChildren();
    mounted = active ? { id: active.id, unmount: active.mount(panel, ctx) } : undefined;
    panel.dataset.workbench = active?.id ?? '';
  };
  store.subscribe(render, ['workbench', 'lang']);
  onRegister(render);
  render();
}
