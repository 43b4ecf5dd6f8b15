/** Parcel upload: file picker, CRS choice, drag-and-drop anywhere on the page, and the outcome line. */
import { byId, fragment, h } from '../../dom.ts';
import { lang, t } from '../../i18n.ts';
import type { WorkbenchContext } from '../../shell/registry.ts';
import { parseParcelFile, UploadError, type CrsChoice } from '../../upload.ts';

function crsOptions(): { value: CrsChoice; label: string }[] {
  const gk = [117, 120, 123].map((cm) => ({ value: `EPSG:${4534 + (cm - 75) / 3}` as CrsChoice, label: t('crs_gk', { cm, code: 4534 + (cm - 75) / 3 }) }));
  return [
    { value: 'auto', label: t('crs_auto') }, { value: 'EPSG:4326', label: t('crs_wgs84') }, { value: 'EPSG:4490', label: t('crs_cgcs2000') },
    { value: 'gcj02', label: t('crs_gcj02') }, ...gk,
  ];
}

export function mountUpload({ store, parcels, map }: WorkbenchContext): { controls: Node; notes: Node; unmount: () => void } {
  const crs = h('select', { id: 'crs-select', 'data-testid': 'crs-select' });
  const status = h('div', { id: 'upload-status', 'data-testid': 'upload-status', class: 'status', hidden: true });
  const hint = h('p', { class: 'muted small' });
  const label = h('label', { class: 'button', for: 'file-input' });
  const input = h('input', {
    id: 'file-input', 'data-testid': 'file-input', type: 'file', accept: '.geojson,.json,.kml,.kmz,.zip,.csv,.txt', multiple: true, hidden: true,
    onchange: () => { if (input.files?.length) void uploadFiles(input.files).finally(() => { input.value = ''; }); },
  });
  const overlay = h('div', { class: 'drop-overlay', hidden: true }, h('div'));
  byId('map-wrap').append(overlay);

  /** The last outcome, kept as data so the line is re-written in a new language. */
  let outcome: { added: number; errors: { file: string; error: unknown }[] } | null = null;
  const describe = (e: unknown) => {
    if (!(e instanceof UploadError)) return (e as Error).message;
    // The JSON parser's own message is in the browser's language (English): in Chinese, say where instead.
    const at = /position (\d+)/.exec(e.vars.msg ?? '');
    if (e.key === 'err_json' && at && lang() !== 'en') return t('carbon_err_json_at', { pos: Number(at[1]) + 1 });
    return t(e.key, e.vars);
  };
  const showOutcome = () => {
    if (!outcome) return;
    const { added, errors } = outcome;
    status.hidden = false;
    status.textContent = errors.length ? `${t('upload_error')} — ${errors.map((x) => `${x.file}: ${describe(x.error)}`).join('; ')}` : t('upload_ok', { n: added });
    status.classList.toggle('error', errors.length > 0);
  };
  const uploadFiles = async (files: FileList | File[]) => {
    const choice = crs.value as CrsChoice;
    const added: string[] = [];
    const errors: { file: string; error: unknown }[] = [];
    for (const file of Array.from(files)) {
      try {
        added.push(...parcels.add(await parseParcelFile(file, choice)));
      } catch (e) {
        errors.push({ file: file.name, error: e });
      }
    }
    outcome = { added: added.length, errors };
    showOutcome();
    if (added.length) {
      const ids = new Set(added);
      map.fitTo(store.get().parcels.filter((p) => ids.has(p.id)).map((p) => p.geometry));
      parcels.select(added[0]);
    }
  };

  let dragDepth = 0;
  const listeners: [string, (e: DragEvent) => void][] = [
    ['dragenter', (e) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      dragDepth++;
      overlay.hidden = false;
    }],
    ['dragleave', () => {
      dragDepth = Math.max(0, dragDepth - 1);
      if (!dragDepth) overlay.hidden = true;
    }],
    ['dragover', (e) => e.preventDefault()],
    ['drop', (e) => {
      e.preventDefault();
      dragDepth = 0;
      overlay.hidden = true;
      if (e.dataTransfer?.files.length) void uploadFiles(e.dataTransfer.files);
    }],
  ];
  for (const [type, f] of listeners) window.addEventListener(type, f as EventListener);

  const translate = () => {
    const value = crs.value || 'auto';
    crs.replaceChildren(...crsOptions().map((o) => h('option', { value: o.value }, o.label)));
    crs.value = value;
    label.textContent = t('upload');
    hint.textContent = t('upload_hint');
    overlay.firstElementChild!.textContent = t('drop_here');
    crs.setAttribute('aria-label', t('crs'));
    showOutcome();
  };
  translate();
  const off = store.subscribe(translate, ['lang']);
  return {
    controls: fragment(label, input, crs),
    notes: fragment(hint, status),
    unmount: () => {
      off();
      for (const [type, f] of listeners) window.removeEventListener(type, f as EventListener);
      overlay.remove();
    },
  };
}
