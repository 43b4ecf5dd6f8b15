/**
 * Solar position by the NREL Solar Position Algorithm (SPA), the full algorithm ported from the
 * paper: I. Reda & A. Andreas, "Solar Position Algorithm for Solar Radiation Applications",
 * NREL/TP-560-34302 (revised January 2008), §3.1–3.15 and Appendix A.1–A.2; uncertainty
 * ±0.0003° for the years −2000..6000. Steps: Julian day → ΔT → heliocentric L, B, R from the
 * periodic terms (spa-terms.ts) → geocentric Θ, β → nutation Δψ, Δε → true obliquity ε →
 * aberration Δτ → apparent sun longitude λ → apparent sidereal time ν → geocentric α, δ →
 * observer hour angle H → parallax (ξ, Δα) → topocentric α′, δ′, H′ → elevation e0 →
 * refraction Δe → zenith θ, azimuth Φ; equation of time (A.1); sunrise, transit, sunset (A.2).
 *
 * Conventions (as pvlib's `spa_python`): angles in degrees; latitude north positive, longitude
 * east positive; azimuth measured from north, eastward; `apparent_*` include refraction,
 * `zenith`/`elevation` do not. ΔUT1 is taken as 0 (UT1 = UTC to < 0.9 s).
 * No npm package implements the full SPA (suncalc uses a low-accuracy series, ~0.1°–1°).
 */
import { ModelInputError } from '../core/errors.ts';
import { B_TERMS, L_TERMS, NUTATION_ABCD, NUTATION_Y, R_TERMS, type PeriodicTerm } from './spa-terms.ts';

/** Bad input to the solar-position functions (non-finite time, latitude outside ±90°, …). */
export class SolarPositionInputError extends ModelInputError {}

/** Observer and atmosphere. */
export interface SolarPositionOptions {
  /** Observer elevation above sea level, m (default 0). */
  elevation_m?: number;
  /** Annual mean local air pressure, Pa (default 101325); used for refraction only. */
  pressure_pa?: number;
  /** Annual mean local air temperature, °C (default 12); used for refraction only. */
  temperature_c?: number;
  /** ΔT = TT − UT1, s; when absent, `deltaT(year, month)` of each time. */
  delta_t_s?: number;
  /** Atmospheric refraction at sunrise/sunset, degrees (default 0.5667). */
  atmos_refract_deg?: number;
}

/** Solar position at one time; all angles in degrees. */
export interface SolarPosition {
  /** Topocentric zenith angle without refraction, degrees. */
  zenith: number;
  /** Topocentric zenith angle with refraction, degrees. */
  apparent_zenith: number;
  /** Topocentric elevation angle without refraction, degrees. */
  elevation: number;
  /** Topocentric elevation angle with refraction, degrees. */
  apparent_elevation: number;
  /** Topocentric azimuth, degrees from north, eastward (0..360). */
  azimuth: number;
  /** Equation of time (apparent minus mean solar time), minutes. */
  equation_of_time_min: number;
}

/** Every intermediate quantity of the SPA at one time (names follow the paper). */
export interface SpaIntermediate extends SolarPosition {
  /** Julian day (UT), days. */ jd: number;
  /** Julian ephemeris day (TT), days. */ jde: number;
  /** Julian ephemeris century from J2000.0. */ jce: number;
  /** Julian ephemeris millennium from J2000.0. */ jme: number;
  /** ΔT used, s. */ delta_t_s: number;
  /** Heliocentric longitude L, degrees (0..360). */ L: number;
  /** Heliocentric latitude B, degrees. */ B: number;
  /** Earth radius vector R, AU. */ R: number;
  /** Nutation in longitude Δψ, degrees. */ delta_psi: number;
  /** Nutation in obliquity Δε, degrees. */ delta_epsilon: number;
  /** True obliquity of the ecliptic ε, degrees. */ epsilon: number;
  /** Apparent sun longitude λ, degrees. */ lambda: number;
  /** Apparent sidereal time at Greenwich ν, degrees. */ nu: number;
  /** Geocentric sun right ascension α, degrees (0..360). */ alpha: number;
  /** Geocentric sun declination δ, degrees. */ delta: number;
  /** Observer local hour angle H, degrees (0..360). */ H: number;
  /** Topocentric sun right ascension α′, degrees. */ alpha_prime: number;
  /** Topocentric sun declination δ′, degrees. */ delta_prime: number;
  /** Topocentric local hour angle H′, degrees. */ H_prime: number;
  /** Topocentric astronomers' azimuth Γ (from south, westward), degrees (0..360). */ azimuth_astronomical: number;
}

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;
const SUN_RADIUS_DEG = 0.26667;
const MS_PER_DAY = 86_400_000;
const JD_UNIX_EPOCH = 2440587.5;
const J2000 = 2451545;

