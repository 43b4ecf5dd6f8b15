/**
 * `npm run tantu -- carbon`: the InVEST "Carbon Storage and Sequestration" model on land-cover
 * GeoTIFFs, with InVEST's inputs and output names and tantu's fixes (layers/carbon/pools.ts):
 *
 *   npm run tantu -- carbon --lulc-bas <tif> [--lulc-alt <tif>] --pools <csv> --workspace <dir>
 *        [--price-per-tC <n> --discount-rate <pct> --rate-change <pct> --bas-year <y> --alt-year <y>]
 *
 * Inputs
 * - land-cover GeoTIFFs (band 1, integer class codes; GDAL_NODATA pixels are nodata) in any CRS of
 *   layers/geo/crs.ts. Projected: every pixel has |px·py| m²; geographic (EPSG:4326/4490): each row
 *   has its ellipsoidal cell area (layers/raster/grid.ts `rowAreasM2`). Web Mercator is refused
 *   (its areas are wrong by 1/cos²φ). Baseline and alternate must share one grid and CRS.
 * - pools CSV: columns lucode, c_above, c_below, c_soil, c_dead (t C/ha), matched case-insensitively;
 *   other columns are ignored; comma, semicolon or tab separated; UTF-8 with or without BOM.
 * - valuation (all five flags together, needs --lulc-alt): price per t C (currency/t C — convert
 *   a price per t CO2e by × 44/12), discount rate %, "rate change" % (an annual decline in the
 *   social value of carbon: a second discount rate), baseline and alternate years.
 *
 * Outputs in the workspace (Float32, same grid and CRS as the input, nodata = NaN so that a real
 * change of −1 t C/ha survives — InVEST writes −1 as nodata):
 *   c_storage_bas.tif   storage, baseline, t C/ha
 *   c_storage_alt.tif   storage, alternate, t C/ha            (with --lulc-alt)
 *   c_change_bas_alt.tif  alt − bas, t C/ha                    (with --lulc-alt)
 *   npv_alt.tif         change · k, currency/ha                (with valuation)
 *   carbon_summary.csv  totals per quantity: t C, t CO2e, currency, counted / nodata pixels,
 *                       counted area — the change is summed over pixels valid in BOTH scenarios,
 *                       and the two stocks on that common footprint are listed too, so
 *                       Σchange = Σalt − Σbas on the rows that say `common`.
 *   carbon_run.json     the inputs, pools table, valuation constant and totals (reproducibility).
 *
 * Errors, as InVEST: class codes missing from the pools table (named like "[200]"), alternate year
 * ≤ baseline year; a bad pools CSV names the line.
 *
 * Memory: the class rasters and the Float32 outputs are held whole (about 20 bytes per pixel with
 * an alternate scenario and valuation; the model itself runs in blocks of ~1 M pixels), so a
 * 10 000 × 10 000 raster needs ~2 GB — tile larger inputs first.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fromArrayBuffer } from 'geotiff';
import {
  MissingLucodeError,
  indexPools,
  runPoolModel,
  valuationConstant,
  type PixelAreas,
  type PoolRow,
  type RasterTotal,
  type ValuationInput,
} from '../../layers/carbon/pools.ts';
import { ModelInputError } from '../../layers/core/errors.ts';
import { CO2E_PER_C, sumPrecise } from '../../layers/core/units.ts';
import { epsgNumber, isGeographic } from '../../layers/geo/crs.ts';
import { rowAreasM2, type Grid } from '../../layers/raster/grid.ts';
import { writeGeoTiff } from '../geotiff-write.ts';
import { parseCsv } from '../import/csv.ts';
import { readGeoTiffInfo, type GeoTiffInfo } from '../import/raster.ts';

export type Progress = (step: string, fraction: number) => void;

/** Everything the model needs; paths may be relative to the working directory. */
export interface InvestCarbonArgs {
  lulc_bas_path: string;
  lulc_alt_path?: string;
  pools_csv_path: string;
  workspace_dir: string;
  valuation?: ValuationInput;
  onProgress?: Progress;
}

