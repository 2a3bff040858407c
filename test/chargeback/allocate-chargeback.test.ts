import { describe, expect, it } from 'vitest';
import {
  allocateChargeback,
  allocateChargebackMonths,
  chargebackMonths,
} from '../../src/chargeback/allocate-chargeback.ts';
import type { ChargebackStatement } from '../../src/chargeback/chargeback-statement.ts';
import { groupByDepartment } from '../../src/chargeback/group-by-department.ts';
import { PICO_PER_CENT, PICO_PER_USD, roundPicoUsdToCents } from '../../src/model/money.ts';
import { makeChargebackConfig, makeChargebackUsage } from '../helpers/make-chargeback.ts';

const USD = PICO_PER_USD;
const CENT = PICO_PER_CENT;
const noWeights = (): number[] => [];

const COST_CENTERS = {
  'CC-1': { name: 'Search', department: 'Product' },
  'CC-2': { name: 'Ads', department: 'Product' },
  'CC-3': { name: 'Lab', department: 'Research' },
};
const RULES = [
  { costCenter: 'CC-1', match: { team: 'search' } },
  { costCenter: 'CC-2', match: { team: 'ads' } },
  { costCenter: 'CC-3', match: { project: 'lab-*' } },
];

function amounts(statement: ChargebackStatement): Record<string, [string, string, string, string]> {
  const dollars = (pico: bigint): string => (Number(pico / CENT) / 100).toFixed(2);
  return Object.fromEntries(
    statement.rows.map((row) => [
      row.costCenter,
      [
        dollars(row.directPico),
        dollars(row.sharedPico),
        dollars(row.adjustmentsPico),
        dollars(row.totalPico),
      ],
    ]),
  );
}

describe('allocateChargeback: direct spend', () => {
  it('charges each cost center its matched usage and keeps the rest in Unallocated', () => {
    const statement = allocateChargeback({
      period: '2026-10',
      chargeback: makeChargebackConfig({ costCenters: COST_CENTERS, rules: RULES }),
      usage: [
        makeChargebackUsage(100n * USD, { team: 'search' }),
        makeChargebackUsage(50n * USD, { team: 'ads', project: 'lab-x' }),
        makeChargebackUsage(20n * USD, { project: 'lab-y' }),
        makeChargebackUsage(7n * USD, { team: 'unknown' }),
      ],
      weighTokenClasses: noWeights,
    });
    expect(amounts(statement)).toEqual({
      'CC-1': ['100.00', '0.00', '0.00', '100.00'],
      'CC-2': ['50.00', '0.00', '0.00', '50.00'],
      'CC-3': ['20.00', '0.00', '0.00', '20.00'],
      Unallocated: ['7.00', '0.00', '0.00', '7.00'],
    });
    expect(statement.totals.totalPico).toBe(177n * USD);
    expect(statement.totals.usagePico).toBe(177n * USD);
  });

  it('rounds the cost centers together so their cents add up to the usage total', () => {
    // Three cost centers at $0.335 each: plain rounding gives 3 × $0.34 = $1.02 for $1.005 → $1.01.
    const third = (335n * CENT) / 10n;
    const statement = allocateChargeback({
      period: '2026-10',
      chargeback: makeChargebackConfig({ costCenters: COST_CENTERS, rules: RULES }),
      usage: [
        makeChargebackUsage(third, { team: 'search' }),
        makeChargebackUsage(third, { team: 'ads' }),
        makeChargebackUsage(third, { project: 'lab-1' }),
      ],
      weighTokenClasses: noWeights,
    });
    expect(statement.rows.map((row) => row.directPico / CENT)).toEqual([34n, 34n, 33n]);
    expect(statement.totals.directPico).toBe(roundPicoUsdToCents(3n * third) * CENT);
  });

  it('rolls cost centers up to departments', () => {
    const statement = allocateChargeback({
      period: '2026-10',
      chargeback: makeChargebackConfig({ costCenters: COST_CENTERS, rules: RULES }),
      usage: [
        makeChargebackUsage(10n * USD, { team: 'search' }),
        makeChargebackUsage(5n * USD, { team: 'ads' }),
        makeChargebackUsage(1n * USD, {}),
      ],
      weighTokenClasses: noWeights,
    });
    expect(
      groupByDepartment(statement.rows).map((row) => [row.department, row.costCenters, row.totalPico / USD]),
    ).toEqual([
      ['Product', ['CC-1', 'CC-2'], 15n],
      ['Research', ['CC-3'], 0n],
      ['Unallocated', ['Unallocated'], 1n],
    ]);
  });
});

