/**
 * HiGHS (Huangfu & Hall, "Parallelizing the dual revised simplex method", Math. Prog. Comp. 10,
 * 2018; branch and cut for MIP) through the `highs` npm package (WebAssembly, single-threaded),
 * loaded once on first use, as an LpSolver for location.ts.
 */
import type { LpSolver } from './location.ts';

let loading: Promise<LpSolver> | undefined;

/** The HiGHS solver (loaded lazily; the WebAssembly module is ~3 MB). */
export function highsSolver(): Promise<LpSolver> {
  loading ??= import('highs').then(async (mod) => {
    const load = (mod as unknown as { default: () => Promise<{ solve: LpSolver['solve'] }> }).default;
    const highs = await load();
    return { name: 'HiGHS (branch and cut, highs npm package)', solve: (lp, options) => highs.solve(lp, options) };
  });
  return loading;
}