/** A total over the written raster and the footprint it was counted on. */
export interface SummaryRow {
  /** storage_bas, storage_alt, storage_bas_on_common, storage_alt_on_common, change_bas_alt, npv_alt */
  quantity: string;
  /** Output file the row sums (a workspace file name) or '' for the on-common stocks. */
  file: string;
  /** t C (null for NPV). */
  total_tC: number | null;
  /** t CO2e = t C × 44/12 (null for NPV). */
  total_tCO2e: number | null;
  /** currency (NPV only). */
  value_currency: number | null;
  counted_pixels: number;
  nodata_pixels: number;
  counted_area_ha: number;
  footprint: 'bas' | 'alt' | 'common';
}

export interface InvestCarbonResult {
  workspace_dir: string;
  /** Absolute paths of the files written, by name. */
  files: Record<string, string>;
  summary: SummaryRow[];
  /** Valuation constant k (currency per t C of change), null without valuation. */
  valuation_constant: number | null;
  grid: { width: number; height: number; crs: string; geotransform: number[]; pixel_area: 'projected' | 'ellipsoidal_per_row' };
}

/** A user mistake in the inputs (bad flag, bad CSV, unreadable raster); `hint` says how to fix it. */
export class InvestInputError extends ModelInputError {
  constructor(problem: string, readonly hint?: string) {
    super({ code: 'invest_input', title: 'Invalid InVEST carbon input', detail: problem, message: hint ? `${problem}\n  hint: ${hint}` : problem });
    this.name = 'InvestInputError';
  }
}

// ------------------------------------------------------------------------------ pools CSV

const POOL_COLUMNS = ['lucode', 'c_above', 'c_below', 'c_soil', 'c_dead'] as const;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parse an InVEST carbon pools table. Header names are matched case-insensitively (surrounding
 * spaces and a BOM ignored); extra columns are ignored; blank lines are skipped.
 * @param text CSV text
 * @param name file name used in messages
 * @throws InvestInputError naming the line of the first problem
 */
export function parsePoolsCsv(text: string, name = 'pools CSV'): PoolRow[] {
  const clean = text.replace(/^\uFEFF/, '');
  if (!clean.trim()) throw new InvestInputError(`${name}: the file is empty`, `give a header line: ${POOL_COLUMNS.join(',')}`);
  const { rows, lines } = parseCsv(clean);
  const header = rows[0]!.map((h) => h.trim().toLowerCase());
  const index: Record<string, number> = {};
  for (const col of POOL_COLUMNS) {
    const at = header.indexOf(col);
    if (at >= 0) {
      if (header.indexOf(col, at + 1) >= 0) throw new InvestInputError(`${name}: line ${lines[0]}: column "${col}" appears twice in the header`);
      index[col] = at;
    }
  }
  const missing = POOL_COLUMNS.filter((c) => index[c] === undefined);
  if (missing.length) {
    throw new InvestInputError(
      `${name}: line ${lines[0]}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (header has: ${header.join(', ')})`,
      `the header must name ${POOL_COLUMNS.join(', ')} (any case, any order)`,
    );
  }
  const out: PoolRow[] = [];
  const seen = new Map<number, number>();
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const line = lines[r]!;
    const values: Record<string, number> = {};
    for (const col of POOL_COLUMNS) {
      const raw = (row[index[col]!] ?? '').trim();
      if (raw === '') throw new InvestInputError(`${name}: line ${line}: ${col} is empty`, 'every row needs a number in each of lucode, c_above, c_below, c_soil, c_dead');
      if (!NUMBER.test(raw)) throw new InvestInputError(`${name}: line ${line}: ${col} "${raw}" is not a number`, 'use plain decimal numbers with a dot, e.g. 12.5');
      values[col] = Number(raw);
    }
    const lucode = values.lucode!;
    if (!Number.isInteger(lucode)) throw new InvestInputError(`${name}: line ${line}: lucode ${lucode} is not a whole number`);
    const first = seen.get(lucode);
    if (first !== undefined) throw new InvestInputError(`${name}: line ${line}: lucode ${lucode} appears again (first on line ${first})`, 'give each land-cover code one row');
    seen.set(lucode, line);
    out.push({
      lucode,
      c_above: values.c_above!,
      c_below: values.c_below!,
      c_soil: values.c_soil!,
      c_dead: values.c_dead!,
      source: `${name} line ${line}`,
      unverified: true,
    });
  }
  if (!out.length) throw new InvestInputError(`${name}: no rows below the header`);
  return out;
}

