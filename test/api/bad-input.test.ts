/**
 * Bad-input corpus (issue 8): tables of malformed, hostile and out-of-range requests against every
 * endpoint. Each must answer its expected 4xx (never 5xx) as a bounded problem+json with a detail,
 * in Chinese by default, and the server must still answer GET /api/health within 1 s right afterwards.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../setup/app.ts';

const db = testDatabase();
const { app } = testApp(db);
afterAll(() => db.close());

interface Req { path: string; method?: string; headers?: Record<string, string>; body?: string | Uint8Array }
interface Case { name: string; request: Req; status: number | [number, number] }

const JSON_CT = { 'content-type': 'application/json' };
const ADMIN = { authorization: 'Bearer test-admin-token' };
const post = (path: string, body: unknown, headers: Record<string, string> = JSON_CT): Req =>
  ({ path, method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
const get = (path: string, headers?: Record<string, string>): Req => ({ path, headers });
const CLIENT: [number, number] = [400, 499];

/** A point and a small square in the demo county (from the county seat), and Beijing. */
const SEAT = { lon: 0, lat: 0 };
const square = (lon: number, lat: number, d = 0.002) =>
  ({ type: 'Polygon', coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]] });
const BEIJING = { lon: 116.397, lat: 39.909 };

function zigzag(n: number, lon: number, lat: number) {
  const ring: number[][] = [];
  for (let i = 0; i < n; i++) ring.push([lon + (i / n) * 0.01, lat + (i % 2) * 0.001]);
  ring.push([lon + 0.01, lat - 0.005], [lon, lat - 0.005], ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

function cases(): Case[] {
  const { lon, lat } = SEAT;
  const here = square(lon, lat);
  const analyses = ['/api/analysis/carbon', '/api/analysis/pv', '/api/analysis/wind'];
  const geometries: [string, unknown][] = [
    ['unclosed ring', { type: 'Polygon', coordinates: [[[lon, lat], [lon + 0.01, lat], [lon + 0.01, lat + 0.01], [lon, lat + 0.01]]] }],
    ['ring of 3 positions', { type: 'Polygon', coordinates: [[[lon, lat], [lon + 0.01, lat], [lon, lat]]] }],
    ['nested junk', { type: 'Polygon', coordinates: [[[[[lon]]], 'x', null, {}]] }],
    ['a Point', { type: 'Point', coordinates: [lon, lat] }],
    ['unknown type', { type: 'Hexagon', coordinates: [] }],
    ['a string', 'POLYGON((1 1,2 2,3 3,1 1))'],
    ['null positions', { type: 'Polygon', coordinates: [[null, null, null, null]] }],
    ['NaN as string coordinates', { type: 'Polygon', coordinates: [[['NaN', 'NaN'], [1, 2], [3, 4], ['NaN', 'NaN']]] }],
    ['1e308 coordinates', { type: 'Polygon', coordinates: [[[1e308, 1e308], [-1e308, 1e308], [-1e308, -1e308], [1e308, 1e308]]] }],
    ['swapped lat/lon', square(lat, lon)],
    ['projected metres', square(500000, 3000000, 100)],
    ['Beijing parcel', square(BEIJING.lon, BEIJING.lat)],
    ['empty FeatureCollection', { type: 'FeatureCollection', features: [] }],
  ];
  const out: Case[] = [];
  for (const path of analyses) {
    const name = path.split('/').pop()!;
    out.push(
      { name: `${name}: malformed JSON`, request: post(path, '{"geometry":'), status: 400 },
      { name: `${name}: text/plain`, request: post(path, JSON.stringify({ geometry: here }), { 'content-type': 'text/plain' }), status: 415 },
      { name: `${name}: form-encoded`, request: post(path, 'geometry=1', { 'content-type': 'application/x-www-form-urlencoded' }), status: 415 },
      { name: `${name}: no content type`, request: post(path, JSON.stringify({ geometry: here }), {}), status: 415 },
      { name: `${name}: empty body`, request: post(path, ''), status: CLIENT },
      { name: `${name}: JSON array`, request: post(path, '[]'), status: CLIENT },
      { name: `${name}: JSON null`, request: post(path, 'null'), status: CLIENT },
      { name: `${name}: NaN literal`, request: post(path, '{"location":{"lon":NaN,"lat":1}}'), status: 400 },
      { name: `${name}: Infinity literal`, request: post(path, '{"location":{"lon":Infinity,"lat":1}}'), status: 400 },
      { name: `${name}: raw NUL byte`, request: post(path, '{"geometry":"\0"}'), status: 400 },
      { name: `${name}: invalid UTF-8`, request: { path, method: 'POST', headers: JSON_CT, body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) }, status: 400 },
            { name: `${name}: GET not allowed`, request: get(path), status: CLIENT },
      ...geometries.map(([g, geometry]): Case => ({ name: `${name}: geometry ${g}`, request: post(path, { geometry }), status: CLIENT })),
    );
  }
  for (const path of ['/api/analysis/pv', '/api/analysis/wind']) {
    const name = path.split('/').pop()!;
    out.push(
      { name: `${name}: neither location nor geometry`, request: post(path, {}), status: CLIENT },
      { name: `${name}: lon 1e308`, request: post(path, { location: { lon: 1e308, lat } }), status: 422 },
      { name: `${name}: lon as string`, request: post(path, { location: { lon: String(lon), lat } }), status: 422 },
      { name: `${name}: lat 91`, request: post(path, { location: { lon, lat: 91 } }), status: 422 },
      { name: `${name}: swapped point`, request: post(path, { location: { lon: lat, lat: lon } }), status: CLIENT },
      { name: `${name}: Beijing point`, request: post(path, { location: BEIJING }), status: CLIENT },
      { name: `${name}: unknown top-level field`, request: post(path, { location: SEAT, frobnicate: 1 }), status: 422 },
      { name: `${name}: extra location field`, request: post(path, { location: { lon, lat, alt: 3 } }), status: 422 },
      { name: `${name}: station id -1`, request: post(path, { location: SEAT, weather_station_id: -1 }), status: 422 },
      { name: `${name}: station id huge`, request: post(path, { location: SEAT, weather_station_id: 2 ** 52 }), status: CLIENT },
      { name: `${name}: variability 1e308`, request: post(path, { location: SEAT, interannual_variability_pct: 1e308 }), status: 422 },
      { name: `${name}: unknown grid emission key`, request: post(path, { location: SEAT, grid_emission: 'mars_2040' }), status: 422 },
      { name: `${name}: grid emission without source`, request: post(path, { location: SEAT, grid_emission: { tCO2_per_MWh: 0.5, year: 2022 } }), status: 422 },
    );
  }
  const pvSystem: [string, unknown][] = [
    ['tilt 95', { surface_tilt: 95 }], ['tilt -1', { surface_tilt: -1 }], ['tilt "steep"', { surface_tilt: 'steep' }],
    ['kw_dc 0', { kw_dc: 0 }], ['kw_dc negative', { kw_dc: -5 }], ['kw_dc 1e308', { kw_dc: 1e308 }], ['kw_dc "10"', { kw_dc: '10' }],
    ['dc_ac 10', { dc_ac_ratio: 10 }], ['dc_ac 0', { dc_ac_ratio: 0 }], ['module "x"', { module_type: 'x' }],
    ['azimuth "north"', { surface_azimuth: 'north' }], ['azimuth 361', { surface_azimuth: 361 }], ['losses 100', { losses_pct: 100 }],
    ['albedo 2', { albedo: 2 }], ['bifacial 50', { bifacial_gain_pct: 50 }], ['mounting "balloon"', { mounting: 'balloon' }],
    ['unknown system field', { inverter: 'sma' }], ['system as array', [1, 2]], ['density 0', { capacity_density_mw_dc_per_km2: 0 }],
  ];
  out.push(...pvSystem.map(([n, system]): Case => ({ name: `pv: system ${n}`, request: post('/api/analysis/pv', { location: SEAT, system }), status: 422 })));
  out.push({ name: 'pv: horizon "sky"', request: post('/api/analysis/pv', { location: SEAT, horizon: 'sky' }), status: 422 });
  out.push({ name: 'pv: format xml', request: post('/api/analysis/pv?format=xml', { location: SEAT }), status: CLIENT });
  const curve = { name: 'mine', rated_kw: 2000, rotor_diameter_m: 90 };
  const windBad: [string, unknown][] = [
    ['unknown turbine', { turbine: 'no-such-turbine' }],
    ['turbine id 1000 chars', { turbine: 'x'.repeat(1000) }],
    ['curve with descending speeds', { turbine: { ...curve, curve_v: [10, 5, 3, 1], curve_p_kw: [0, 500, 1500, 2000] } }],
    ['curve lengths differ', { turbine: { ...curve, curve_v: [3, 5, 10, 25], curve_p_kw: [0, 500, 2000] } }],
    ['curve of 2 points', { turbine: { ...curve, curve_v: [3, 25], curve_p_kw: [0, 2000] } }],
    ['curve speed 60', { turbine: { ...curve, curve_v: [3, 10, 60], curve_p_kw: [0, 1000, 2000] } }],
    ['rated 0', { turbine: { ...curve, rated_kw: 0, curve_v: [3, 10, 25], curve_p_kw: [0, 1000, 2000] } }],
    ['rotor negative', { turbine: { ...curve, rotor_diameter_m: -90, curve_v: [3, 10, 25], curve_p_kw: [0, 1000, 2000] } }],
    ['hub 5 m', { hub_height_m: 5 }], ['hub "tall"', { hub_height_m: 'tall' }], ['hub 1e308', { hub_height_m: 1e308 }],
    ['weibull k 0', { weibull: { A: 7, k: 0 } }], ['weibull A 0', { weibull: { A: 0, k: 2 } }], ['weibull extra', { weibull: { A: 7, k: 2, c: 1 } }],
    ['turbines 0', { turbines: 0 }], ['turbines 1.5', { turbines: 1.5 }], ['turbines 1e6', { turbines: 1e6 }],
    ['layout density -1', { layout_density_mw_per_km2: -1 }], ['losses 90 %', { losses: { wake_pct: 90, availability_pct: 90 } }],
  ];
  out.push(...windBad.map(([n, extra]): Case => ({ name: `wind: ${n}`, request: post('/api/analysis/wind', { location: SEAT, ...(extra as object) }), status: CLIENT })));
  const carbonBad: [string, unknown][] = [
    ['no geometry', {}], ['scenario unknown field', { geometry: here, scenario: { price: 1 } }],
    ['monte carlo -1', { geometry: here, scenario: { monte_carlo_runs: -1 } }], ['monte carlo 1e308', { geometry: here, scenario: { monte_carlo_runs: 1e308 } }],
    ['monte carlo "many"', { geometry: here, scenario: { monte_carlo_runs: 'many' } }], ['scenario array', { geometry: here, scenario: [] }],
    ['unknown top-level field', { geometry: here, frobnicate: 1 }],
  ];
  out.push(...carbonBad.map(([n, body]): Case => ({ name: `carbon: ${n}`, request: post('/api/analysis/carbon', body), status: CLIENT })));
  // Tiles.
  const tilePaths: [string, string][] = [
    ['unknown layer mvt', '/tiles/no-such-layer/1/1/1.mvt'], ['unknown layer png', '/tiles/no-such-layer/1/1/1.png'],
    ['unknown layer TileJSON', '/tiles/no-such-layer.json'], ['z 99', '/tiles/stands/99/0/0.mvt'], ['z -1', '/tiles/stands/-1/0/0.mvt'],
    ['x beyond 2^z', '/tiles/stands/3/8/0.mvt'], ['y beyond 2^z', '/tiles/stands/3/0/8.mvt'], ['negative x', '/tiles/stands/3/-1/0.mvt'],
    ['x not a number', '/tiles/stands/3/a/0.mvt'], ['z fractional', '/tiles/stands/3.5/0/0.mvt'], ['huge z', `/tiles/stands/${'9'.repeat(40)}/0/0.mvt`],
    ['huge x', `/tiles/stands/3/${'9'.repeat(400)}/0.mvt`], ['wrong format', '/tiles/stands/3/0/0.jpg'], ['vector layer as png', '/tiles/stands/3/0/0.png'],
    ['NUL layer', '/tiles/%00/1/2/3.mvt'], ['NUL TileJSON', '/tiles/%00.json'], ['invalid UTF-8 z', '/tiles/stands/%FF/1/1.mvt'],
    ['invalid UTF-8 layer', '/tiles/%C3%28/1/1/1.mvt'], ['traversal layer', '/tiles/..%2F..%2Fetc%2Fpasswd/1/1/1.mvt'], ['layer 5000 chars', `/tiles/${'a'.repeat(5000)}.json`],
  ];
  out.push(...tilePaths.map(([n, path]): Case => ({ name: `tiles: ${n}`, request: get(path), status: CLIENT })));
  // Stands, regions, layers, health, energy lists.
  const getPaths: [string, string][] = [
    ['stand unknown id', '/api/stands/no-such-stand/carbon'], ['stand huge id', `/api/stands/${'9'.repeat(300)}/carbon`],
    ['stand id 2^64', '/api/stands/18446744073709551616/carbon'], ['stand NUL id', '/api/stands/%00/carbon'], ['stand invalid UTF-8 id', '/api/stands/%FF%FE/carbon'],
    ['stand negative id', '/api/stands/-1/carbon'], ['stand SQL', "/api/stands/1'%20OR%20'1'='1/carbon"],
    ['regions unknown sub-path', '/api/regions/zzz/%00'], ['layers NUL sub-path', '/api/layers/%00'], ['health sub-path', '/api/health/%FF'],
    ['stations sub-path', '/api/weather/stations/%00'], ['turbines sub-path', '/api/wind/turbines/%FF'], ['unknown endpoint', '/api/nope'],
    ['audit without token', '/api/params/audit'], ['audit limit 0 (admin)', '/api/params/audit?limit=0'],
  ];
  out.push(...getPaths.map(([n, path]): Case => ({ name: `get: ${n}`, request: get(path, n.includes('(admin)') ? ADMIN : undefined), status: CLIENT })));
  out.push(
    { name: 'audit limit "all" (admin)', request: get('/api/params/audit?limit=all', ADMIN), status: CLIENT },
    { name: 'audit limit 1e308 (admin)', request: get('/api/params/audit?limit=1e308', ADMIN), status: CLIENT },
    { name: 'audit limit -5 (admin)', request: get('/api/params/audit?limit=-5', ADMIN), status: CLIENT },
  );
  for (const m of ['POST', 'DELETE', 'PUT']) {
    for (const p of ['/api/health', '/api/layers', '/api/regions', '/api/weather/stations', '/api/wind/turbines']) {
      out.push({ name: `${m} ${p}`, request: { path: p, method: m, headers: JSON_CT, body: m === 'DELETE' ? undefined : '{}' }, status: CLIENT });
    }
  }
  // Params: without and with the admin token.
  const put = (table: string, body: string, headers: Record<string, string> = { ...JSON_CT, ...ADMIN }): Req =>
    ({ path: `/api/params/carbon/${table}`, method: 'PUT', headers, body });
  out.push(
    { name: 'params: PUT unknown table (admin)', request: put('no-such-table', JSON.stringify({ value: {} })), status: CLIENT },
    { name: 'params: PUT malformed JSON (admin)', request: put('prices', '{"value":'), status: 400 },
    { name: 'params: PUT text/plain (admin)', request: put('prices', '{"value":{}}', { 'content-type': 'text/plain', ...ADMIN }), status: 415 },
    { name: 'params: PUT unknown field (admin)', request: put('prices', JSON.stringify({ value: {}, sneaky: 1 })), status: 422 },
    { name: 'params: PUT no value (admin)', request: put('prices', '{}'), status: 422 },
    { name: 'params: PUT value string (admin)', request: put('prices', JSON.stringify({ value: 'cheap' })), status: CLIENT },
    { name: 'params: PUT NaN value (admin)', request: put('prices', '{"value":NaN}'), status: 400 },
    { name: 'params: PUT NUL table (admin)', request: put('%00', '{"value":{}}'), status: 400 },
    { name: 'params: PUT 200-char table (admin)', request: put('t'.repeat(200), '{"value":{}}'), status: CLIENT },
    { name: 'params: DELETE unknown table (admin)', request: { path: '/api/params/carbon/no-such-table', method: 'DELETE', headers: ADMIN }, status: CLIENT },
    { name: 'params: DELETE invalid UTF-8 table (admin)', request: { path: '/api/params/carbon/%FF', method: 'DELETE', headers: ADMIN }, status: 400 },
    { name: 'params: GET NUL table', request: get('/api/params/carbon/%00'), status: 400 },
    { name: 'params: PUT no token', request: put('prices', '{"value":{}}', JSON_CT), status: 401 },
    { name: 'params: DELETE no token', request: { path: '/api/params/carbon/prices', method: 'DELETE' }, status: 401 },
    { name: 'params: PUT basic auth', request: put('prices', '{"value":{}}', { ...JSON_CT, authorization: 'Basic YWRtaW46YWRtaW4=' }), status: CLIENT },
    { name: 'params: PUT empty bearer', request: put('prices', '{"value":{}}', { ...JSON_CT, authorization: 'Bearer ' }), status: CLIENT },
  );
  // Hosts and forwarded headers.
  out.push(
    { name: 'host: rebinding name', request: get('http://rebind.evil.example:8787/api/health'), status: 421 },
    { name: 'host: rebinding on tiles', request: get('http://rebind.evil.example/tiles/stands.json'), status: 421 },
    { name: 'host: rebinding on POST', request: { ...post('/api/analysis/pv', { location: SEAT }), path: 'http://attacker.example/api/analysis/pv' }, status: 421 },
    { name: 'forwarded: spoofed host with bad input', request: get('/tiles/no-such-layer.json', { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'javascript' }), status: 404 },
    { name: 'forwarded: huge x-forwarded-for', request: get('/api/stands/none/carbon', { 'x-forwarded-for': '1.1.1.1, '.repeat(2000) }), status: CLIENT },
  );
  // Siting, charging, the ledger and accounts: wrong shapes, out-of-range numbers, places outside the county, no rights.
  const siting: [string, Req][] = [
    ['unknown family point', get(`/api/siting/solar/point?lon=${lon}&lat=${lat}`)],
    ['point without lat', get(`/api/siting/pv/point?lon=${lon}`)],
    ['point lon "east"', get(`/api/siting/pv/point?lon=east&lat=${lat}`)],
    ['point in Beijing', get(`/api/siting/pv/point?lon=${BEIJING.lon}&lat=${BEIJING.lat}`)],
    ['point lat 1e308', get(`/api/siting/pv/point?lon=${lon}&lat=1e308`)],
    ['suitability unknown technology', post('/api/siting/pv/suitability', { technology: 'pv_moon' })],
    ['suitability weight -1', post('/api/siting/pv/suitability', { weights: { ghi: -1 } })],
    ['suitability weights array', post('/api/siting/pv/suitability', { weights: [1, 2] })],
    ['suitability unknown field', post('/api/siting/pv/suitability', { frobnicate: 1 })],
    ['suitability unknown rule set', post('/api/siting/pv/suitability', { rule_set: 'no-such-rules' })],
    ['suitability hub 1e308', post('/api/siting/wind/suitability', { hub_height_m: 1e308 })],
    ['ahp not square', post('/api/siting/ahp', { criteria: ['a', 'b'], matrix: [[1, 3], [1 / 3]] })],
    ['ahp negative entry', post('/api/siting/ahp', { criteria: ['a', 'b'], matrix: [[1, -3], [-1 / 3, 1]] })],
    ['ahp criteria and matrix differ', post('/api/siting/ahp', { criteria: ['a', 'b', 'c'], matrix: [[1, 3], [1 / 3, 1]] })],
    ['rules without token', { path: '/api/siting/rules/mine', method: 'PUT', headers: JSON_CT, body: '{}' }],
    ['rules malformed (admin)', { path: '/api/siting/rules/mine', method: 'PUT', headers: { ...JSON_CT, ...ADMIN }, body: '{"rules":' }],
    ['rules NUL name (admin)', { path: '/api/siting/rules/%00', method: 'PUT', headers: { ...JSON_CT, ...ADMIN }, body: '{}' }],
    ['rules delete without login', { path: '/api/siting/rules/mine', method: 'DELETE' }],
    ['rules delete unknown (admin)', { path: '/api/siting/rules/no-such-rules', method: 'DELETE', headers: ADMIN }],
    ['rules delete shipped set (admin)', { path: '/api/siting/rules/default%3Apv_ground', method: 'DELETE', headers: ADMIN }],
    ['zones unknown family', get('/api/siting/hydro/zones')],
    ['tile z 99', get('/api/siting/pv/tiles/default/99/0/0.png')],
    ['tile unknown family', get('/api/siting/tidal/tiles/default/3/0/0.png')],
    ['analysis Point', post('/api/analysis/siting', { geometry: { type: 'Point', coordinates: [lon, lat] } })],
    ['analysis Beijing parcel', post('/api/analysis/siting', { geometry: square(BEIJING.lon, BEIJING.lat) })],
    ['analysis unclosed ring', post('/api/analysis/siting', { geometry: { type: 'Polygon', coordinates: [[[lon, lat], [lon + 0.01, lat], [lon, lat + 0.01]]] } })],
  ];
  const charging: [string, Req][] = [
    ['travel time without point', get('/api/charging/travel-time')],
    ['travel time lon 1e308', get(`/api/charging/travel-time?lon=1e308&lat=${lat}`)],
    ['travel time in Beijing', get(`/api/charging/travel-time?lon=${BEIJING.lon}&lat=${BEIJING.lat}`)],
    ['travel time max_s 5', get(`/api/charging/travel-time?lon=${lon}&lat=${lat}&max_s=5`)],
    ['isochrones minutes -5', get('/api/charging/isochrones?minutes=-5')],
    ['isochrones minutes "soon"', get('/api/charging/isochrones?minutes=soon')],
    ['isochrones minutes 100000', get('/api/charging/isochrones?minutes=100000')],
    ['isochrones unknown station', get('/api/charging/isochrones?station=no-such-station')],
    ['coverage unknown region', get('/api/charging/coverage?region=no-such-region')],
    ['coverage by county', get('/api/charging/coverage?by=county')],
    ['what-if station lon "x"', post('/api/charging/what-if', { add: [{ lon: 'x', lat }] })],
    ['what-if 201 stations', post('/api/charging/what-if', { add: Array.from({ length: 201 }, () => ({ lon, lat })) })],
    ['what-if station in Beijing', post('/api/charging/what-if', { add: [{ lon: BEIJING.lon, lat: BEIJING.lat }] })],
    ['what-if remove unknown', post('/api/charging/what-if', { remove: ['no-such-station'] })],
    ['what-if unknown field', post('/api/charging/what-if', { teleport: true })],
    ['sites unknown problem', post('/api/charging/sites', { problem: 'tsp' })],
    ['sites p 0', post('/api/charging/sites', { problem: 'mclp', p: 0 })],
    ['sites p 1e9', post('/api/charging/sites', { problem: 'mclp', p: 1e9 })],
    ['sites grid 1 m', post('/api/charging/sites', { problem: 'mclp', grid_km: 0.001 })],
    ['sites empty candidates', post('/api/charging/sites', { problem: 'mclp', candidates: { type: 'FeatureCollection', features: [] } })],
    ['analysis Beijing parcel', post('/api/analysis/charging', { geometry: square(BEIJING.lon, BEIJING.lat) })],
    ['analysis urban_s 1', post('/api/analysis/charging', { geometry: here, urban_s: 1 })],
  ];
  const WRITE = { ...JSON_CT, ...ADMIN };
  const ledger: [string, Req][] = [
    ['parties without token', post('/api/ledger/parties', { kind: 'village', name: '大里村' })],
    ['party kind alien (admin)', post('/api/ledger/parties', { kind: 'alien', name: 'x' }, WRITE)],
    ['party empty name (admin)', post('/api/ledger/parties', { kind: 'village', name: '' }, WRITE)],
    ['party name 10,000 chars (admin)', post('/api/ledger/parties', { kind: 'village', name: '村'.repeat(10_000) }, WRITE)],
    ['party malformed JSON (admin)', post('/api/ledger/parties', '{"kind":', WRITE)],
    ['party unknown parent (admin)', post('/api/ledger/parties', { kind: 'household', name: '张三', parent_id: 2 ** 31 - 1 }, WRITE)],
    ['project NUL id', get('/api/ledger/projects/%00', ADMIN)],
    ['project id "one"', get('/api/ledger/projects/one', ADMIN)],
    ['project unknown (admin)', get('/api/ledger/projects/2147483647', ADMIN)],
    ['purchase quantity -1 (admin)', post('/api/ledger/purchases', { listing_id: 1, quantity_t: -1 }, WRITE)],
    ['purchase quantity 0.5 (admin)', post('/api/ledger/purchases', { listing_id: 1, quantity_t: 0.5 }, WRITE)],
    ['purchase unknown listing (admin)', post('/api/ledger/purchases', { listing_id: 2147483647, quantity_t: 1 }, WRITE)],
    ['listing price "cheap" (admin)', post('/api/ledger/listings', { block_id: 1, quantity_t: 1, price_cny_per_t: 'cheap' }, WRITE)],
    ['retire unknown purpose (admin)', post('/api/ledger/retirements', { block_id: 1, beneficiary: 'x', purpose: 'fun' }, WRITE)],
    ['retire unknown block (admin)', post('/api/ledger/retirements', { block_id: 2147483647, beneficiary: 'x', purpose: 'offset' }, WRITE)],
    ['payout unknown kind (admin)', post('/api/ledger/payouts', { kind: 'bonus', project_id: 1 }, WRITE)],
    ['statement project "x"', get('/api/ledger/statements?project_id=x&party_id=1', ADMIN)],
    ['statement format pdf', get('/api/ledger/statements?project_id=1&party_id=1&format=pdf', ADMIN)],
    ['blocks limit 1e9', get('/api/ledger/blocks?limit=1000000000', ADMIN)],
    ['journal without token', get('/api/ledger/journal')],
  ];
  const accounts: [string, Req][] = [
    ['login malformed JSON', post('/api/auth/login', '{"username":')],
    ['login wrong password', post('/api/auth/login', { username: 'nobody', password: 'wrong password 123' })],
    ['login username 10,000 chars', post('/api/auth/login', { username: 'u'.repeat(10_000), password: 'x' })],
    ['users without token', get('/api/auth/users')],
    ['user short password (admin)', post('/api/auth/users', { username: 'short-pw', password: 'abc', roles: ['buyer'] }, WRITE)],
    ['user unknown role (admin)', post('/api/auth/users', { username: 'odd-role', password: 'long enough 123', roles: ['emperor'] }, WRITE)],
    ['user name with spaces (admin)', post('/api/auth/users', { username: 'a b', password: 'long enough 123', roles: ['buyer'] }, WRITE)],
    ['token without session', post('/api/auth/tokens', {})],
  ];
  const indicators: [string, Req][] = [
    ['unknown region', get('/api/indicators?region=no-such-region')],
    ['region 5,000 chars', get(`/api/indicators?region=${'9'.repeat(5000)}`)],
    ['as_of "soon"', get('/api/indicators?region=330523&as_of=soon')],
    ['target without token', post('/api/indicators/targets', { region_id: '330523', indicator: 'forest_coverage_pct', value: 70 })],
    ['target malformed (admin)', post('/api/indicators/targets', '{"region_id":', WRITE)],
    ['target unknown indicator (admin)', post('/api/indicators/targets', { region_id: '330523', region_level: 'county', place_zh: '安吉县', place_en: 'Anji', indicator: 'happiness_pct', value: 70, document_zh: 'x', source: 'x' }, WRITE)],
    ['target value -1 (admin)', post('/api/indicators/targets', { region_id: '330523', region_level: 'county', place_zh: '安吉县', place_en: 'Anji', indicator: 'forest_coverage_pct', value: -1, document_zh: 'x', source: 'x' }, WRITE)],
    ['target NUL id (admin)', { path: '/api/indicators/targets/%00', method: 'DELETE', headers: ADMIN }],
  ];
  for (const [area, list] of [['siting', siting], ['charging', charging], ['ledger', ledger], ['accounts', accounts], ['indicators', indicators]] as const) {
    out.push(...list.map(([n, request]): Case => ({ name: `${area}: ${n}`, request, status: CLIENT })));
  }
  // Pathological geometries at real sizes.
  const multi = { type: 'MultiPolygon', coordinates: Array.from({ length: 10_000 }, (_, i) => square(lon + (i % 100) * 0.0001, lat + Math.floor(i / 100) * 0.0001, 0.00005).coordinates) };
  out.push(
    // Within the limits these are valid parcels: an answer (200) or a problem, never a 5xx or a stall.
    { name: 'carbon: 10,000-part MultiPolygon', request: post('/api/analysis/carbon', { geometry: multi }), status: [200, 499] },
    { name: 'carbon: 60k-vertex zig-zag ring', request: post('/api/analysis/carbon', { geometry: zigzag(60_000, lon, lat) }), status: [200, 499] },
    { name: 'carbon: 200k vertices', request: post('/api/analysis/carbon', { geometry: zigzag(200_000, lon, lat) }), status: 413 },
    { name: 'pv: 200k vertices', request: post('/api/analysis/pv', { geometry: zigzag(200_000, lon, lat) }), status: 413 },
    { name: 'carbon: 10 MB of null positions', request: post('/api/analysis/carbon', `{"geometry":{"type":"Polygon","coordinates":[[${'null,'.repeat(2_000_000)}null]]}}`), status: 413 },
  );
  return out;
}

describe('bad input', async () => {
  const [seat] = await db.sql<{ lon: number; lat: number }[]>`SELECT ST_X(geom) lon, ST_Y(geom) lat FROM places WHERE kind = 'county_seat' LIMIT 1`;
  Object.assign(SEAT, seat);
  const table = cases();

  it('has at least 150 cases', () => expect(table.length).toBeGreaterThanOrEqual(150));

  it.each(table)('$name', async ({ request, status }) => {
    const { path, ...init } = request;
    const res = await app.request(path.startsWith('http') ? path : `http://localhost:8787${path}`, init as RequestInit);
    const [lo, hi] = typeof status === 'number' ? [status, status] : status;
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBeGreaterThanOrEqual(lo);
    expect(res.status, text.slice(0, 300)).toBeLessThanOrEqual(hi);
    if (res.status >= 400) {
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(new TextEncoder().encode(text).byteLength).toBeLessThanOrEqual(16 * 1024);
      const problem = JSON.parse(text);
      expect(String(problem.detail ?? '').length).toBeGreaterThan(0);
      // zh-CN is the default language of every answer: the title says what went wrong in Chinese.
      expect(problem.title, text.slice(0, 300)).toMatch(/\p{Script=Han}/u);
      expect(res.headers.get('content-language')).toBe('zh-CN');
    }
    const t0 = performance.now();
    expect((await app.request('http://localhost:8787/api/health')).status).toBe(200);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
