import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../layers/core/random.ts';
import { dec, decString, fenToYuanString, mul, yuanToFen } from '../../../layers/ledger/decimal.ts';
import { formatSerial, mergeRanges, overlaps, parseSerial, quantityOf, splitTail, type SerialRange } from '../../../layers/ledger/serial.ts';
import { apportionFen, cyclePaymentFen, paymentSchedule, rateCnyPerMuYr, splitProceedsFen } from '../../../layers/ledger/payout.ts';
import { LEDGER_PARAMS, bufferSplit } from '../../../layers/ledger/params.ts';
import { checkInvariants, type BlockRow } from '../../../layers/ledger/invariants.ts';

describe('decimal', () => {
  it('parses and multiplies exactly', () => {
    expect(decString(mul('5425', '16.926', 3))).toBe('275470.65');
    expect(decString(mul(0.1, 0.2))).toBe('0.02');
    expect(decString(dec('1e-3'))).toBe('0.001');
    expect(yuanToFen('0.005')).toBe(1n);
    expect(yuanToFen('-0.005')).toBe(-1n);
    expect(fenToYuanString(27547065n)).toBe('275470.65');
    expect(fenToYuanString(5n)).toBe('0.05');
    expect(() => dec('1,000')).toThrow(/not a decimal/);
  });
});

describe('serial blocks', () => {
  const b: SerialRange = { project: 'AJ2021', vintage: 2024, first: 1, last: 100 };
  it('formats and parses the documented serial', () => {
    expect(formatSerial(b)).toBe('ZJ-TANTU-AJ2021-2024-1-100');
    expect(parseSerial('ZJ-TANTU-AJ2021-2024-1-100')).toEqual(b);
    expect(() => parseSerial('ZJ-TANTU-aj-2024-1-100')).toThrow();
    expect(() => formatSerial({ ...b, first: 5, last: 4 })).toThrow(/first ≤ last/);
  });
  it('split moves the tail and keeps every serial in exactly one block', () => {
    const { head, tail } = splitTail(b, 60);
    expect(head).toEqual({ ...b, last: 40 });
    expect(tail).toEqual({ ...b, first: 41, last: 100 });
    expect(quantityOf(head!) + quantityOf(tail)).toBe(100);
    expect(overlaps([head!, tail])).toEqual([]);
    expect(splitTail(b, 100)).toEqual({ head: null, tail: b });
    expect(() => splitTail(b, 101)).toThrow(/exceeds/);
    expect(() => splitTail(b, 0)).toThrow();
    expect(() => splitTail(b, 1.5)).toThrow();
  });
  it('merge joins touching ranges of the same key and refuses overlaps', () => {
    const { head, tail } = splitTail(b, 30);
    const again = splitTail(tail, 10);
    expect(mergeRanges([again.tail, head!, again.head!])).toEqual([b]);
    const keyed = [{ ...head!, k: 'a' }, { ...tail, k: 'b' }];
    expect(mergeRanges(keyed, (r) => r.k)).toHaveLength(2);
    expect(() => mergeRanges([b, { ...b, first: 100, last: 120 }])).toThrow(/overlap/);
    expect(overlaps([b, { ...b, first: 50, last: 60 }, { ...b, vintage: 2025 }])).toHaveLength(1);
  });
  it('random splits never lose or duplicate a serial', () => {
    const rnd = mulberry32(7);
    let blocks: SerialRange[] = [{ project: 'P1', vintage: 2030, first: 1, last: 10_000 }];
    for (let i = 0; i < 500; i++) {
      const j = Math.floor(rnd() * blocks.length);
      const q = 1 + Math.floor(rnd() * quantityOf(blocks[j]));
      const { head, tail } = splitTail(blocks[j], q);
      blocks = [...blocks.slice(0, j), ...(head ? [head] : []), tail, ...blocks.slice(j + 1)];
    }
    expect(blocks.reduce((s, r) => s + quantityOf(r), 0)).toBe(10_000);
    expect(overlaps(blocks)).toEqual([]);
    expect(mergeRanges(blocks)).toEqual([{ project: 'P1', vintage: 2030, first: 1, last: 10_000 }]);
  });
});