/** One series L_i, B_i or R_i: the constant rows (C = 0) summed once, the others flat [A, B, C, …]. */
interface FlatSeries { constant: number; terms: Float64Array }
const flat = (series: readonly (readonly PeriodicTerm[])[]): FlatSeries[] => series.map((rows) => ({
  constant: rows.filter((r) => r[2] === 0).reduce((sum, [a, b]) => sum + a * Math.cos(b), 0),
  terms: Float64Array.from(rows.filter((r) => r[2] !== 0).flat()),
}));
const L_FLAT = flat(L_TERMS);
const B_FLAT = flat(B_TERMS);
const R_FLAT = flat(R_TERMS);
const NUT_ABCD = Float64Array.from(NUTATION_ABCD.flat());
const NUT_Y = Float64Array.from(NUTATION_Y.flat());
const NUT_ROWS = NUTATION_Y.length;
/** Scratch: cos, sin of k·X_j for k = −2..3, j = 0..4 (12 numbers per j). */
const EXP = new Float64Array(60);
/** Scratch: the nutation arguments X0..X4, degrees. */
const X = new Float64Array(5);

const wrap360 = (deg: number): number => {
  const r = deg % 360;
  return r < 0 ? r + 360 : r;
};
const wrap01 = (x: number): number => x - Math.floor(x);

/** Σ_i (Σ_rows A·cos(B + C·JME))·JME^i / 1e8 (paper eq. 9–11). */
function earthSeries(tables: FlatSeries[], jme: number): number {
  let total = 0;
  let power = 1;
  for (const { constant, terms: t } of tables) {
    let s = constant;
    for (let k = 0; k < t.length; k += 3) s += t[k]! * Math.cos(t[k + 1]! + t[k + 2]! * jme);
    total += s * power;
    power *= jme;
  }
  return total / 1e8;
}

/** Time-dependent, site-independent quantities (paper §3.1–3.8); one scratch object, reused. */
interface Geocentric {
  jd: number; jde: number; jc: number; jce: number; jme: number; delta_t_s: number;
  L: number; B: number; R: number; delta_psi: number; delta_epsilon: number; epsilon: number;
  lambda: number; nu: number; alpha: number; delta: number; eot_min: number;
}

const newGeocentric = (): Geocentric => ({
  jd: 0, jde: 0, jc: 0, jce: 0, jme: 0, delta_t_s: 0, L: 0, B: 0, R: 0, delta_psi: 0, delta_epsilon: 0,
  epsilon: 0, lambda: 0, nu: 0, alpha: 0, delta: 0, eot_min: 0,
});

