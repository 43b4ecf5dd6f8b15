/**
 * The hourly PV yield chain of PVWatts v5 with pvlib's models: plane-of-array irradiance by the
 * Perez 1990 transposition (beam and circumsolar removed while the terrain hides the sun, the
 * isotropic sky scaled by the sky view factor) → cover loss (physical IAM, beam only) → SAPM cell
 * temperature → PVWatts DC → system losses → PVWatts inverter with clipping.
 *
 * The answer carries a loss waterfall whose stages add up exactly: nominal energy (plane-of-array
 * irradiation × rated power with an open horizon) minus each loss gives the AC energy.
 *
 * References: Dobos 2014, PVWatts Version 5 Manual, NREL/TP-6A20-62641; Perez et al. 1990, Solar
 * Energy 44(5); King et al. 2004, SAND2004-3535 (SAPM temperature); De Soto et al. 2006 (IAM).
 */
import { ModelInputError } from '../core/errors.ts';
import { perez, getGroundDiffuse, aoi as angleOfIncidence, isotropic } from './irradiance.ts';
import { iamPhysical } from './iam.ts';
import { sapmCell, TEMPERATURE_MODEL_PARAMETERS } from './temperature.ts';
import { pvwattsDC, pvwattsInverterEfficiency, PVWATTS_MODULE_TYPES } from './pvwatts.ts';
import { MOUNTING_TEMPERATURE_SET, type Mounting } from './pv-params.ts';
import type { SkyHours } from './sky-hours.ts';

export type ModuleType = keyof typeof PVWATTS_MODULE_TYPES;

export interface PvSystem {
  /** Rated DC power of the array, kW (STC). */
  kw_dc: number;
  /** Degrees from horizontal. */
  surface_tilt: number;
  /** Degrees from north, eastward (180 = south), as pvlib. */
  surface_azimuth: number;
  module_type: ModuleType;
  mounting: Mounting;
  /** Total system losses, % (PVWatts: soiling, shading, mismatch, wiring … combined). */
  losses_pct: number;
  dc_ac_ratio: number;
  /** Nominal inverter efficiency, fraction. */
  eta_inv_nom: number;
  /** Ground reflectance, fraction. */
  albedo: number;
  /** Extra DC energy from the rear side of bifacial modules, % of the front's effective irradiance. */
  bifacial_gain_pct: number;
}

export type LossStage = 'horizon' | 'iam' | 'bifacial' | 'temperature' | 'system' | 'inverter' | 'clipping';

export interface LossRow {
  stage: LossStage;
  /** Energy lost at this stage, kWh/yr (negative = a gain). */
  kwh: number;
  /** The same as a percentage of the nominal energy. */
  pct_of_nominal: number;
}

export interface PvHourly {
  /** Plane-of-array global irradiance, W/m². */
  poa_global: Float64Array;
  /** Irradiance reaching the cells after the cover loss (and bifacial gain), W/m². */
  poa_effective: Float64Array;
  temp_cell_c: Float64Array;
  p_dc_w: Float64Array;
  p_ac_w: Float64Array;
}

export interface PvResult {
  annual_kwh: number;
  /** By local calendar month, January first. */
  monthly_kwh: number[];
  specific_yield_kwh_per_kwp: number;
  /** Annual energy per kW_dc over 8,760 h (reference §4: kWh/kW / 87.6). */
  capacity_factor_pct: number;
  /** AC energy / (plane-of-array irradiation × rated power / 1 kW/m²). */
  performance_ratio: number;
  ghi_kwh_per_m2_yr: number;
  poa_kwh_per_m2_yr: number;
  /** Nominal energy: open-horizon plane-of-array irradiation × rated power, kWh/yr. */
  nominal_kwh: number;
  losses: LossRow[];
  hourly?: PvHourly;
}

class PvSystemError extends ModelInputError {}

