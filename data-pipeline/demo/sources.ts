/**
 * The real inputs of the demo county (see SOURCES.md): Anji's outline and township/village
 * names and seat points, converted from GCJ-02 to WGS-84, and the projection to EPSG:4549.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import proj4 from 'proj4';
import { DEMO_RASTER_CRS, proj4Definition } from '../../layers/geo/crs.ts';
import { gcj02ToWgs84 } from '../../layers/geo/gcj02.ts';
import type { PolygonXY, XY } from '../../layers/geo/planar.ts';
import { placeWord } from './names-en.ts';

const DIR = fileURLToPath(new URL('./', import.meta.url));

export const COUNTY_ID = '330523';
export const COUNTY_NAME_ZH = '安吉县';
export const ATTRIBUTION = 'Outline, township/village names and seat points: Vonng/adcode, data from AMap/NBS (CC BY 4.0); township codes: AreaCity-JsSpider-StatsGov (MIT)';

const toProj = proj4('EPSG:4326', proj4Definition(DEMO_RASTER_CRS)!);

/** WGS-84 lon/lat → EPSG:4549 metres. */
export function project(lon: number, lat: number): XY {
  return toProj.forward([lon, lat]) as XY;
}

/** EPSG:4549 metres → WGS-84 lon/lat. */
export function unproject(x: number, y: number): XY {
  return toProj.inverse([x, y]) as XY;
}

/** County outline (WGS-84 after GCJ-02 inversion), projected to EPSG:4549. */
export function countyOutlineXY(): PolygonXY {
  const geom = JSON.parse(readFileSync(DIR + 'anji-330523-gcj02.json', 'utf8')) as
    { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
  const rings = geom.type === 'Polygon' ? geom.coordinates : geom.coordinates.reduce((a, b) => (b[0].length > a[0].length ? b : a));
  return rings.map((ring) => {
    const out: XY[] = [];
    for (const [lon, lat] of ring) {
      const [wl, wa] = gcj02ToWgs84(lon, lat);
      const p = project(wl, wa);
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    const f = out[0], l = out[out.length - 1];
    if (f[0] !== l[0] || f[1] !== l[1]) out.push([f[0], f[1]]);
    return out;
  });
}

export interface TownshipInfo {
  /** 9-digit code (2023), e.g. '330523001'. */
  id: string;
  name_zh: string;
  name_en: string;
  kind: 'subdistrict' | 'town' | 'township';
  /** Seat point in EPSG:4549 metres. */
  seat: XY;
}

export interface VillageInfo {
  /** 12-digit code, e.g. '330523001203' (梅溪 villages renumbered to the 2023 township code). */
  id: string;
  township: string;
  name_zh: string;
  /** Seat point in EPSG:4549 metres when the source has one. */
  point?: XY;
}


export function townshipsAndVillages(): { townships: TownshipInfo[]; villages: VillageInfo[] } {
  const level4 = readFileSync(DIR + 'anji-330523-townships.csv', 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
  const adcode = readFileSync(DIR + 'anji-330523-adcode-gcj02.csv', 'utf8').trim().split(/\r?\n/).map((l) => l.split(','));
  const seatByName = new Map<string, XY>();
  for (const r of adcode) {
    if (r[3] === 'town' && r[12]) {
      const [lon, lat] = gcj02ToWgs84(Number(r[12]), Number(r[13]));
      seatByName.set(r[2], project(lon, lat));
    }
  }
  const townships: TownshipInfo[] = level4.filter((r) => r[2] === '3').map((r) => {
    const full = r[7];
    const seat = seatByName.get(full);
    if (!seat) throw new Error(`no seat point for ${full}`);
    const kind = full.endsWith('街道') ? 'subdistrict' : full.endsWith('镇') ? 'town' : 'township';
    const suffix = kind === 'subdistrict' ? ' Subdistrict' : kind === 'town' ? ' Town' : ' Township';
    return { id: r[0], name_zh: full, name_en: placeWord(r[5]) + suffix, kind, seat };
  });
  const remap = (code9: string) => (code9 === '330523110' ? '330523101' : code9);
  const villages: VillageInfo[] = adcode.filter((r) => r[3] === 'village').map((r) => {
    const township = remap(r[0].slice(0, 9));
    const v: VillageInfo = { id: township + r[0].slice(9), township, name_zh: r[2].replace(/村委会$/, '村').replace(/社区居委会$/, '社区').replace(/居委会$/, '社区') };
    if (r[12]) {
      const [lon, lat] = gcj02ToWgs84(Number(r[12]), Number(r[13]));
      v.point = project(lon, lat);
    }
    return v;
  });
  return { townships, villages };
}
