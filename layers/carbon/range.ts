/**
 * The uncertainty range of a parcel's stock and sink: the whole allocation recomputed with the
 * tables' uncertain parameters (uncertainty.ts) drawn by the seeded Monte Carlo of
 * layers/core/monte-carlo.ts, P5/P50/P95, and the parameters that dominate.
 */
import { allocateParcel, type AllocationTables } from './allocation.ts';
import { stockAndSink } from './composition.ts';
import type { ParcelInventory } from './inventory.ts';
import { monteCarlo, type UncertainParam } from '../core/monte-carlo.ts';
import { CO2E_PER_C } from '../core/units.ts';

/** Parameters whose |rank correlation| with stock or sink reaches this are reported as dominant. */
const DOMINANT_MIN_CORRELATION = 0.1;

export interface DominantParameter {
  name: string;
  rank_correlation_stock: number;
  rank_correlation_sink: number;
  source: string;
}

export interface CarbonRange {
  /** Monte Carlo range of stock_tCO2e. */
  range: { p5: number; p50: number; p95: number; of: 'stock_tCO2e'; runs: number; seed: number };
  /** Monte Carlo range of sink_tCO2e_per_yr. */
  sink_range: { p5: number; p50: number; p95: number; of: 'sink_tCO2e_per_yr'; runs: number; seed: number };
  /** Sorted by the larger of the two |rank correlations|, largest first. */
  dominant_parameters: DominantParameter[];
}

export function carbonRange(
  inventory: ParcelInventory,
  tables: AllocationTables & { uncertainty: readonly UncertainParam[] },
  runs: number,
  seed: number,
): CarbonRange {
  const mc = monteCarlo(
    (factors) => {
      const { stock_tC, sink_tC_per_yr } = stockAndSink(allocateParcel(inventory, tables, factors).pieces);
      return { stock: stock_tC * CO2E_PER_C, sink: sink_tC_per_yr * CO2E_PER_C };
    },
    tables.uncertainty,
    { runs, seed },
  );
  const sourceOf = new Map(tables.uncertainty.map((p) => [p.name, p.source]));
  const sinkCorrelation = new Map(mc.sensitivity.sink.map((s) => [s.name, s.rank_correlation]));
  const strongest = (d: DominantParameter) => Math.max(Math.abs(d.rank_correlation_stock), Math.abs(d.rank_correlation_sink));
  const dominant_parameters: DominantParameter[] = mc.sensitivity.stock
    .map((s) => ({ name: s.name, rank_correlation_stock: s.rank_correlation, rank_correlation_sink: sinkCorrelation.get(s.name) ?? 0, source: sourceOf.get(s.name) ?? '' }))
    .filter((d) => Math.abs(d.rank_correlation_stock) >= DOMINANT_MIN_CORRELATION || Math.abs(d.rank_correlation_sink) >= DOMINANT_MIN_CORRELATION)
    .sort((a, b) => strongest(b) - strongest(a));
  const { stock, sink } = mc.outputs;
  return {
    range: { p5: stock.p5, p50: stock.p50, p95: stock.p95, of: 'stock_tCO2e', runs, seed },
    sink_range: { p5: sink.p5, p50: sink.p50, p95: sink.p95, of: 'sink_tCO2e_per_yr', runs, seed },
    dominant_parameters,
  };
}
