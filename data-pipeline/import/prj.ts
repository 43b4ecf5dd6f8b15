/**
 * CRS detection from ESRI/OGC WKT1 (.prj files): reads AUTHORITY codes when present,
 * otherwise recognises by the parameters: geographic WGS 84 / CGCS2000, UTM (WGS 84),
 * CGCS2000 Gauss–Krüger 3° and 6° zones (with or without the zone-number prefix on the
 * false easting) and Web Mercator. Pure; no I/O.
 */
import { proj4Definition } from '../../layers/geo/crs.ts';

export interface DetectedCrs {
  /** 'EPSG:nnnn' when recognised. */
  code?: string;
  /** Human-readable description of what was found (for notes and error messages). */
  description: string;
}

interface WktNode {
  keyword: string;
  args: (string | number | WktNode)[];
}

/** Parse WKT1 into a tree; throws on malformed text. */
export function parseWkt(text: string): WktNode {
  let i = 0;
  const s = text.trim();
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const node = (): WktNode => {
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
    if (!m) throw new Error(`WKT: expected a keyword at ${i}`);
    i += m[0].length;
    ws();
    const open = s[i];
    if (open !== '[' && open !== '(') return { keyword: m[0].toUpperCase(), args: [] };
    const close = open === '[' ? ']' : ')';
    i++;
    const args: WktNode['args'] = [];
    for (;;) {
      ws();
      if (s[i] === '"') {
        const end = s.indexOf('"', i + 1);
        if (end < 0) throw new Error('WKT: unterminated string');
        args.push(s.slice(i + 1, end));
        i = end + 1;
      } else if (/[-+0-9.]/.test(s[i] ?? '')) {
        const n = /^[-+]?[0-9.]+(?:[eE][-+]?\d+)?/.exec(s.slice(i));
        if (!n) throw new Error(`WKT: bad number at ${i}`);
        args.push(Number(n[0]));
        i += n[0].length;
      } else {
        args.push(node());
      }
      ws();
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === close) {
        i++;
        break;
      }
      throw new Error(`WKT: expected ',' or '${close}' at ${i}`);
    }
    return { keyword: m[0].toUpperCase(), args };
  };
  return node();
}

const children = (n: WktNode, kw: string) =>
  n.args.filter((a): a is WktNode => typeof a === 'object' && a.keyword === kw);
const child = (n: WktNode, kw: string) => children(n, kw)[0];
const name = (n: WktNode | undefined) => (n && typeof n.args[0] === 'string' ? n.args[0] : '');

function authority(n: WktNode | undefined): string | undefined {
  const a = n && (child(n, 'AUTHORITY') ?? child(n, 'ID'));
  if (!a || String(a.args[0]).toUpperCase() !== 'EPSG') return undefined;
  const code = `EPSG:${a.args[1]}`;
  return proj4Definition(code) ? code : undefined;
}

type Datum = 'wgs84' | 'cgcs2000' | 'other';

function datumOf(geogcs: WktNode | undefined): { datum: Datum; label: string } {
  if (!geogcs) return { datum: 'other', label: 'no GEOGCS' };
  const d = child(geogcs, 'DATUM');
  const sph = d && child(d, 'SPHEROID');
  const label = `${name(geogcs)} / ${name(d)}`;
  const text = `${name(geogcs)} ${name(d)} ${name(sph)}`.toLowerCase();
  const a = Number(sph?.args[1]);
  const rf = Number(sph?.args[2]);
  if (/china.?2000|cgcs.?2000/.test(text)) return { datum: 'cgcs2000', label };
  if (/wgs.?(19)?84/.test(text)) return { datum: 'wgs84', label };
  if (/xian|beijing|krasovsky|krassowsky|1980|1954/.test(text)) return { datum: 'other', label };
  // Unnamed but with the GRS 80 / WGS 84 ellipsoid numbers.
  if (a === 6378137 && Math.abs(rf - 298.257222101) < 1e-6) return { datum: 'cgcs2000', label };
  if (a === 6378137 && Math.abs(rf - 298.257223563) < 1e-6) return { datum: 'wgs84', label };
  return { datum: 'other', label };
}

function params(projcs: WktNode): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of children(projcs, 'PARAMETER')) out[name(p).toLowerCase().replace(/\s+/g, '_')] = Number(p.args[1]);
  return out;
}