// ------------------------------------------------------------------------------ rasters

interface LandCover {
  path: string;
  info: GeoTiffInfo;
  classes: ArrayLike<number>;
}

async function readLandCover(path: string, label: string): Promise<LandCover> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    throw new InvestInputError(`${label} ${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let info: GeoTiffInfo;
  try {
    info = await readGeoTiffInfo(bytes);
  } catch (e) {
    const hint = (e as { hint?: string }).hint;
    throw new InvestInputError(`${label} ${path}: ${(e as Error).message}`, hint);
  }
  if (epsgNumber(info.crs) === 3857) {
    throw new InvestInputError(`${label} ${path}: Web Mercator (EPSG:3857) pixel areas are not true areas`, 'reproject to an equal-area or local projection, e.g. gdalwarp -t_srs EPSG:4549');
  }
  if (!(info.geotransform[5] < 0)) {
    throw new InvestInputError(`${label} ${path}: the raster is not north-up (pixel height ${info.geotransform[5]})`, 'warp it to a north-up grid first');
  }
  const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const image = await tiff.getImage();
  const [band] = (await image.readRasters({ samples: [0] })) as unknown as ArrayLike<number>[];
  return { path, info, classes: band! };
}

function sameGrid(a: GeoTiffInfo, b: GeoTiffInfo): boolean {
  const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  return a.width === b.width && a.height === b.height && epsgNumber(a.crs) === epsgNumber(b.crs) && a.geotransform.every((v, i) => close(v, b.geotransform[i]!));
}

// ------------------------------------------------------------------------------ the model

const TOTAL_KEYS = ['total_tC', 'counted_pixels', 'nodata_pixels', 'counted_area_ha'] as const;

function mergeTotals(parts: RasterTotal[]): RasterTotal {
  const sum = (k: (typeof TOTAL_KEYS)[number]) => sumPrecise(parts.map((p) => p[k]));
  const total_tC = sum('total_tC');
  return { total_tC, total_tCO2e: total_tC * CO2E_PER_C, counted_pixels: sum('counted_pixels'), nodata_pixels: sum('nodata_pixels'), counted_area_ha: sum('counted_area_ha') };
}

/** Rows per processing block: about a million pixels. */
function blockRows(width: number): number {
  return Math.max(1, Math.floor(1_048_576 / Math.max(1, width)));
}

/**
 * Run the InVEST-compatible carbon model on GeoTIFF files and write its outputs into the workspace.
 * @throws InvestInputError for bad inputs; MissingLucodeError naming the classes absent from the
 *   pools table; RangeError when the alternate year is not after the baseline year
 */
export async function runInvestCarbon(args: InvestCarbonArgs): Promise<InvestCarbonResult> {
  const progress = args.onProgress ?? (() => {});
  if (args.valuation && !args.lulc_alt_path) {
    throw new InvestInputError('valuation needs an alternate land-cover raster', 'add --lulc-alt <tif>, or drop the valuation flags');
  }
  // Years first, before any file is read (InVEST reference case 5).
  const k = args.valuation ? valuationConstant(args.valuation) : null;

  const poolsPath = resolve(args.pools_csv_path);
  let poolsText: string;
  try {
    poolsText = await readFile(poolsPath, 'utf8');
  } catch (e) {
    throw new InvestInputError(`pools CSV ${args.pools_csv_path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const pools = parsePoolsCsv(poolsText, basename(poolsPath));
  const byCode = indexPools(pools);

  progress('carbon: read land cover', 0);
  const bas = await readLandCover(resolve(args.lulc_bas_path), '--lulc-bas');
  progress('carbon: read land cover', args.lulc_alt_path ? 0.5 : 1);
  const alt = args.lulc_alt_path ? await readLandCover(resolve(args.lulc_alt_path), '--lulc-alt') : null;
  progress('carbon: read land cover', 1);
  if (alt && !sameGrid(bas.info, alt.info)) {
    const d = (i: GeoTiffInfo) => `${i.width}×${i.height} ${i.crs} [${i.geotransform.join(', ')}]`;
    throw new InvestInputError(
      `the baseline and alternate rasters are on different grids: ${d(bas.info)} vs ${d(alt.info)}`,
      'resample the alternate raster onto the baseline grid (gdalwarp -te … -tr … -t_srs …)',
    );
  }

  // Every class present in either scenario must be in the table (all of them named at once).
  const missing = new Set<number>();
  for (const lc of alt ? [bas, alt] : [bas]) {
    const nodata = lc.info.nodata;
    const seen = new Set<number>();
    for (let i = 0; i < lc.classes.length; i++) {
      const c = lc.classes[i]!;
      if (c !== c || c === nodata || seen.has(c)) continue;
      seen.add(c);
      if (!byCode.has(c)) missing.add(c);
    }
  }
  if (missing.size) throw new MissingLucodeError(missing);

  const { width, height } = bas.info;
  const gt = bas.info.geotransform;
  const grid: Grid = { width, height, geotransform: gt, crs: bas.info.crs };
  const rowAreas = rowAreasM2(grid);
  const isGeographicCrs = isGeographic(bas.info.crs);

  const n = width * height;
  const storageBas = new Float32Array(n);
  const storageAlt = alt ? new Float32Array(n) : null;
  const change = alt ? new Float32Array(n) : null;
  const npv = k !== null ? new Float32Array(n) : null;
  const parts: Record<'bas' | 'alt' | 'change' | 'bas_on_common' | 'alt_on_common' | 'npv', RasterTotal[]> = {
    bas: [], alt: [], change: [], bas_on_common: [], alt_on_common: [], npv: [],
  };
  const npvTotals: number[] = [];
  const rowsPer = blockRows(width);
  for (let r0 = 0; r0 < height; r0 += rowsPer) {
    const r1 = Math.min(height, r0 + rowsPer);
    const a = r0 * width;
    const b = r1 * width;
    // Each scenario's own nodata value becomes NaN (they may differ).
    const toFloat = (lc: LandCover) => {
      const src = lc.classes;
      const nd = lc.info.nodata;
      const out = new Float64Array(b - a);
      for (let i = a; i < b; i++) {
        const v = src[i]!;
        out[i - a] = v === nd ? NaN : v;
      }
      return out;
    };
    const areas: PixelAreas = isGeographicCrs ? { row_area_m2: rowAreas.subarray(r0, r1), width } : { pixel_area_m2: rowAreas[0]! };
    const res = runPoolModel({
      lulc_bas: toFloat(bas),
      lulc_alt: alt ? toFloat(alt) : undefined,
      pools,
      nodata: null,
      areas,
      valuation: args.valuation,
    });
    storageBas.set(res.storage_bas_tC_per_ha, a);
    parts.bas.push(res.totals.bas);
    if (storageAlt && res.storage_alt_tC_per_ha) storageAlt.set(res.storage_alt_tC_per_ha, a);
    if (change && res.change_tC_per_ha) change.set(res.change_tC_per_ha, a);
    if (res.totals.alt) parts.alt.push(res.totals.alt);
    if (res.totals.change) parts.change.push(res.totals.change);
    if (res.totals.bas_on_common) parts.bas_on_common.push(res.totals.bas_on_common);
    if (res.totals.alt_on_common) parts.alt_on_common.push(res.totals.alt_on_common);
    if (npv && res.npv_per_ha) npv.set(res.npv_per_ha, a);
    if (res.totals.npv_currency !== null) npvTotals.push(res.totals.npv_currency);
    progress('carbon: pool model', r1 / height);
  }

  // ---- write
  const workspace = resolve(args.workspace_dir);
  await mkdir(workspace, { recursive: true });
  const files: Record<string, string> = {};
  const outputs: [string, Float32Array | null][] = [
    ['c_storage_bas.tif', storageBas],
    ['c_storage_alt.tif', storageAlt],
    ['c_change_bas_alt.tif', change],
    ['npv_alt.tif', npv],
  ];
  const toWrite = outputs.filter((o): o is [string, Float32Array] => o[1] !== null);
  toWrite.forEach(([name, data], i) => {
    progress('carbon: write rasters', i / toWrite.length);
    const path = join(workspace, name);
    writeGeoTiff(path, {
      width, height, data, crs: bas.info.crs, originX: gt[0], originY: gt[3], pixelSizeX: gt[1], pixelSizeY: -gt[5], nodata: NaN,
    });
    files[name] = path;
  });
  progress('carbon: write rasters', 1);

  const summary: SummaryRow[] = [];
  const row = (quantity: string, file: string, t: RasterTotal, footprint: SummaryRow['footprint']) =>
    summary.push({ quantity, file, total_tC: t.total_tC, total_tCO2e: t.total_tCO2e, value_currency: null, counted_pixels: t.counted_pixels, nodata_pixels: t.nodata_pixels, counted_area_ha: t.counted_area_ha, footprint });
  row('storage_bas', 'c_storage_bas.tif', mergeTotals(parts.bas), 'bas');
  if (alt) {
    row('storage_alt', 'c_storage_alt.tif', mergeTotals(parts.alt), 'alt');
    const ch = mergeTotals(parts.change);
    row('storage_bas_on_common', '', mergeTotals(parts.bas_on_common), 'common');
    row('storage_alt_on_common', '', mergeTotals(parts.alt_on_common), 'common');
    row('change_bas_alt', 'c_change_bas_alt.tif', ch, 'common');
    if (k !== null) {
      summary.push({
        quantity: 'npv_alt', file: 'npv_alt.tif', total_tC: null, total_tCO2e: null, value_currency: sumPrecise(npvTotals),
        counted_pixels: ch.counted_pixels, nodata_pixels: ch.nodata_pixels, counted_area_ha: ch.counted_area_ha, footprint: 'common',
      });
    }
  }
  const csvPath = join(workspace, 'carbon_summary.csv');
  await writeFile(csvPath, summaryCsv(summary));
  files['carbon_summary.csv'] = csvPath;

  const gridInfo: InvestCarbonResult['grid'] = {
    width, height, crs: bas.info.crs, geotransform: [...gt], pixel_area: isGeographicCrs ? 'ellipsoidal_per_row' : 'projected',
  };
  const runPath = join(workspace, 'carbon_run.json');
  await writeFile(
    runPath,
    JSON.stringify(
      {
        model: 'InVEST Carbon Storage and Sequestration compatible (tantu layers/carbon/pools.ts)',
        inputs: {
          lulc_bas_path: bas.path, lulc_alt_path: alt?.path ?? null, pools_csv_path: poolsPath,
          lulc_bas_nodata: bas.info.nodata, lulc_alt_nodata: alt?.info.nodata ?? null,
        },
        valuation: args.valuation ? { ...args.valuation, valuation_constant_per_tC: k } : null,
        grid: gridInfo,
        output_nodata: 'NaN',
        pools: pools.map(({ lucode, c_above, c_below, c_soil, c_dead }) => ({ lucode, c_above, c_below, c_soil, c_dead })),
        summary,
      },
      null,
      2,
    ) + '\n',
  );
  files['carbon_run.json'] = runPath;
  return { workspace_dir: workspace, files, summary, valuation_constant: k, grid: gridInfo };
}

const CSV_HEADER = ['quantity', 'file', 'total_tC', 'total_tCO2e', 'value_currency', 'counted_pixels', 'nodata_pixels', 'counted_area_ha', 'footprint'] as const;

/** The summary as CSV text (full double precision, empty cells for not-applicable values). */
export function summaryCsv(rows: readonly SummaryRow[]): string {
  const cell = (v: string | number | null) => (v === null ? '' : String(v));
  return [CSV_HEADER.join(','), ...rows.map((r) => CSV_HEADER.map((h) => cell(r[h])).join(','))].join('\n') + '\n';
}

// ------------------------------------------------------------------------------ CLI

export const CARBON_USAGE = `npm run tantu -- carbon --lulc-bas <tif> [--lulc-alt <tif>] --pools <csv> --workspace <dir>
        [--price-per-tC <n> --discount-rate <pct> --rate-change <pct> --bas-year <y> --alt-year <y>]
        InVEST-compatible carbon storage / change / NPV, no database. Price is per t C (per t CO2e × 44/12).
        Writes c_storage_bas.tif, c_storage_alt.tif, c_change_bas_alt.tif, npv_alt.tif (Float32, nodata NaN),
        carbon_summary.csv and carbon_run.json into the workspace.`;

const FLAGS = ['--lulc-bas', '--lulc-alt', '--pools', '--workspace', '--price-per-tC', '--discount-rate', '--rate-change', '--bas-year', '--alt-year'] as const;
const VALUATION_FLAGS = ['--price-per-tC', '--discount-rate', '--rate-change', '--bas-year', '--alt-year'] as const;

/** Parse the command's flags (flag names are matched case-insensitively). */
export function parseCarbonArgs(argv: readonly string[]): Omit<InvestCarbonArgs, 'onProgress'> {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const known = FLAGS.find((f) => f.toLowerCase() === flag.toLowerCase());
    if (!known) throw new InvestInputError(`unknown argument "${a}"`, CARBON_USAGE);
    const v = inline ?? argv[++i];
    if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new InvestInputError(`${known} needs a value`, CARBON_USAGE);
    if (values.has(known)) throw new InvestInputError(`${known} is given twice`);
    values.set(known, v);
  }
  const need = ['--lulc-bas', '--pools', '--workspace'].filter((f) => !values.has(f));
  if (need.length) throw new InvestInputError(`missing ${need.join(', ')}`, CARBON_USAGE);
  const given = VALUATION_FLAGS.filter((f) => values.has(f));
  let valuation: ValuationInput | undefined;
  if (given.length) {
    const absent = VALUATION_FLAGS.filter((f) => !values.has(f));
    if (absent.length) throw new InvestInputError(`valuation needs all of ${VALUATION_FLAGS.join(', ')}; missing ${absent.join(', ')}`);
    const num = (f: string, integer = false) => {
      const raw = values.get(f)!.trim();
      const x = Number(raw);
      if (raw === '' || !Number.isFinite(x) || (integer && !Number.isInteger(x))) {
        throw new InvestInputError(`${f} "${raw}" is not ${integer ? 'a whole year' : 'a number'}`);
      }
      return x;
    };
    valuation = {
      price_per_tC: num('--price-per-tC'),
      discount_rate_pct: num('--discount-rate'),
      rate_change_pct: num('--rate-change'),
      bas_year: num('--bas-year', true),
      alt_year: num('--alt-year', true),
    };
  }
  return {
    lulc_bas_path: values.get('--lulc-bas')!,
    lulc_alt_path: values.get('--lulc-alt'),
    pools_csv_path: values.get('--pools')!,
    workspace_dir: values.get('--workspace')!,
    valuation,
  };
}

/** The CLI entry: parse, run with a progress bar, print the summary. */
export async function carbonCommand(argv: readonly string[], opts: { onProgress?: Progress; log?: (line: string) => void } = {}): Promise<InvestCarbonResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const parsed = parseCarbonArgs(argv);
  const result = await runInvestCarbon({ ...parsed, onProgress: opts.onProgress });
  const fmt = (v: number | null, unit: string) => (v === null ? '' : `${v.toPrecision(10)} ${unit}`);
  for (const r of result.summary) {
    const amount = r.value_currency !== null ? fmt(r.value_currency, '(currency)') : `${fmt(r.total_tC, 't C')} = ${fmt(r.total_tCO2e, 't CO2e')}`;
    log(`${r.quantity.padEnd(22)} ${amount}  over ${r.counted_pixels} px (${r.counted_area_ha.toPrecision(8)} ha, ${r.nodata_pixels} nodata px)`);
  }
  if (result.valuation_constant !== null) log(`valuation constant k = ${result.valuation_constant} per t C`);
  log(`written to ${result.workspace_dir}: ${Object.keys(result.files).join(', ')}`);
  return result;
}