/** Fills `g` for Julian day `jd` (UT) and ΔT `delta_t_s` (s). */
function geocentric(jd: number, delta_t_s: number, g: Geocentric): void {
  const jde = jd + delta_t_s / 86400;
  const jc = (jd - J2000) / 36525;
  const jce = (jde - J2000) / 36525;
  const jme = jce / 10;
  const L = wrap360(earthSeries(L_FLAT, jme) * DEG);
  const B = earthSeries(B_FLAT, jme) * DEG;
  const R = earthSeries(R_FLAT, jme);
  const theta = wrap360(L + 180);
  const beta = -B;
  // Nutation arguments X0..X4 (eq. 15–19), degrees.
  const jce2 = jce * jce;
  const jce3 = jce2 * jce;
  const x0 = 297.85036 + 445267.11148 * jce - 0.0019142 * jce2 + jce3 / 189474;
  const x1 = 357.52772 + 35999.05034 * jce - 0.0001603 * jce2 - jce3 / 300000;
  const x2 = 134.96298 + 477198.867398 * jce + 0.0086972 * jce2 + jce3 / 56250;
  const x3 = 93.27191 + 483202.017538 * jce - 0.0036825 * jce2 + jce3 / 327270;
  const x4 = 125.04452 - 1934.136261 * jce + 0.0020708 * jce2 + jce3 / 450000;
  // Each argument Σ X_j·Y_ij (Y_ij in −2..3) as a product of e^{i·k·X_j}: 10 trig calls, not 126.
  X[0] = x0; X[1] = x1; X[2] = x2; X[3] = x3; X[4] = x4;
  for (let j = 0; j < 5; j++) {
    const c = Math.cos(X[j]! * RAD);
    const sn = Math.sin(X[j]! * RAD);
    const b = j * 12 + 4; // slot of k = 0 in the row of X_j (k = −2..3 → slots b − 4 .. b + 6)
    EXP[b] = 1; EXP[b + 1] = 0;
    EXP[b + 2] = c; EXP[b + 3] = sn;
    EXP[b + 4] = c * c - sn * sn; EXP[b + 5] = 2 * c * sn;
    EXP[b + 6] = EXP[b + 4]! * c - EXP[b + 5]! * sn; EXP[b + 7] = EXP[b + 4]! * sn + EXP[b + 5]! * c;
    EXP[b - 2] = c; EXP[b - 1] = -sn;
    EXP[b - 4] = EXP[b + 4]!; EXP[b - 3] = -EXP[b + 5]!;
  }
  let dPsi = 0;
  let dEps = 0;
  for (let i = 0; i < NUT_ROWS; i++) {
    let re = 1;
    let im = 0;
    for (let j = 0; j < 5; j++) {
      const k = NUT_Y[i * 5 + j]!;
      if (k === 0) continue;
      const e = j * 12 + 4 + 2 * k;
      const r2 = re * EXP[e]! - im * EXP[e + 1]!;
      im = re * EXP[e + 1]! + im * EXP[e]!;
      re = r2;
    }
    const a = i * 4;
    dPsi += (NUT_ABCD[a]! + NUT_ABCD[a + 1]! * jce) * im;
    dEps += (NUT_ABCD[a + 2]! + NUT_ABCD[a + 3]! * jce) * re;
  }
  const delta_psi = dPsi / 36e6;
  const delta_epsilon = dEps / 36e6;
  // Mean obliquity (eq. 24), arcseconds, U = JME/10.
  const u = jme / 10;
  const eps0 = 84381.448 + u * (-4680.93 + u * (-1.55 + u * (1999.25 + u * (-51.38 + u * (-249.67 +
    u * (-39.05 + u * (7.12 + u * (27.87 + u * (5.79 + u * 2.45)))))))));
  const epsilon = eps0 / 3600 + delta_epsilon;
  const lambda = theta + delta_psi - 20.4898 / (3600 * R);
  const nu0 = wrap360(280.46061837 + 360.98564736629 * (jd - J2000) + jc * jc * (0.000387933 - jc / 38710000));
  const epsR = epsilon * RAD;
  const nu = nu0 + delta_psi * Math.cos(epsR);
  const lamR = lambda * RAD;
  const betaR = beta * RAD;
  const alpha = wrap360(Math.atan2(Math.sin(lamR) * Math.cos(epsR) - Math.tan(betaR) * Math.sin(epsR), Math.cos(lamR)) * DEG);
  const delta = Math.asin(Math.sin(betaR) * Math.cos(epsR) + Math.cos(betaR) * Math.sin(epsR) * Math.sin(lamR)) * DEG;
  // Equation of time (A.1): sun mean longitude M, degrees; E limited to ±20 min.
  const M = wrap360(280.4664567 + jme * (360007.6982779 + jme * (0.03032028 + jme * (1 / 49931 + jme * (-1 / 15300 - jme / 2e6)))));
  let eot = 4 * (M - 0.0057183 - alpha + delta_psi * Math.cos(epsR));
  eot %= 1440;
  if (eot > 20) eot -= 1440;
  else if (eot < -20) eot += 1440;
  g.jd = jd; g.jde = jde; g.jc = jc; g.jce = jce; g.jme = jme; g.delta_t_s = delta_t_s;
  g.L = L; g.B = B; g.R = R; g.delta_psi = delta_psi; g.delta_epsilon = delta_epsilon; g.epsilon = epsilon;
  g.lambda = lambda; g.nu = nu; g.alpha = alpha; g.delta = delta; g.eot_min = eot;
}