function checkSystem(s: PvSystem): void {
  const bad: string[] = [];
  if (!(s.kw_dc > 0 && Number.isFinite(s.kw_dc))) bad.push('kw_dc must be a positive number');
  if (!(s.surface_tilt >= 0 && s.surface_tilt <= 90)) bad.push('surface_tilt must be within 0–90°');
  if (!(s.surface_azimuth >= 0 && s.surface_azimuth <= 360)) bad.push('surface_azimuth must be within 0–360°');
  if (!(s.losses_pct >= 0 && s.losses_pct < 100)) bad.push('losses_pct must be within 0–100 %');
  if (!(s.dc_ac_ratio >= 0.5 && s.dc_ac_ratio <= 3)) bad.push('dc_ac_ratio must be within 0.5–3');
  if (!(s.eta_inv_nom > 0.5 && s.eta_inv_nom <= 1)) bad.push('eta_inv_nom must be within 0.5–1');
  if (!(s.albedo >= 0 && s.albedo <= 1)) bad.push('albedo must be within 0–1');
  if (!(s.bifacial_gain_pct >= 0 && s.bifacial_gain_pct <= 30)) bad.push('bifacial_gain_pct must be within 0–30 %');
  if (!(s.module_type in PVWATTS_MODULE_TYPES)) bad.push(`module_type must be one of ${Object.keys(PVWATTS_MODULE_TYPES).join(', ')}`);
  if (!(s.mounting in MOUNTING_TEMPERATURE_SET)) bad.push(`mounting must be one of ${Object.keys(MOUNTING_TEMPERATURE_SET).join(', ')}`);
  if (bad.length) {
    throw new PvSystemError({ code: 'invalid_pv_system', title: 'Invalid PV system', detail: bad.join('; '), extensions: { problems: bad }, zh: { title: '光伏系统参数无效', detail: `参数有误：${bad.join('；')}` } });
  }
}

/** Plane-of-array irradiance of one hour, W/m², split as the waterfall needs it. */
export interface PoaHour {
  /** Beam on the plane, after the terrain horizon. */
  beam: number;
  /** Sky diffuse (Perez) after the terrain horizon. */
  sky: number;
  ground: number;
  /** Beam + sky with an open horizon (for the horizon loss). */
  open_beam_sky: number;
  /** Angle of incidence of the beam, degrees. */
  aoi: number;
}

/** Perez plane-of-array irradiance of hour `i` on a plane; writes into `out`. */
export function poaHour(sky: SkyHours, i: number, tilt: number, azimuth: number, albedo: number, out: PoaHour): PoaHour {
  const dni = sky.dni[i];
  const dhi = sky.dhi[i];
  const zen = sky.zenith[i];
  const theta = angleOfIncidence(tilt, azimuth, zen, sky.azimuth[i]);
  out.aoi = theta;
  out.ground = getGroundDiffuse(tilt, sky.ghi[i], albedo);
  if (zen >= 90 || !(sky.airmass[i] > 0)) {
    // Sun below the horizon at mid-interval: only the diffuse the weather reports, isotropic.
    const iso = dhi > 0 ? isotropic(tilt, dhi) : 0;
    out.beam = 0;
    out.sky = iso * sky.sky_view_factor;
    out.open_beam_sky = iso;
    return out;
  }
  const beamOpen = dni * Math.max(0, Math.cos((theta * Math.PI) / 180));
  const c = perez(tilt, azimuth, dhi, dni, sky.dni_extra[i], zen, sky.azimuth[i], sky.airmass[i], 'allsitescomposite1990', true);
  out.open_beam_sky = beamOpen + c.sky_diffuse;
  const hidden = sky.sun_behind_terrain[i] === 1;
  out.beam = hidden ? 0 : beamOpen;
  out.sky = (hidden ? 0 : c.circumsolar) + c.isotropic * sky.sky_view_factor + c.horizon;
  return out;
}