describe('allocateChargeback: shared pools', () => {
  const usage = [
    makeChargebackUsage(300n * USD, { team: 'search' }),
    makeChargebackUsage(100n * USD, { team: 'ads' }),
    makeChargebackUsage(40n * USD, { team: 'search', tags: { purpose: 'eval' } }),
    makeChargebackUsage(10n * USD, {}),
  ];

  it('splits a fixed amount in proportion to direct spend, a tag pool evenly and Unallocated by weights', () => {
    const statement = allocateChargeback({
      period: '2026-10',
      chargeback: makeChargebackConfig({
        costCenters: COST_CENTERS,
        rules: RULES,
        pools: [
          { name: 'platform', amount: 100, method: 'proportional', costCenters: ['CC-1', 'CC-2'] },
          { name: 'evals', match: { 'tag:purpose': 'eval' }, method: 'even' },
          { name: 'untagged', from: 'unallocated', method: 'fixed', weights: { 'CC-1': 1, 'CC-3': 4 } },
        ],
      }),
      usage,
      weighTokenClasses: noWeights,
    });
    expect(
      statement.pools.map((pool) => [pool.name, pool.source, pool.method, pool.amountPico / CENT]),
    ).toEqual([
      ['platform', 'amount', 'proportional', 10000n],
      ['evals', 'usage', 'even', 4000n],
      ['untagged', 'unallocated', 'fixed', 1000n],
    ]);
    expect(statement.pools.map((pool) => pool.shares.map((share) => share.amountPico / CENT))).toEqual([
      [7500n, 2500n],
      [1334n, 1333n, 1333n],
      [200n, 800n],
    ]);
    expect(amounts(statement)).toEqual({
      'CC-1': ['300.00', '90.34', '0.00', '390.34'],
      'CC-2': ['100.00', '38.33', '0.00', '138.33'],
      'CC-3': ['0.00', '21.33', '0.00', '21.33'],
    });
    // Usage taken into pools is still usage: direct + usage pools = every record's cost.
    expect(statement.totals.usagePico).toBe(450n * USD);
    expect(statement.totals.directPico).toBe(400n * USD);
  });

  it('falls back to an even split, and says so, when no cost center has direct spend', () => {
    const statement = allocateChargeback({
      period: '2026-10',
      chargeback: makeChargebackConfig({
        costCenters: COST_CENTERS,
        pools: [{ name: 'platform', amount: '0.10', method: 'proportional' }],
      }),
      usage: [],
      weighTokenClasses: noWeights,
    });
    expect(statement.pools[0]).toMatchObject({
      method: 'even',
      note: 'proportional asked, but none of its cost centers has direct spend: split evenly',
    });
    expect(statement.pools[0]?.shares.map((share) => share.amountPico / CENT)).toEqual([4n, 3n, 3n]);
  });
});