/** Site constants (paper §3.9–3.13): reused for every time of a series. */
interface Site {
  latitude: number; longitude: number; sinLat: number; cosLat: number; x: number; y: number;
  pressure_mbar: number; temperature_c: number; atmos_refract_deg: number; delta_t_s: number | undefined;
}

function site(latitude: number, longitude: number, opts: SolarPositionOptions): Site {
  const elevation_m = opts.elevation_m ?? 0;
  const pressure_pa = opts.pressure_pa ?? 101325;
  const temperature_c = opts.temperature_c ?? 12;
  const atmos_refract_deg = opts.atmos_refract_deg ?? 0.5667;
  const checks: [string, number, boolean][] = [
    ['latitude', latitude, Math.abs(latitude) <= 90],
    ['longitude', longitude, Math.abs(longitude) <= 180],
    ['elevation_m', elevation_m, elevation_m > -7000],
    ['pressure_pa', pressure_pa, pressure_pa >= 0],
    ['temperature_c', temperature_c, temperature_c > -273.15],
    ['atmos_refract_deg', atmos_refract_deg, Math.abs(atmos_refract_deg) < 5],
  ];
  if (opts.delta_t_s !== undefined) checks.push(['delta_t_s', opts.delta_t_s, Math.abs(opts.delta_t_s) < 1e6]);
  for (const [name, value, ok] of checks) {
    if (!Number.isFinite(value) || !ok) {
      throw new SolarPositionInputError({ code: 'solar_position_input', title: 'Invalid solar-position input',
        detail: `${name} = ${value} is out of range`, extensions: { [name]: value }, zh: { title: '太阳位置输入无效', detail: `${name} = ${value} 超出范围` } });
    }
  }
  const latR = latitude * RAD;
  const uR = Math.atan(0.99664719 * Math.tan(latR));
  return {
    latitude, longitude, sinLat: Math.sin(latR), cosLat: Math.cos(latR),
    x: Math.cos(uR) + (elevation_m / 6378140) * Math.cos(latR),
    y: 0.99664719 * Math.sin(uR) + (elevation_m / 6378140) * Math.sin(latR),
    pressure_mbar: pressure_pa / 100, temperature_c, atmos_refract_deg, delta_t_s: opts.delta_t_s,
  };
}

/** Topocentric quantities (paper §3.9–3.15); one scratch object, reused. */
interface Topocentric {
  H: number; alpha_prime: number; delta_prime: number; H_prime: number; elevation: number; apparent_elevation: number;
  zenith: number; apparent_zenith: number; azimuth_astronomical: number; azimuth: number;
}

const newTopocentric = (): Topocentric => ({
  H: 0, alpha_prime: 0, delta_prime: 0, H_prime: 0, elevation: 0, apparent_elevation: 0, zenith: 0,
  apparent_zenith: 0, azimuth_astronomical: 0, azimuth: 0,
});