/** Run the chain over every hour of `sky` for `system`; `hourly` keeps the hour-by-hour series. */
export function simulatePv(sky: SkyHours, system: PvSystem, opts: { hourly?: boolean } = {}): PvResult {
  checkSystem(system);
  const pdc0_w = system.kw_dc * 1000;
  const gamma = PVWATTS_MODULE_TYPES[system.module_type].gamma_pdc;
  const t = TEMPERATURE_MODEL_PARAMETERS.sapm[MOUNTING_TEMPERATURE_SET[system.mounting]];
  const pac0_w = pdc0_w / system.dc_ac_ratio;
  const pdc0_inverter_w = pac0_w / system.eta_inv_nom;
  const lossFactor = 1 - system.losses_pct / 100;
  const bifacial = system.bifacial_gain_pct / 100;
  const hourly: PvHourly | undefined = opts.hourly
    ? { poa_global: new Float64Array(sky.n), poa_effective: new Float64Array(sky.n), temp_cell_c: new Float64Array(sky.n), p_dc_w: new Float64Array(sky.n), p_ac_w: new Float64Array(sky.n) }
    : undefined;
  const monthly = new Array<number>(12).fill(0);
  // Wh sums of each stage (per W of rating where the stage is irradiance).
  let openPoa = 0, poa = 0, iamLoss = 0, bifacialGain = 0, dc25 = 0, dc = 0, dcNet = 0, acUnclipped = 0, ac = 0, ghi = 0;
  const p: PoaHour = { beam: 0, sky: 0, ground: 0, open_beam_sky: 0, aoi: 0 };
  for (let i = 0; i < sky.n; i++) {
    ghi += sky.ghi[i];
    if (sky.ghi[i] > 0 || sky.dni[i] > 0 || sky.dhi[i] > 0) poaHour(sky, i, system.surface_tilt, system.surface_azimuth, system.albedo, p);
    else { p.beam = 0; p.sky = 0; p.ground = 0; p.open_beam_sky = 0; }
    const global = p.beam + p.sky + p.ground;
    openPoa += p.open_beam_sky + p.ground;
    poa += global;
    const beamIam = p.beam > 0 ? p.beam * iamPhysical(p.aoi) : 0;
    iamLoss += p.beam - beamIam;
    const front = beamIam + p.sky + p.ground;
    const effective = front * (1 + bifacial);
    bifacialGain += front * bifacial;
    const tCell = sapmCell(global, sky.temp_air_c[i], sky.wind_speed_10m[i], t.a, t.b, t.deltaT);
    const pdc = effective > 0 ? Math.max(0, pvwattsDC(effective, tCell, pdc0_w, gamma)) : 0;
    dc25 += (effective / 1000) * pdc0_w;
    dc += pdc;
    const net = pdc * lossFactor;
    dcNet += net;
    // Below ~0.6 % load the CEC curve's efficiency turns negative: the inverter then gives 0, as pvlib's.
    const unclipped = net > 0 ? Math.max(0, pvwattsInverterEfficiency(net, pdc0_inverter_w, system.eta_inv_nom) * net) : 0;
    const pac = Math.min(unclipped, pac0_w);
    acUnclipped += unclipped;
    ac += pac;
    monthly[sky.month[i]] += pac / 1000;
    if (hourly) {
      hourly.poa_global[i] = global;
      hourly.poa_effective[i] = effective;
      hourly.temp_cell_c[i] = tCell;
      hourly.p_dc_w[i] = pdc;
      hourly.p_ac_w[i] = pac;
    }
  }
  const kwhOf = (irradiance_wh_per_m2: number) => (irradiance_wh_per_m2 / 1000) * system.kw_dc;
  const nominal_kwh = kwhOf(openPoa);
  const rows: [LossStage, number][] = [
    ['horizon', kwhOf(openPoa - poa)],
    ['iam', kwhOf(iamLoss)],
    ['bifacial', -kwhOf(bifacialGain)],
    ['temperature', (dc25 - dc) / 1000],
    ['system', (dc - dcNet) / 1000],
    ['inverter', (dcNet - acUnclipped) / 1000],
    ['clipping', (acUnclipped - ac) / 1000],
  ];
  const annual_kwh = ac / 1000;
  const poa_kwh_per_m2_yr = poa / 1000;
  return {
    annual_kwh,
    monthly_kwh: monthly,
    specific_yield_kwh_per_kwp: annual_kwh / system.kw_dc,
    capacity_factor_pct: annual_kwh / system.kw_dc / 87.6,
    performance_ratio: poa_kwh_per_m2_yr > 0 ? annual_kwh / (poa_kwh_per_m2_yr * system.kw_dc) : 0,
    ghi_kwh_per_m2_yr: ghi / 1000,
    poa_kwh_per_m2_yr,
    nominal_kwh,
    losses: rows.map(([stage, kwh]) => ({ stage, kwh, pct_of_nominal: nominal_kwh > 0 ? (100 * kwh) / nominal_kwh : 0 })),
    ...(hourly ? { hourly } : {}),
  };
}
