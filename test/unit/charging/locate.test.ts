import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { locateCommand } from '../../../data-pipeline/commands/locate.ts';

// 6 clients on a line at 0…5 km (weights 10,1,1,1,1,30), facilities A 0, B 2, C 4, D 5 km; cost = distance
const COSTS = 'test/fixtures/charging/od-costs.csv';
const WEIGHTS = 'test/fixtures/charging/od-weights.csv';
const quiet = () => {};

describe('tantu locate (no database)', () => {
  it('MCLP: the site covering most weight within the radius, exact and greedy; fixed sites are kept', async () => {
    const one = await locateCommand(['--problem', 'mclp', '--costs', COSTS, '--weights', WEIGHTS, '--radius', '1', '--p', '1'], quiet);
    expect(one.chosen).toEqual(['C']);
    expect(one.covered_weight).toBe(32);
    expect(one.method).toBe('exact');
    expect(one.solver).toMatch(/HiGHS/);
    const two = await locateCommand(['--problem', 'mclp', '--costs', COSTS, '--weights', WEIGHTS, '--radius', '1', '--p', '2', '--greedy'], quiet);
    expect(two.method).toBe('lazy-greedy');
    expect(two.chosen).toEqual(['C', 'A']);
    expect(two.covered_weight).toBe(43);
    expect(two.coverage_pct_weight).toBeCloseTo((100 * 43) / 44, 9);
    expect(two.covered_count).toBe(5);
    const fixed = await locateCommand(['--problem', 'mclp', '--costs', COSTS, '--weights', WEIGHTS, '--radius', '1', '--p', '1', '--fixed', 'A'], quiet);
    expect(fixed.chosen).toEqual(['C']);
    expect(fixed.covered_weight).toBe(43);
  });

  it('LSCP: the fewest sites covering everyone; p-median: the p sites of least weighted cost', async () => {
    const l = await locateCommand(['--problem', 'lscp', '--costs', COSTS, '--radius', '1'], quiet);
    expect(l.chosen.slice().sort()).toEqual(['A', 'B', 'C']);
    expect(l.coverage_pct_count).toBe(100);
    const pm = await locateCommand(['--problem', 'pmedian', '--costs', COSTS, '--weights', WEIGHTS, '--p', '2'], quiet);
    expect(pm.chosen.slice().sort()).toEqual(['A', 'D']);
    expect(pm.mean_weighted_cost).toBeCloseTo(6 / 44, 12);
  });

  it('runs from the CLI with --json and refuses bad input with a message', () => {
    const run = (args: string[]) => spawnSync('npx', ['tsx', 'data-pipeline/cli.ts', 'locate', ...args], { encoding: 'utf8' });
    const r = run(['--problem', 'mclp', '--costs', COSTS, '--weights', WEIGHTS, '--radius', '1', '--p', '2', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.chosen.slice().sort()).toEqual(['A', 'C']);
    expect(out.covered_weight).toBe(43);
    const text = run(['--problem', 'lscp', '--costs', COSTS, '--radius', '1']);
    expect(text.stdout).toMatch(/covered: 6 of 6 clients \(100\.00 % by count\)/);
    const bad = run(['--problem', 'mclp', '--costs', COSTS]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--radius R is required/);
    const none = run(['--problem', 'pmedian', '--costs', 'no-such.csv']);
    expect(none.stderr).toMatch(/cannot read costs file/);
  }, 240_000); // four tsx start-ups: slow on a shared machine
});
