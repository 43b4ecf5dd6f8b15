/**
 * The carbon model's uncertain parameters: multipliers on the shipped tables that the parcel
 * analysis samples with the Monte Carlo of layers/core/monte-carlo.ts (P5/P50/P95 of stock and
 * sink, and which parameters dominate). The names are the keys of `CarbonFactors`
 * (stand-carbon.ts); a missing factor is 1.
 */
import type { UncertainParam } from '../core/monte-carlo.ts';

/** Multipliers sampled by the Monte Carlo (central value 1 = the tables as given). */
export const PARCEL_UNCERTAINTY: readonly UncertainParam[] = [
  { name: 'stand.svd', distribution: { dist: 'triangular', min: 0.9, mode: 1, max: 1.1 }, source: 'tantu assumption: basic wood density ±10 %', unverified: true },
  { name: 'stand.bef', distribution: { dist: 'triangular', min: 0.8, mode: 1, max: 1.2 }, source: 'tantu assumption: BEF ±20 %', unverified: true },
  { name: 'stand.root_shoot', distribution: { dist: 'triangular', min: 0.7, mode: 1, max: 1.3 }, source: 'tantu assumption: root:shoot ±30 %', unverified: true },
  { name: 'stand.cf', distribution: { dist: 'triangular', min: 0.95, mode: 1, max: 1.05 }, source: 'tantu assumption: carbon fraction ±5 % (0.47–0.52 spread of IPCC vs Chinese values)', unverified: true },
  { name: 'growth.increment', distribution: { dist: 'triangular', min: 0.6, mode: 1, max: 1.3 }, source: 'tantu assumption: growth curves are placeholders, increment −40 %/+30 %', unverified: true },
  { name: 'pools.biomass', distribution: { dist: 'triangular', min: 0.7, mode: 1, max: 1.3 }, source: 'tantu assumption: class-default biomass ±30 %', unverified: true },
  { name: 'pools.soil', distribution: { dist: 'triangular', min: 0.6, mode: 1, max: 1.4 }, source: 'tantu assumption: soil organic carbon ±40 %', unverified: true },
  { name: 'pools.dead', distribution: { dist: 'triangular', min: 0.5, mode: 1, max: 1.5 }, source: 'tantu assumption: dead organic matter ±50 %', unverified: true },
  { name: 'bamboo.biomass', distribution: { dist: 'triangular', min: 0.5, mode: 1, max: 1.21 }, source: 'bamboo biomass 35–85 t C/ha around the 70 t C/ha default (bamboo.ts range), as multipliers', unverified: true },
  { name: 'bamboo.sink', distribution: { dist: 'triangular', min: 0.556, mode: 1, max: 1.741 }, source: 'managed bamboo net gain 0.30–0.94 around 0.54 t C/ha/yr (bamboo.ts range), as multipliers', unverified: true },
  { name: 'wetland.burial', distribution: { dist: 'triangular', min: 0.25, mode: 1, max: 3 }, source: 'tantu assumption: burial rates ×0.25–×3 (Chinese lakes range 0.014–2.6 around 0.22 t C/ha/yr is wider still)', unverified: true },
];
