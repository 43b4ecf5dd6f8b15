/** Candidate zones as GeoJSON, CSV (UTF-8 with BOM, opens in Excel) and XLSX (SheetJS, loaded on demand). */
import type { SitingZones } from './suitability-api.ts';

function rows(z: SitingZones) {
  return z.zones.map((x) => ({
    rank: x.rank, area_ha: +x.area_ha.toFixed(3), area_mu: +x.area_mu.toFixed(2), capacity_mw: +x.capacity_mw.toFixed(3),
    mean_s: +x.mean_s.toFixed(4), max_s: +x.max_s.toFixed(4), resource: +x.resource.value.toFixed(2), resource_unit: x.resource.unit,
    substation_distance_m: Math.round(x.substation_distance_m), top_n_share: +x.top_n_share.toFixed(4), mean_rank: +x.mean_rank.toFixed(2),
    centroid_lon: +x.centroid.lon.toFixed(6), centroid_lat: +x.centroid.lat.toFixed(6),
  }));
}

function save(name: string, blob: Blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function zonesCsv(z: SitingZones): string {
  const r = rows(z);
  const head = Object.keys(r[0] ?? { rank: 0 });
  const cell = (v: unknown) => { const s = String(v ?? ''); return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };
  return `\uFEFF${[head.join(','), ...r.map((x) => head.map((k) => cell((x as Record<string, unknown>)[k])).join(','))].join('\r\n')}\r\n`;
}

export async function exportZones(z: SitingZones, format: 'geojson' | 'csv' | 'xlsx'): Promise<void> {
  const base = `tantu-siting-zones-${z.scenario.slice(0, 8)}`;
  if (format === 'geojson') {
    const r = rows(z);
    const fc = { type: 'FeatureCollection', features: z.zones.map((x, i) => ({ type: 'Feature', geometry: x.geometry, properties: r[i] })) };
    save(`${base}.geojson`, new Blob([JSON.stringify(fc)], { type: 'application/geo+json' }));
  } else if (format === 'csv') {
    save(`${base}.csv`, new Blob([zonesCsv(z)], { type: 'text/csv;charset=utf-8' }));
  } else {
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.json_to_sheet(rows(z)), 'zones');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.json_to_sheet(z.supply_curve), 'supply_curve');
    const out = XLSX.write(wb, { bookType: 'xlsx', type: 'array' }) as ArrayBuffer;
    save(`${base}.xlsx`, new Blob([out], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  }
}