describe('allocateChargeback: adjustments', () => {
  const config = (adjustments: unknown[]) =>
    makeChargebackConfig({ costCenters: COST_CENTERS, rules: RULES, adjustments });
  const usage = [
    makeChargebackUsage(1000n * USD, { team: 'search' }),
    makeChargebackUsage(200n * USD, { team: 'ads' }),
    makeChargebackUsage(9n * USD, {}),
  ];

  it('applies usage-based lines to allocated spend, then credits, then prepaid, then tax', () => {
    const statement = allocateChargeback({
      period: '2026-10',
      chargeback: config([
        { kind: 'tax', percent: 10 },
        { kind: 'credit', amount: 50, costCenters: ['CC-1'] },
        { kind: 'markup', percent: 5 },
        { kind: 'discount', percent: 10, costCenters: ['CC-2'] },
      ]),
      usage,
      weighTokenClasses: noWeights,
    });
    expect(
      statement.rows[0]?.adjustments.map((line) => [line.kind, line.basePico / CENT, line.amountPico / CENT]),
    ).toEqual([
      ['markup', 100000n, 5000n],
      ['credit', 105000n, -5000n],
      ['tax', 100000n, 10000n],
    ]);
    expect(amounts(statement)).toEqual({
      'CC-1': ['1000.00', '0.00', '100.00', '1100.00'],
      // 200 + 10 markup - 20 discount = 190, tax 19.
      'CC-2': ['200.00', '0.00', '9.00', '209.00'],
      'CC-3': ['0.00', '0.00', '0.00', '0.00'],
      // Unallocated spend is never adjusted.
      Unallocated: ['9.00', '0.00', '0.00', '9.00'],
    });
  });

  it('charges marginal volume bands', () => {
    const statement = allocateChargeback({
      period: '2026-10',
      chargeback: config([
        {
          kind: 'tiered',
          bands: [{ upTo: 100, percent: 10 }, { upTo: 500, percent: 5 }, { percent: -1 }],
        },
      ]),
      usage,
      weighTokenClasses: noWeights,
    });
    // CC-1 $1000: 10% of 100 + 5% of 400 - 1% of 500 = 10 + 20 - 5 = 25; CC-2 $200: 10 + 5 = 15.
    expect(statement.rows.slice(0, 3).map((row) => row.adjustmentsPico / USD)).toEqual([25n, 15n, 0n]);
    expect(statement.rows[0]?.adjustments[0]?.method).toBe('10% up to 100 USD, 5% up to 500 USD, -1% above');
  });

  it('shares a global credit in proportion to charges, never below zero, and reports what was unused', () => {
    const statement = allocateChargeback({
      period: '2026-10',
      chargeback: config([{ kind: 'credit', amount: 2000, label: 'Launch credit' }]),
      usage,
      weighTokenClasses: noWeights,
    });
    expect(statement.rows.slice(0, 3).map((row) => row.totalPico)).toEqual([0n, 0n, 0n]);
    expect(statement.balances).toEqual([
      {
        index: 0,
        kind: 'credit',
        label: 'Launch credit',
        availablePico: 2000n * USD,
        appliedPico: 1200n * USD,
        remainingPico: 800n * USD,
      },
    ]);
  });

  it('applies a credit for one month only in that month', () => {
    const chargeback = config([{ kind: 'credit', amount: 10, period: '2026-09' }]);
    const statement = allocateChargeback({
      period: '2026-10',
      chargeback,
      usage,
      weighTokenClasses: noWeights,
    });
    expect(statement.totals.adjustmentsPico).toBe(0n);
    expect(statement.balances).toEqual([]);
  });

  it('draws a prepaid balance down month by month', () => {
    const chargeback = config([{ kind: 'prepaid', balance: 1500, since: '2026-09', costCenters: ['CC-1'] }]);
    expect(chargebackMonths(chargeback, '2026-11')).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(chargebackMonths(chargeback, '2026-08')).toEqual(['2026-08']);
    const month = (period: string) => ({ period, usage });
    const november = allocateChargebackMonths(
      [month('2026-09'), month('2026-10'), month('2026-11')],
      chargeback,
      noWeights,
    );
    // $1000 drawn in September, $500 in October, nothing left in November.
    expect(november.balances).toEqual([
      expect.objectContaining({ availablePico: 0n, appliedPico: 0n, remainingPico: 0n }),
    ]);
    const october = allocateChargebackMonths([month('2026-09'), month('2026-10')], chargeback, noWeights);
    expect(october.rows[0]?.adjustmentsPico).toBe(-500n * USD);
    expect(october.prepaidClosing).toEqual(new Map([[0, 0n]]));
    const august = allocateChargebackMonths([month('2026-08')], chargeback, noWeights);
    expect(august.totals.adjustmentsPico).toBe(0n);
  });
});