function topocentric(g: Geocentric, s: Site, t: Topocentric): void {
  const H = wrap360(g.nu + s.longitude - g.alpha);
  const HR = H * RAD;
  const deltaR = g.delta * RAD;
  const sinXi = Math.sin((8.794 / (3600 * g.R)) * RAD);
  const denom = Math.cos(deltaR) - s.x * sinXi * Math.cos(HR);
  const dAlphaR = Math.atan2(-s.x * sinXi * Math.sin(HR), denom);
  const deltaPrimeR = Math.atan2((Math.sin(deltaR) - s.y * sinXi) * Math.cos(dAlphaR), denom);
  const HPrimeR = HR - dAlphaR;
  const sinDp = Math.sin(deltaPrimeR);
  const cosDp = Math.cos(deltaPrimeR);
  const cosHp = Math.cos(HPrimeR);
  const e0 = Math.asin(s.sinLat * sinDp + s.cosLat * cosDp * cosHp) * DEG;
  const de = e0 >= -(SUN_RADIUS_DEG + s.atmos_refract_deg)
    ? (s.pressure_mbar / 1010) * (283 / (273 + s.temperature_c)) * (1.02 / (60 * Math.tan((e0 + 10.3 / (e0 + 5.11)) * RAD)))
    : 0;
  const gamma = wrap360(Math.atan2(Math.sin(HPrimeR), cosHp * s.sinLat - (sinDp / cosDp) * s.cosLat) * DEG);
  t.H = H; t.alpha_prime = g.alpha + dAlphaR * DEG; t.delta_prime = deltaPrimeR * DEG; t.H_prime = HPrimeR * DEG;
  t.elevation = e0; t.apparent_elevation = e0 + de; t.zenith = 90 - e0; t.apparent_zenith = 90 - e0 - de;
  t.azimuth_astronomical = gamma; t.azimuth = wrap360(gamma + 180);
}

/**
 * ΔT = TT − UT1 in seconds for a year and month, by the polynomials of Espenak & Meeus (NASA,
 * "Polynomial expressions for Delta T", eclipse.gsfc.nasa.gov/SEcat5/deltatpoly.html), as
 * pvlib's `calculate_deltat`; y = year + (month − 0.5)/12. Beyond 2050 it is an extrapolation.
 * @param year calendar year (astronomical numbering), @param month 1..12
 */
