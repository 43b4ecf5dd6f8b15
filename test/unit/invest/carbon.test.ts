/**
 * `tantu carbon` (data-pipeline/commands/carbon.ts) against the five public reference cases of
 * InVEST "Carbon Storage and Sequestration" (reference/carbon.md §2), on GeoTIFF fixtures written
 * into a temp dir and read back, plus tantu's fixes (NaN nodata, common footprint, geographic areas).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvestInputError, parseCarbonArgs, parsePoolsCsv, runInvestCarbon, type InvestCarbonArgs } from '../../../data-pipeline/commands/carbon.ts';
import { MissingLucodeError } from '../../../layers/carbon/pools.ts';
import { cellAreaM2ForRow, WGS84 } from '../../../layers/geo/area.ts';
import { REFERENCE_POOLS, filled, readRaster, tempDir, writeClassRaster, writeText } from './helpers.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** The reference rasters: 10×10 cells of 1 m in EPSG:26910, baseline class 1, alternate class 2. */
function referenceArgs(valuation?: InvestCarbonArgs['valuation']): InvestCarbonArgs {
  return {
    lulc_bas_path: writeClassRaster(dir, 'lulc_bas.tif', { rows: filled(10, 10, 1) }),
    lulc_alt_path: writeClassRaster(dir, 'lulc_alt.tif', { rows: filled(10, 10, 2) }),
    pools_csv_path: writeText(dir, 'pools.csv', REFERENCE_POOLS),
    workspace_dir: join(dir, 'workspace'),
    valuation,
  };
}

const CASE1 = { price_per_tC: 43, discount_rate_pct: -7.1, rate_change_pct: 2.8, bas_year: 2016, alt_year: 2030 };

