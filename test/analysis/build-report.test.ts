import { describe, expect, it } from 'vitest';
import { buildReport, type UsageSlice } from '../../src/analysis/build-report.ts';
import {
  accumulateTotals,
  createTotalsAccumulator,
  ZERO_TOTALS,
  type UsageTotals,
} from '../../src/model/usage-totals.ts';

const HOUR = 3_600_000;
const day1 = Date.UTC(2026, 9, 1);

function slice(hourOffset: number, model: string, costPico: bigint, inputTokens = 100): UsageSlice {
  const totals: UsageTotals = { ...ZERO_TOTALS, records: 1, requests: 1, inputTokens, costPico };
  return { sliceStartMs: day1 + hourOffset * HOUR, groupValues: [model], totals };
}

const slices = [
  slice(1, 'gpt-4o', 300n),
  slice(2, 'gpt-4o', 200n),
  slice(3, 'o3', 900n),
  slice(25, 'gpt-4.1-mini', 10n),
  slice(26, 'o3', 5n),
  slice(27, 'claude-haiku-4-5', 1n),
];

const STAMP = { hash: 'sha256:0', pricingVersions: [], sources: 0 };

describe('buildReport', () => {
  it('buckets hourly slices into days and sorts by cost within a day', () => {
    const report = buildReport(slices, [], {
      costMode: 'list',
      currency: 'USD',
      exchange: null,
      stamp: STAMP,
      by: 'day',
      timeZone: 'UTC',
      groupBy: ['model'],
      top: null,
    });
    expect(report.rows.map((row) => [row.period.label, row.group[0], row.totals.costPico])).toEqual([
      ['2026-10-01', 'o3', 900n],
      ['2026-10-01', 'gpt-4o', 500n],
      ['2026-10-02', 'gpt-4.1-mini', 10n],
      ['2026-10-02', 'o3', 5n],
      ['2026-10-02', 'claude-haiku-4-5', 1n],
    ]);
  });

  it.each([
    ['day', null],
    ['none', 1],
    ['month', 2],
    ['hour', 1],
  ] as const)('totals equal the sum of rows (by %s, top %s)', (by, top) => {
    const report = buildReport(slices, [], {
      costMode: 'list',
      currency: 'USD',
      exchange: null,
      stamp: STAMP,
      by,
      timeZone: 'Europe/Berlin',
      groupBy: ['model'],
      top,
    });
    const summed = createTotalsAccumulator();
    report.rows.forEach((row) => {
      accumulateTotals(summed, row.totals);
    });
    expect(summed).toEqual(report.totals);
    expect(report.totals.costPico).toBe(1416n);
  });

  it('keeps the top N groups by total cost and sums the rest into (other)', () => {
    const report = buildReport(slices, [], {
      costMode: 'list',
      currency: 'USD',
      exchange: null,
      stamp: STAMP,
      by: 'none',
      timeZone: 'UTC',
      groupBy: ['model'],
      top: 2,
    });
    expect(report.rows.map((row) => [row.isOther, row.group[0], row.totals.costPico])).toEqual([
      [false, 'o3', 905n],
      [false, 'gpt-4o', 500n],
      [true, null, 11n],
    ]);
  });

  it('yields no rows for no usage', () => {
    const report = buildReport([], [], {
      costMode: 'list',
      currency: 'USD',
      exchange: null,
      stamp: STAMP,
      by: 'day',
      timeZone: 'UTC',
      groupBy: [],
      top: null,
    });
    expect(report.rows).toEqual([]);
    expect(report.totals).toEqual(ZERO_TOTALS);
  });
});