const near = (a: number | undefined, b: number, tol = 1e-6) => a !== undefined && Math.abs(a - b) <= tol;

/** Detect the EPSG code of a WKT1 CRS (the contents of a .prj file). */
export function detectCrsFromWkt(wkt: string): DetectedCrs {
  let root: WktNode;
  try {
    root = parseWkt(wkt);
  } catch (e) {
    return { description: `unreadable WKT (${(e as Error).message})` };
  }
  const byAuthority = authority(root);
  if (root.keyword === 'GEOGCS' || root.keyword === 'GEOGCRS') {
    if (byAuthority) return { code: byAuthority, description: `${name(root)} (${byAuthority})` };
    const { datum, label } = datumOf(root);
    if (datum === 'wgs84') return { code: 'EPSG:4326', description: `geographic WGS 84 (${label})` };
    if (datum === 'cgcs2000') return { code: 'EPSG:4490', description: `geographic CGCS2000 (${label})` };
    return { description: `geographic CRS on an unsupported datum: ${label}` };
  }
  if (root.keyword !== 'PROJCS') return { description: `unsupported WKT root ${root.keyword}` };
  if (byAuthority) return { code: byAuthority, description: `${name(root)} (${byAuthority})` };
  const geogcs = child(root, 'GEOGCS');
  const { datum, label } = datumOf(geogcs);
  const projection = name(child(root, 'PROJECTION')).toLowerCase();
  const p = params(root);
  const cm = p.central_meridian ?? p.longitude_of_center ?? p.longitude_of_origin;
  const fe = p.false_easting ?? 0;
  const fn = p.false_northing ?? 0;
  const k = p.scale_factor ?? 1;
  const lat0 = p.latitude_of_origin ?? 0;
  const projName = name(root);
  const describe = `${projName} (${projection}, datum ${label}, CM ${cm}, FE ${fe}, k ${k})`;
  if (/mercator_auxiliary_sphere|pseudo.?mercator|popular_visualisation/.test(projection) || /web_mercator|pseudo.?mercator|3857/i.test(projName)) {
    return { code: 'EPSG:3857', description: `Web Mercator (${projName})` };
  }
  if (!/transverse_mercator|gauss_kruger|gauss-kruger|gauss_krueger/.test(projection) || cm === undefined || lat0 !== 0) {
    return { description: `unsupported projection: ${describe}` };
  }
  if (datum === 'wgs84' && near(k, 0.9996) && near(fe, 500000)) {
    const zone = (cm + 183) / 6;
    if (Number.isInteger(zone) && zone >= 1 && zone <= 60) {
      const south = near(fn, 10000000);
      if (south || near(fn, 0)) {
        const code = `EPSG:${(south ? 32700 : 32600) + zone}`;
        return { code, description: `UTM zone ${zone}${south ? 'S' : 'N'} (${projName})` };
      }
    }
  }
  if (datum === 'cgcs2000' && near(k, 1) && near(fn, 0)) {
    const six = /6_?degree|6度|6°/i.test(projName);
    if (near(fe, 500000)) {
      // Zones named by central meridian. 3° and 6° zones sharing a meridian are the same projection.
      if (!six && Number.isInteger(cm / 3) && cm >= 75 && cm <= 135) {
        const code = `EPSG:${4534 + (cm - 75) / 3}`;
        return { code, description: `CGCS2000 3° Gauss–Krüger CM ${cm}°E (${projName})` };
      }
      if (Number.isInteger((cm - 75) / 6) && cm >= 75 && cm <= 135) {
        const code = `EPSG:${4502 + (cm - 75) / 6}`;
        return { code, description: `CGCS2000 6° Gauss–Krüger CM ${cm}°E (${projName})` };
      }
    }
    const zone = Math.floor(fe / 1e6);
    if (near(fe, zone * 1e6 + 500000)) {
      if (zone >= 25 && zone <= 45 && near(cm, zone * 3) && !six) {
        const code = `EPSG:${4513 + zone - 25}`;
        return { code, description: `CGCS2000 3° Gauss–Krüger zone ${zone} (${projName})` };
      }
      if (zone >= 13 && zone <= 23 && near(cm, zone * 6 - 3)) {
        const code = `EPSG:${4491 + zone - 13}`;
        return { code, description: `CGCS2000 6° Gauss–Krüger zone ${zone} (${projName})` };
      }
    }
  }
  return { description: `unsupported projected CRS: ${describe}` };
}
