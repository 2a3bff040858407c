import { describe, expect, it } from 'vitest';
import { allocateChargeback } from '../../src/chargeback/allocate-chargeback.ts';
import { PICO_PER_CENT, roundPicoUsdToCents } from '../../src/model/money.ts';
import { seededRandom } from '../helpers/seeded-random.ts';
import { makeChargebackConfig, makeChargebackUsage } from '../helpers/make-chargeback.ts';

const CENT = PICO_PER_CENT;

const sum = (values: readonly bigint[]): bigint => values.reduce((total, value) => total + value, 0n);
const TEAMS = ['a', 'b', 'c', 'd', 'e', 'f'];
const CENTERS = ['CC-1', 'CC-2', 'CC-3', 'CC-4', 'CC-5'];

describe('allocateChargeback invariants (300 random periods)', () => {
  it('splits every pool exactly, rows add up to totals, and usage adds up to its rounded cost', () => {
    const random = seededRandom(9);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    for (let round = 0; round < 300; round++) {
      const methods = ['proportional', 'even', 'fixed'] as const;
      const pool = (name: string, source: Record<string, unknown>) => {
        const method = pick(methods);
        return method === 'fixed'
          ? { name, ...source, method, weights: { 'CC-1': Math.floor(random() * 5), 'CC-4': 1 + random() } }
          : { name, ...source, method };
      };
      const chargeback = makeChargebackConfig({
        costCenters: Object.fromEntries(CENTERS.map((id) => [id, { department: pick(['X', 'Y']) }])),
        rules: TEAMS.slice(0, 5).map((team) => ({ costCenter: pick(CENTERS), match: { team } })),
        pools: [
          pool('fixed', { amount: (random() * 5000).toFixed(6) }),
          pool('tagged', { match: { 'tag:kind': 'shared' } }),
          pool('rest', { from: 'unallocated' }),
        ],
        adjustments: [
          { kind: 'markup', percent: Number((random() * 20).toFixed(3)) },
          { kind: 'discount', percent: Number((random() * 20).toFixed(3)), costCenters: ['CC-2', 'CC-3'] },
          { kind: 'tiered', bands: [{ upTo: 50, percent: 3 }, { percent: -2 }] },
          { kind: 'credit', amount: (random() * 100).toFixed(2) },
          { kind: 'tax', percent: 19 },
        ],
      });
      const usage = Array.from({ length: Math.floor(random() * 40) }, () =>
        makeChargebackUsage(
          BigInt(Math.floor(random() * 1e14)),
          { team: pick(TEAMS), tags: random() < 0.2 ? { kind: 'shared' } : {} },
          { totals: { inputTokens: Math.floor(random() * 1e6), outputTokens: Math.floor(random() * 1e5) } },
        ),
      );
      const statement = allocateChargeback({
        period: '2026-10',
        chargeback,
        usage,
        weighTokenClasses: () => [random() * 1e9, 0, 0, 0, random() * 1e9, 0],
      });

      for (const allocation of statement.pools) {
        expect(sum(allocation.shares.map((share) => share.amountPico))).toBe(allocation.amountPico);
        expect(allocation.amountPico % CENT).toBe(0n);
      }
      for (const row of statement.rows) {
        expect(row.totalPico).toBe(row.directPico + row.sharedPico + row.adjustmentsPico);
        for (const amount of [row.directPico, row.sharedPico, row.adjustmentsPico])
          expect(amount % CENT).toBe(0n);
      }
      const { totals } = statement;
      expect(totals.totalPico).toBe(sum(statement.rows.map((row) => row.totalPico)));
      expect(totals.directPico).toBe(sum(statement.rows.map((row) => row.directPico)));
      expect(totals.sharedPico).toBe(sum(statement.pools.map((allocation) => allocation.amountPico)));
      const usagePools = statement.pools.filter((allocation) => allocation.source !== 'amount');
      const usageCost = sum(usage.map((group) => group.totals.costPico));
      expect(totals.directPico + sum(usagePools.map((allocation) => allocation.amountPico))).toBe(
        roundPicoUsdToCents(usageCost) * CENT,
      );
      expect(totals.usagePico).toBe(roundPicoUsdToCents(usageCost) * CENT);
      expect(sum(statement.detail.map((line) => line.costPico))).toBe(totals.usagePico);
    }
  });
});
