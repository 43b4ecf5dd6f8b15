/**
 * Exceedance levels of an annual energy estimate: the P75 / P90 a bank asks for, from the P50 and
 * the 1 σ spread of annual energy (interannual variability, % of P50), for a normal distribution
 * as PVsyst, PVGIS and wind resource assessments state them. One-sided standard normal quantiles:
 * z(0.75) = 0.6744897501960817, z(0.90) = 1.2815515655446004.
 */
export function exceedance(p50_kwh: number, sigma_pct: number): { p50_kwh: number; p75_kwh: number; p90_kwh: number; interannual_variability_pct: number } {
  const s = sigma_pct / 100;
  return {
    p50_kwh,
    p75_kwh: p50_kwh * (1 - 0.6744897501960817 * s),
    p90_kwh: p50_kwh * (1 - 1.2815515655446004 * s),
    interannual_variability_pct: sigma_pct,
  };
}
