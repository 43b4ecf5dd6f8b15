/**
 * Defaults of a PV system simulation (the PVWatts v5 chain in pv-chain.ts), each with its source.
 * Every one is a labelled, overridable default: a request may set its own.
 *
 * Reference: /work/shared/reference/solar-wind.md §4 (PVWatts v5, Dobos 2014, NREL/TP-6A20-62641)
 * and §6 (reV capacity density).
 */
import type { SourcedValue } from '../core/sourced.ts';

export const PV_SYSTEM_DEFAULTS = {
  dc_ac_ratio: {
    value: 1.2, unit: 'ratio', range: [1.1, 1.2],
    source: 'PVWatts v5 (Dobos 2014, NREL/TP-6A20-62641): default DC-to-AC ratio 1.2 (reference §4: 1.1–1.2)',
    unverified: false,
  },
  eta_inv_nom: {
    value: 0.96, unit: 'fraction',
    source: 'PVWatts v5 nominal inverter efficiency 0.96 (Dobos 2014)',
    unverified: false,
  },
  albedo: {
    value: 0.25, unit: 'fraction',
    source: 'pvlib get_total_irradiance default albedo 0.25 (reference §3)',
    unverified: false,
  },
  interannual_variability_pct: {
    value: 5, unit: '% (1 σ of annual yield)', range: [3, 7],
    source: 'tantu estimate of the year-to-year variation of annual irradiation in northern Zhejiang (PVGIS and NASA POWER series typically show 3–7 %) [unverified]',
    unverified: true,
  },
  capacity_density_mw_dc_per_km2: {
    value: 36, unit: 'MW_dc/km²',
    source: "NREL reV default PV capacity density 36 MW_dc/km² (reference §6); Chinese ground-mounted PV is often denser — set your own",
    unverified: false,
  },
  max_tilt_deg: {
    value: 60, unit: '°',
    source: 'tantu: upper bound of the optimal-tilt search (fixed arrays in China are optimal near latitude − 5° to latitude + 5°)',
    unverified: true,
  },
} as const satisfies Record<string, SourcedValue>;

/** PVWatts mounting → pvlib SAPM cell-temperature parameter set (King et al. 2004, SAND2004-3535). */
export const MOUNTING_TEMPERATURE_SET = {
  open_rack: 'open_rack_glass_polymer',
  close_mount: 'close_mount_glass_glass',
  roof: 'insulated_back_glass_polymer',
} as const;

export type Mounting = keyof typeof MOUNTING_TEMPERATURE_SET;
