/** Downloads: parcels with their analysis results as GeoJSON and CSV (UTF-8 with BOM, opens in Excel). */
import { areaHa } from '../../parcels.ts';
import type { Parcel } from '../../state.ts';

function row(p: Parcel): Record<string, string | number | null> {
  const r = p.result;
  const a = areaHa(p.geometry);
  return {
    id: p.id,
    name: p.name,
    area_ha: Number(a.toFixed(4)),
    area_mu: Number((a * 15).toFixed(3)),
    analysed_area_ha: r?.area_ha ?? null,
    stock_tC: r ? r.total.stock_tC : null,
    stock_tCO2e: r?.total.stock_tCO2e ?? null,
    sink_tCO2e_per_yr: r?.total.sink_tCO2e_per_yr ?? null,
    sink_p5_tCO2e: r?.total.range?.p5 ?? null,
    sink_p95_tCO2e: r?.total.range?.p95 ?? null,
    creditable_tCO2e: r ? r.projection.reduce((s, x) => s + (x.creditable_tCO2e || 0), 0) : null,
    npv_cny: r?.value?.npv_cny ?? null,
    price_cny_per_tCO2e: r?.value?.price_cny_per_tCO2e ?? null,
  };
}

export function parcelsGeoJson(parcels: Parcel[]): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: parcels.map((p) => ({
      type: 'Feature',
      id: p.id,
      geometry: p.geometry,
      properties: { ...p.properties, ...row(p), ...(p.result ? { carbon: p.result } : {}) },
    })),
  };
}

export function parcelsCsv(parcels: Parcel[]): string {
  const rows = parcels.map(row);
  const header = Object.keys(rows[0] ?? row({ id: '', name: '', geometry: { type: 'Polygon', coordinates: [] }, origin: 'drawn', editable: false, properties: {} }));
  const cell = (x: unknown) => {
    const s = x === null || x === undefined ? '' : String(x);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const wkt = (p: Parcel) => {
    const ring = (r: GeoJSON.Position[]) => `(${r.map((c) => `${c[0]} ${c[1]}`).join(', ')})`;
    const g = p.geometry;
    return g.type === 'Polygon' ? `POLYGON(${g.coordinates.map(ring).join(', ')})` : `MULTIPOLYGON(${g.coordinates.map((poly) => `(${poly.map(ring).join(', ')})`).join(', ')})`;
  };
  const lines = [[...header, 'wkt'].join(','), ...rows.map((r, i) => [...header.map((h) => cell(r[h])), cell(wkt(parcels[i]))].join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