export function deltaT(year: number, month: number): number {
  const y = year + (month - 0.5) / 12;
  const longTerm = -20 + 32 * ((y - 1820) / 100) ** 2;
  if (year < -500) return longTerm;
  if (year < 500) {
    const u = y / 100;
    return 10583.6 + u * (-1014.41 + u * (33.78311 + u * (-5.952053 + u * (-0.1798452 + u * (0.022174192 + u * 0.0090316521)))));
  }
  if (year < 1600) {
    const u = (y - 1000) / 100;
    return 1574.2 + u * (-556.01 + u * (71.23472 + u * (0.319781 + u * (-0.8503463 + u * (-0.005050998 + u * 0.0083572073)))));
  }
  if (year < 1700) {
    const t = y - 1600;
    return 120 - 0.9808 * t - 0.01532 * t ** 2 + t ** 3 / 7129;
  }
  if (year < 1800) {
    const t = y - 1700;
    return 8.83 + 0.1603 * t - 0.0059285 * t ** 2 + 0.00013336 * t ** 3 - t ** 4 / 1174000;
  }
  if (year < 1860) {
    const t = y - 1800;
    return 13.72 + t * (-0.332447 + t * (0.0068612 + t * (0.0041116 + t * (-0.00037436 + t * (0.0000121272 + t * (-0.0000001699 + t * 0.000000000875))))));
  }
  if (year < 1900) {
    const t = y - 1860;
    return 7.6 + 0.5737 * t - 0.251754 * t ** 2 + 0.01680668 * t ** 3 - 0.0004473624 * t ** 4 + t ** 5 / 233174;
  }
  if (year < 1920) {
    const t = y - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (year < 1941) {
    const t = y - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (year < 1961) {
    const t = y - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (year < 1986) {
    const t = y - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (year < 2005) {
    const t = y - 2000;
    return 63.86 + t * (0.3345 + t * (-0.060374 + t * (0.0017275 + t * (0.000651814 + t * 0.00002373599))));
  }
  if (year < 2050) {
    const t = y - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  if (year < 2150) return longTerm - 0.5628 * (2150 - y);
  return longTerm;
}

/** ΔT for a Unix time in ms: the given value, or `deltaT` of its UTC year and month (no allocation). */
function deltaTAt(time_ms: number, given: number | undefined): number {
  if (given !== undefined) return given;
  // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil inverse).
  const z = Math.floor(time_ms / MS_PER_DAY) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return deltaT(yoe + era * 400 + (month <= 2 ? 1 : 0), month);
}

function checkTime(time_ms: number): void {
  if (!Number.isFinite(time_ms)) {
    throw new SolarPositionInputError({ code: 'solar_position_input', title: 'Invalid solar-position input',
      detail: `time ${time_ms} is not a valid instant`, extensions: { time_ms }, zh: { title: '太阳位置输入无效', detail: `时间 ${time_ms} 不是有效时刻` } });
  }
}

/**
 * Every SPA intermediate (L, B, R, Δψ, Δε, ε, ν, α, δ, H, α′, δ′, H′, Γ …) at one time, for tests
 * and diagnostics; `solarPosition` returns the public subset of the same numbers.
 * @param time instant (UTC), @param latitude degrees north, @param longitude degrees east
 */
export function spaIntermediate(time: Date, latitude: number, longitude: number, opts: SolarPositionOptions = {}): SpaIntermediate {
  const ms = time.getTime();
  checkTime(ms);
  const s = site(latitude, longitude, opts);
  const g = newGeocentric();
  const t = newTopocentric();
  geocentric(ms / MS_PER_DAY + JD_UNIX_EPOCH, deltaTAt(ms, s.delta_t_s), g);
  topocentric(g, s, t);
  const { jc: _jc, eot_min, ...geo } = g;
  return { ...geo, ...t, equation_of_time_min: eot_min };
}

/**
 * Topocentric solar position (NREL SPA) at `time`.
 * @param time instant (UTC)
 * @param latitude observer latitude, degrees north
 * @param longitude observer longitude, degrees east
 * @param opts elevation (m), pressure (Pa), temperature (°C), ΔT (s), refraction at the horizon (degrees)
 * @returns zenith, apparent_zenith, elevation, apparent_elevation, azimuth (degrees, from north eastward),
 *   equation_of_time_min (minutes)
 */
export function solarPosition(time: Date, latitude: number, longitude: number, opts: SolarPositionOptions = {}): SolarPosition {
  const r = spaIntermediate(time, latitude, longitude, opts);
  return { zenith: r.zenith, apparent_zenith: r.apparent_zenith, elevation: r.elevation,
    apparent_elevation: r.apparent_elevation, azimuth: r.azimuth, equation_of_time_min: r.equation_of_time_min };
}

/** `solarPosition` over many times: one Float64Array per field, index-aligned with `time_ms`. */
export interface SolarPositionSeries {
  zenith: Float64Array; apparent_zenith: Float64Array; elevation: Float64Array; apparent_elevation: Float64Array;
  azimuth: Float64Array; equation_of_time_min: Float64Array;
}

/**
 * The SPA for a series of instants at one site: the same numbers as `solarPosition`, with the site
 * terms computed once and no allocation per time.
 * @param time_ms Unix times, ms (UTC)
 * @param latitude degrees north, @param longitude degrees east, @param opts as `solarPosition`
 */
export function solarPositionSeries(time_ms: Float64Array, latitude: number, longitude: number, opts: SolarPositionOptions = {}): SolarPositionSeries {
  const s = site(latitude, longitude, opts);
  const n = time_ms.length;
  const out: SolarPositionSeries = {
    zenith: new Float64Array(n), apparent_zenith: new Float64Array(n), elevation: new Float64Array(n),
    apparent_elevation: new Float64Array(n), azimuth: new Float64Array(n), equation_of_time_min: new Float64Array(n),
  };
  const g = newGeocentric();
  const t = newTopocentric();
  for (let i = 0; i < n; i++) {
    const ms = time_ms[i]!;
    checkTime(ms);
    geocentric(ms / MS_PER_DAY + JD_UNIX_EPOCH, deltaTAt(ms, s.delta_t_s), g);
    topocentric(g, s, t);
    out.zenith[i] = t.zenith; out.apparent_zenith[i] = t.apparent_zenith; out.elevation[i] = t.elevation;
    out.apparent_elevation[i] = t.apparent_elevation; out.azimuth[i] = t.azimuth; out.equation_of_time_min[i] = g.eot_min;
  }
  return out;
}

/** Sunrise, sun transit and sunset of one day. */
export interface SunRiseSetTransit {
  /** Sunrise (upper limb at the horizon with refraction), or null in polar day/night. */
  sunrise: Date | null;
  /** Sunset, or null in polar day/night. */
  sunset: Date | null;
  /** Sun transit (local solar noon). */
  transit: Date;
}

/**
 * Sunrise, transit and sunset by SPA Appendix A.2 (geocentric α, δ at 0 TT of the day before, the
 * day and the day after, interpolated; h0′ = −(0.26667° + refraction)).
 * The day is the calendar date of `date` in the zone UTC + `utc_offset_h` (default 0, i.e. the
 * UTC date). As the paper, each event's local clock time is the day fraction computed from 0 UT of
 * that date, wrapped into 0–24 h local time; it is returned as an instant on that local date.
 * @param date any instant of the wanted day
 * @param latitude degrees north, @param longitude degrees east
 * @param opts ΔT (s), atmos_refract_deg (degrees, default 0.5667), utc_offset_h (hours east of UTC)
 */
export function sunRiseSetTransit(
  date: Date, latitude: number, longitude: number,
  opts: { delta_t_s?: number; atmos_refract_deg?: number; utc_offset_h?: number } = {},
): SunRiseSetTransit {
  const offset_h = opts.utc_offset_h ?? 0;
  const ms = date.getTime();
  checkTime(ms);
  if (!Number.isFinite(offset_h) || Math.abs(offset_h) > 14) {
    throw new SolarPositionInputError({ code: 'solar_position_input', title: 'Invalid solar-position input',
      detail: `utc_offset_h = ${offset_h} is outside ±14 h`, extensions: { utc_offset_h: offset_h }, zh: { title: '太阳位置输入无效', detail: `utc_offset_h = ${offset_h} 超出 ±14 小时` } });
  }
  const s = site(latitude, longitude, opts);
  const local = new Date(ms + offset_h * 3_600_000);
  const midnight_ms = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const jd0 = midnight_ms / MS_PER_DAY + JD_UNIX_EPOCH;
  const dt = deltaTAt(midnight_ms, s.delta_t_s);
  const g = newGeocentric();
  geocentric(jd0, dt, g);
  const nu = g.nu;
  const alpha: number[] = [];
  const delta: number[] = [];
  for (let k = -1; k <= 1; k++) {
    geocentric(jd0 + k, 0, g);
    alpha.push(g.alpha);
    delta.push(g.delta);
  }
  const h0Prime = -(SUN_RADIUS_DEG + s.atmos_refract_deg);
  const m0 = (alpha[1]! - longitude - nu) / 360;
  const cosH0 = (Math.sin(h0Prime * RAD) - s.sinLat * Math.sin(delta[1]! * RAD)) / (s.cosLat * Math.cos(delta[1]! * RAD));
  const H0 = Math.abs(cosH0) <= 1 ? Math.acos(cosH0) * DEG : 0;
  const m = [wrap01(m0), wrap01(m0 - H0 / 360), wrap01(m0 + H0 / 360)];
  const limit = (d: number): number => (Math.abs(d) >= 2 ? wrap01(d) : d);
  const a = limit(alpha[1]! - alpha[0]!);
  const b = limit(alpha[2]! - alpha[1]!);
  const ap = limit(delta[1]! - delta[0]!);
  const bp = limit(delta[2]! - delta[1]!);
  const dayFraction = m.map((mi, i) => {
    const n = mi + dt / 86400;
    const alphaI = alpha[1]! + (n * (a + b + (b - a) * n)) / 2;
    const deltaI = (delta[1]! + (n * (ap + bp + (bp - ap) * n)) / 2) * RAD;
    let Hp = wrap360(nu + 360.985647 * mi + longitude - alphaI);
    if (Hp > 180) Hp -= 360;
    if (i === 0) return mi - Hp / 360;
    const h = Math.asin(s.sinLat * Math.sin(deltaI) + s.cosLat * Math.cos(deltaI) * Math.cos(Hp * RAD)) * DEG;
    return mi + (h - h0Prime) / (360 * Math.cos(deltaI) * s.cosLat * Math.sin(Hp * RAD));
  });
  const at = (fraction: number): Date => new Date(midnight_ms + (wrap01(fraction + offset_h / 24) * 24 - offset_h) * 3_600_000);
  const polar = Math.abs(cosH0) > 1;
  return { sunrise: polar ? null : at(dayFraction[1]!), sunset: polar ? null : at(dayFraction[2]!), transit: at(dayFraction[0]!) };
}
