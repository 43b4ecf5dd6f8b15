/** PV and wind siting: exclusion masks, criteria, AHP, suitability, zones, robustness (see README.md). */
export * from './ahp.ts';
export * from './rescale.ts';
export * from './masks.ts';
export * from './min-area.ts';
export * from './suitability.ts';
export * from './zones.ts';
export * from './robustness.ts';
export * from './rules.ts';
export * from './criteria.ts';
export * from './layers.ts';
export * from './errors.ts';