describe('payouts to the fen', () => {
  it('largest remainder: parts sum to the total and each is within 1 fen of its exact share (property)', () => {
    const rnd = mulberry32(2024);
    for (let t = 0; t < 2000; t++) {
      const n = 1 + Math.floor(rnd() * 12);
      const total = BigInt(Math.floor(rnd() * 1e9));
      const weights = Array.from({ length: n }, (_, i) => ({ key: i, weight: (Math.floor(rnd() * 1e6) / 1e3).toFixed(3) }));
      if (weights.every((w) => Number(w.weight) === 0)) weights[0].weight = '1';
      const parts = apportionFen(total, weights);
      expect(parts.reduce((s, p) => s + p.fen, 0n)).toBe(total);
      for (const p of parts) {
        // |fen·den − num| < den  ⇔  |fen − exact| < 1
        const diff = p.fen * p.exact.den - p.exact.num;
        expect(diff < p.exact.den && -diff < p.exact.den).toBe(true);
      }
    }
  });
  it('ties go to the earlier party; zero weights get nothing', () => {
    expect(apportionFen(100, [{ key: 'a', weight: 1 }, { key: 'b', weight: 1 }, { key: 'c', weight: 1 }]).map((p) => p.fen)).toEqual([34n, 33n, 33n]);
    expect(apportionFen(1, [{ key: 'a', weight: 0 }, { key: 'b', weight: 2 }]).map((p) => p.fen)).toEqual([0n, 1n]);
    expect(() => apportionFen(1, [{ key: 'a', weight: 0 }])).toThrow(/zero/);
    expect(() => apportionFen(1, [{ key: 'a', weight: -1 }])).toThrow(/negative/);
  });
  it('reproduces the Anji 大里村 payment: 5,425 亩 × 16.926 元/亩/yr × 3 yr = 275,470.65 元', () => {
    const fixed = { kind: 'fixed', cny_per_mu_yr: LEDGER_PARAMS.cny_per_mu_yr.value, every_years: LEDGER_PARAMS.every_years.value } as const;
    expect(cyclePaymentFen(5425, fixed)).toBe(27_547_065n);
    const index = { kind: 'price_index', price_index_cny_per_t: LEDGER_PARAMS.price_index_cny_per_t.value, t_per_mu_yr: LEDGER_PARAMS.t_per_mu_yr.value, every_years: 3 } as const;
    expect(decString(rateCnyPerMuYr(index))).toBe('16.926');
    expect(fenToYuanString(cyclePaymentFen(5425, index))).toBe('275470.65');
    const schedule = paymentSchedule(5425, fixed, 2022, LEDGER_PARAMS.term_years.value);
    expect(schedule).toHaveLength(10);
    expect(schedule.every((p) => p.fen === 27_547_065n)).toBe(true);
    expect(schedule.map((p) => p.year)).toEqual([2022, 2025, 2028, 2031, 2034, 2037, 2040, 2043, 2046, 2049]);
    // A 31-year term ends with a one-year cycle.
    expect(paymentSchedule(5425, fixed, 2022, 31).at(-1)).toEqual({ cycle: 11, year: 2052, years: 1, fen: 9_182_355n });
  });
  it('the Anji sale: 2,000 t × 73.41 元/t with 80 % to villages by area', () => {
    const gross = mul(2000, LEDGER_PARAMS.sale_price_cny_per_t.value, 100);
    expect(decString(gross)).toBe('14682000');
    const parts = splitProceedsFen(14_682_000n, LEDGER_PARAMS.villages_share.value, [
      { party_id: 'dali', area_mu: 5425, share: 1 },
      { party_id: 'other', area_mu: 15967, share: 1 },
    ], 'coop');
    const by = Object.fromEntries(parts.map((p) => [p.key, p.fen]));
    expect(by.coop).toBe(2_936_400n); // 20 %
    expect(by.dali + by.other).toBe(11_745_600n); // 80 %
    expect(by.dali).toBe(2_978_678n); // 11,745,600 × 5,425 / 21,392 = 2,978,678.01…
    expect(by.coop + by.dali + by.other).toBe(14_682_000n);
  });
  it('households by area share under one contract, one line per party', () => {
    const parts = splitProceedsFen(100_00n, '0.7', [
      { party_id: 'village', area_mu: 10, share: '0.4' },
      { party_id: 'h1', area_mu: 10, share: '0.35' },
      { party_id: 'h2', area_mu: 10, share: '0.25' },
      { party_id: 'h1', area_mu: 5, share: '1' },
    ], 'coop');
    const by = Object.fromEntries(parts.map((p) => [p.key, p.fen]));
    expect(Object.keys(by).sort()).toEqual(['coop', 'h1', 'h2', 'village']);
    expect(by.coop).toBe(3000n);
    // 7000 fen over 15 亩: village 4 亩 → 1866.67, h1 3.5+5 亩 → 3966.67, h2 2.5 亩 → 1166.67
    expect([by.village, by.h1, by.h2]).toEqual([1867n, 3967n, 1166n]);
  });
});

describe('buffer and invariants', () => {
  it('withholds ⌈verified × fraction⌉ t', () => {
    expect(bufferSplit(1800, 0.1)).toEqual({ buffer_t: 180, issuable_t: 1620 });
    expect(bufferSplit(1801, 0.1)).toEqual({ buffer_t: 181, issuable_t: 1620 });
    expect(bufferSplit(0, 0.1)).toEqual({ buffer_t: 0, issuable_t: 0 });
    expect(LEDGER_PARAMS.buffer_fraction.source).toMatch(/Non-Permanence/);
  });
  it('balances per vintage and finds double serials and lost tonnes', () => {
    const blocks: BlockRow[] = [
      { project: 'P1', vintage: 2024, first: 1, last: 10, state: 'buffer' },
      { project: 'P1', vintage: 2024, first: 11, last: 60, state: 'held' },
      { project: 'P1', vintage: 2024, first: 61, last: 100, state: 'retired' },
    ];
    const ok = checkInvariants(blocks, new Map([['P1:2024', 100]]));
    expect(ok).toMatchObject([{ issued_t: 100, held_t: 50, retired_t: 40, buffer_t: 10, ok: true }]);
    const bad = checkInvariants([...blocks, { project: 'P1', vintage: 2024, first: 55, last: 70, state: 'pledged' }], new Map([['P1:2024', 100]]));
    expect(bad[0].ok).toBe(false);
    expect(bad[0].problems.join()).toMatch(/overlap/);
    expect(bad[0].problems.join()).toMatch(/issued 100 t ≠/);
    expect(checkInvariants(blocks.slice(1), new Map([['P1:2024', 100]]))[0].ok).toBe(false);
  });
});