function summaryCsvRows(path: string): Record<string, Record<string, string>> {
  const [head, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = head!.split(',');
  return Object.fromEntries(lines.map((l) => {
    const cells = l.split(',');
    return [cells[0]!, Object.fromEntries(cols.map((c, i) => [c, cells[i]!]))];
  }));
}

describe('InVEST reference case 1 (price 43, discount −7.1 %, rate change 2.8 %, 2016→2030)', () => {
  it('writes storage 86 / 28, change −58 and NPV −3422.079 per ha on the input grid', async () => {
    const res = await runInvestCarbon(referenceArgs(CASE1));
    expect(res.valuation_constant).toBeCloseTo(59.001360702500605, 12);

    const expected: [string, number, number][] = [
      ['c_storage_bas.tif', 86, 0],
      ['c_storage_alt.tif', 28, 0],
      ['c_change_bas_alt.tif', -58, 0],
      ['npv_alt.tif', -3422.079, 3],
    ];
    for (const [name, value, digits] of expected) {
      const r = await readRaster(join(dir, 'workspace', name));
      expect([r.width, r.height]).toEqual([10, 10]);
      expect(r.bitsPerSample).toBe(32);
      expect(r.sampleFormat).toBe(3); // IEEE float
      expect(Number.isNaN(r.nodata)).toBe(true); // never −1
      expect(r.geoKeys.ProjectedCSTypeGeoKey).toBe(26910);
      expect(r.origin.slice(0, 2)).toEqual([461_261, 4_923_265]);
      expect(r.resolution.slice(0, 2)).toEqual([1, -1]);
      for (const v of r.data) {
        if (digits === 0) expect(v).toBe(value);
        else expect(v).toBeCloseTo(value, digits);
      }
    }
  });

  it('reports totals 0.86 / 0.28 / −0.58 t C and NPV −34.2208, with footprints and CO2e', async () => {
    const res = await runInvestCarbon(referenceArgs(CASE1));
    const by = Object.fromEntries(res.summary.map((r) => [r.quantity, r]));
    expect(by.storage_bas!.total_tC).toBeCloseTo(0.86, 12);
    expect(by.storage_alt!.total_tC).toBeCloseTo(0.28, 12);
    expect(by.change_bas_alt!.total_tC).toBeCloseTo(-0.58, 12);
    expect(by.npv_alt!.value_currency).toBeCloseTo(-34.2208, 4);
    expect(by.storage_bas!.total_tCO2e).toBeCloseTo((0.86 * 44) / 12, 12);
    for (const r of res.summary) {
      expect(r.counted_pixels).toBe(100);
      expect(r.nodata_pixels).toBe(0);
      expect(r.counted_area_ha).toBeCloseTo(0.01, 14);
    }
    // the CSV carries the same numbers
    const csv = summaryCsvRows(join(dir, 'workspace', 'carbon_summary.csv'));
    expect(Number(csv.storage_bas!.total_tC)).toBeCloseTo(0.86, 12);
    expect(Number(csv.storage_alt!.total_tC)).toBeCloseTo(0.28, 12);
    expect(Number(csv.change_bas_alt!.total_tC)).toBeCloseTo(-0.58, 12);
    expect(Number(csv.npv_alt!.value_currency)).toBeCloseTo(-34.2208, 4);
    expect(csv.npv_alt!.total_tC).toBe('');
    expect(csv.change_bas_alt!.counted_pixels).toBe('100');
    expect(csv.change_bas_alt!.footprint).toBe('common');
    const run = JSON.parse(readFileSync(join(dir, 'workspace', 'carbon_run.json'), 'utf8'));
    expect(run.valuation.valuation_constant_per_tC).toBeCloseTo(59.001360702500605, 12);
    expect(run.pools).toHaveLength(3);
  });
});

describe('InVEST reference case 2 (discount 0, rate change 0)', () => {
  it('gives NPV = change × price = −2494 per ha', async () => {
    const res = await runInvestCarbon(referenceArgs({ ...CASE1, discount_rate_pct: 0, rate_change_pct: 0 }));
    expect(res.valuation_constant).toBe(43);
    const npv = await readRaster(join(dir, 'workspace', 'npv_alt.tif'));
    for (const v of npv.data) expect(v).toBe(-2494);
    expect(res.summary.find((r) => r.quantity === 'npv_alt')!.value_currency).toBeCloseTo(-24.94, 10);
  });
});

describe('InVEST reference case 3 (2010→2012, discount 50 %, rate change 5 %, price 50)', () => {
  it('has valuation constant 40.87302', async () => {
    const res = await runInvestCarbon(referenceArgs({ price_per_tC: 50, discount_rate_pct: 50, rate_change_pct: 5, bas_year: 2010, alt_year: 2012 }));
    expect(res.valuation_constant).toBeCloseTo(40.87302, 5);
  });
});

describe('InVEST reference case 4 (reclassification)', () => {
  it('maps [[1,1],[2,3]] with {1: 5000, 2: 60, 3: 120} to exactly [[5000,5000],[60,120]]', async () => {
    await runInvestCarbon({
      lulc_bas_path: writeClassRaster(dir, 'lulc.tif', { rows: [[1, 1], [2, 3]] }),
      pools_csv_path: writeText(dir, 'pools.csv', 'lucode,c_above,c_below,c_soil,c_dead\n1,5000,0,0,0\n2,60,0,0,0\n3,120,0,0,0\n'),
      workspace_dir: join(dir, 'ws'),
    });
    const r = await readRaster(join(dir, 'ws', 'c_storage_bas.tif'));
    expect(Array.from(r.data)).toEqual([5000, 5000, 60, 120]);
  });
});

describe('InVEST reference case 5 (errors)', () => {
  it('names the classes missing from the pools table, e.g. [200]', async () => {
    const args = referenceArgs();
    args.lulc_alt_path = writeClassRaster(dir, 'alt200.tif', { rows: [[1, 2, 200], [200, 3, 1]] });
    args.lulc_bas_path = writeClassRaster(dir, 'bas200.tif', { rows: [[1, 2, 3], [201, 3, 1]] });
    const err = await runInvestCarbon(args).catch((e) => e);
    expect(err).toBeInstanceOf(MissingLucodeError);
    expect(err.message).toContain('[200, 201]');
    expect(err.missing).toEqual([200, 201]);

    const one = await runInvestCarbon({ ...referenceArgs(), lulc_alt_path: writeClassRaster(dir, 'a.tif', { rows: filled(10, 10, 200) }) }).catch((e) => e);
    expect(one.message).toContain('[200]');
  });

  it('refuses an alternate year at or before the baseline year, before reading any raster', async () => {
    for (const alt_year of [2016, 2010]) {
      const args = { ...referenceArgs({ ...CASE1, alt_year }), lulc_bas_path: join(dir, 'does-not-exist.tif') };
      await expect(runInvestCarbon(args)).rejects.toThrow(/alternate year \(\d+\) must be after the baseline year \(2016\)/);
    }
  });
});

describe('tantu fixes over the anchor', () => {
  it('keeps a real change of −1 t C/ha (nodata is NaN, not −1)', async () => {
    await runInvestCarbon({
      lulc_bas_path: writeClassRaster(dir, 'b.tif', { rows: [[1, 1]] }),
      lulc_alt_path: writeClassRaster(dir, 'a.tif', { rows: [[2, 1]] }),
      pools_csv_path: writeText(dir, 'p.csv', 'lucode,c_above,c_below,c_soil,c_dead\n1,10,0,0,0\n2,9,0,0,0\n'),
      workspace_dir: join(dir, 'ws'),
    });
    const r = await readRaster(join(dir, 'ws', 'c_change_bas_alt.tif'));
    expect(Array.from(r.data)).toEqual([-1, 0]);
  });

  it('sums the change over pixels valid in both scenarios and says which were counted', async () => {
    // baseline nodata (255) at one pixel, alternate nodata (0) at another
    const res = await runInvestCarbon({
      lulc_bas_path: writeClassRaster(dir, 'b.tif', { rows: [[1, 1, 255, 1]], nodata: 255 }),
      lulc_alt_path: writeClassRaster(dir, 'a.tif', { rows: [[2, 0, 2, 2]], nodata: 0 }),
      pools_csv_path: writeText(dir, 'p.csv', REFERENCE_POOLS),
      workspace_dir: join(dir, 'ws'),
    });
    const by = Object.fromEntries(res.summary.map((r) => [r.quantity, r]));
    expect(by.storage_bas!.counted_pixels).toBe(3);
    expect(by.storage_alt!.counted_pixels).toBe(3);
    expect(by.change_bas_alt!.counted_pixels).toBe(2);
    expect(by.change_bas_alt!.nodata_pixels).toBe(2);
    // Σchange = Σalt − Σbas on the common footprint
    expect(by.change_bas_alt!.total_tC).toBeCloseTo(by.storage_alt_on_common!.total_tC! - by.storage_bas_on_common!.total_tC!, 12);
    expect(by.change_bas_alt!.total_tC).toBeCloseTo(2 * -58 * 1e-4, 12);
    const change = await readRaster(join(dir, 'ws', 'c_change_bas_alt.tif'));
    expect(Array.from(change.data).map((v) => (Number.isNaN(v) ? 'nodata' : v))).toEqual([-58, 'nodata', 'nodata', -58]);
  });

  it('uses ellipsoidal per-row areas for a geographic raster', async () => {
    const px = 0.001; // degrees
    const res = await runInvestCarbon({
      lulc_bas_path: writeClassRaster(dir, 'g.tif', { rows: filled(3, 4, 1), crs: 'EPSG:4326', pixel: px, originX: 119.6, originY: 30.7 }),
      pools_csv_path: writeText(dir, 'p.csv', REFERENCE_POOLS),
      workspace_dir: join(dir, 'ws'),
    });
    let area_m2 = 0;
    for (let r = 0; r < 4; r++) area_m2 += 3 * cellAreaM2ForRow(30.7 - r * px, 30.7 - (r + 1) * px, px, WGS84);
    const bas = res.summary.find((r) => r.quantity === 'storage_bas')!;
    expect(res.grid.pixel_area).toBe('ellipsoidal_per_row');
    expect(bas.counted_area_ha).toBeCloseTo(area_m2 / 1e4, 10);
    expect(bas.total_tC).toBeCloseTo((86 * area_m2) / 1e4, 8);
    const out = await readRaster(join(dir, 'ws', 'c_storage_bas.tif'));
    expect(out.geoKeys.GeographicTypeGeoKey).toBe(4326);
  });

  it('refuses rasters on different grids and valuation without an alternate raster', async () => {
    const args = referenceArgs();
    args.lulc_alt_path = writeClassRaster(dir, 'shifted.tif', { rows: filled(10, 10, 2), originX: 461_262 });
    await expect(runInvestCarbon(args)).rejects.toThrow(/different grids/);
    await expect(runInvestCarbon({ ...referenceArgs(CASE1), lulc_alt_path: undefined })).rejects.toThrow(/valuation needs an alternate/);
  });
});

describe('pools CSV', () => {
  it('matches columns case-insensitively, ignores extra columns, BOM and blank lines', () => {
    const rows = parsePoolsCsv('\uFEFFLULC_Name;LUCODE;C_Above;c_below ;C_SOIL;c_dead;note\nforest;1;15;10;60;1;x\n\nfarm;2;5;3;20;0;\n');
    expect(rows.map(({ lucode, c_above, c_below, c_soil, c_dead }) => [lucode, c_above, c_below, c_soil, c_dead])).toEqual([
      [1, 15, 10, 60, 1],
      [2, 5, 3, 20, 0],
    ]);
  });

  it('names the line of a bad value, a duplicate code or missing columns', () => {
    const bad = (text: string) => {
      try {
        parsePoolsCsv(text, 'pools.csv');
      } catch (e) {
        expect(e).toBeInstanceOf(InvestInputError);
        return (e as Error).message;
      }
      throw new Error('expected an error');
    };
    expect(bad('lucode,c_above,c_below,c_soil,c_dead\n1,15,10,60,1\n2,five,3,20,0\n')).toMatch(/pools\.csv: line 3: c_above "five" is not a number/);
    expect(bad('lucode,c_above,c_below,c_soil,c_dead\n1,15,10,60,1\n\n1,5,3,20,0\n')).toMatch(/line 4: lucode 1 appears again \(first on line 2\)/);
    expect(bad('lucode,c_above,c_below,c_soil,c_dead\n1,15,,60,1\n')).toMatch(/line 2: c_below is empty/);
    expect(bad('lucode,c_above,c_below\n1,15,10\n')).toMatch(/line 1: missing columns c_soil, c_dead/);
    expect(bad('lucode,c_above,c_below,c_soil,c_dead\n1.5,15,10,60,1\n')).toMatch(/line 2: lucode 1.5 is not a whole number/);
    expect(bad('')).toMatch(/empty/);
  });

  it('reports a bad CSV through the command', async () => {
    const args = referenceArgs();
    args.pools_csv_path = writeText(dir, 'bad.csv', 'lucode,c_above,c_below,c_soil,c_dead\n1,15,10,60,1\n2,5,3,x,0\n');
    await expect(runInvestCarbon(args)).rejects.toThrow(/bad\.csv: line 3: c_soil "x" is not a number/);
  });
});

describe('command-line flags', () => {
  it('parses the InVEST-style flags', () => {
    const a = parseCarbonArgs(['--lulc-bas', 'b.tif', '--lulc-alt', 'a.tif', '--pools', 'p.csv', '--workspace', 'ws',
      '--price-per-tC', '43', '--discount-rate', '-7.1', '--rate-change', '2.8', '--bas-year', '2016', '--alt-year=2030']);
    expect(a).toEqual({
      lulc_bas_path: 'b.tif', lulc_alt_path: 'a.tif', pools_csv_path: 'p.csv', workspace_dir: 'ws',
      valuation: { price_per_tC: 43, discount_rate_pct: -7.1, rate_change_pct: 2.8, bas_year: 2016, alt_year: 2030 },
    });
    expect(parseCarbonArgs(['--lulc-bas', 'b.tif', '--pools', 'p.csv', '--workspace', 'ws']).valuation).toBeUndefined();
  });

  it('says what is missing or wrong', () => {
    expect(() => parseCarbonArgs(['--lulc-bas', 'b.tif'])).toThrow(/missing --pools, --workspace/);
    expect(() => parseCarbonArgs(['--lulc-bas', 'b.tif', '--pools', 'p', '--workspace', 'w', '--price-per-tC', '43'])).toThrow(/missing --discount-rate, --rate-change, --bas-year, --alt-year/);
    expect(() => parseCarbonArgs(['--lulc-bas', 'b.tif', '--pools', 'p', '--workspace', 'w', '--bogus', '1'])).toThrow(/unknown argument "--bogus"/);
    expect(() => parseCarbonArgs(['--lulc-bas', '--pools', 'p'])).toThrow(/--lulc-bas needs a value/);
    expect(() => parseCarbonArgs(['--lulc-bas', 'b', '--pools', 'p', '--workspace', 'w', '--price-per-tC', '4', '--discount-rate', '1',
      '--rate-change', '0', '--bas-year', '2016.5', '--alt-year', '2030'])).toThrow(/--bas-year "2016.5" is not a whole year/);
  });
});
