import { describe, expect, it } from 'vitest';
import { buildReport, type UsageSlice } from '../../src/analysis/build-report.ts';
import {
  groupReportRows,
  rankTopGroups,
  sumRowsInto,
  type RowGrouping,
} from '../../src/analysis/group-report-rows.ts';
import { createTotalsAccumulator, ZERO_TOTALS, type UsageTotals } from '../../src/model/usage-totals.ts';

const HOUR = 3_600_000;
const day1 = Date.UTC(2026, 9, 1);

function slice(hourOffset: number, model: string, costPico: bigint, inputTokens = 100): UsageSlice {
  const totals: UsageTotals = { ...ZERO_TOTALS, records: 1, requests: 1, inputTokens, costPico };
  return { sliceStartMs: day1 + hourOffset * HOUR, groupValues: [model], totals };
}

/** Three days of hourly slices of four models, in slice order. */
const ordered = [0, 1, 2].flatMap((day) =>
  [1, 5, 9].flatMap((hour) =>
    ['gpt-4o', 'o3', 'claude-haiku-4-5', 'gpt-4.1-mini'].map((model, index) =>
      slice(day * 24 + hour, model, BigInt((day + 1) * (index + 2) * hour), 10 * index),
    ),
  ),
);

const byDay = (keptGroups: ReadonlySet<string> | null): RowGrouping => ({
  by: 'day',
  timeZone: 'UTC',
  groupBy: ['model'],
  keptGroups,
});
const reportOptions = (top: number | null) =>
  ({
    costMode: 'list',
    currency: 'USD',
    exchange: null,
    stamp: { hash: 'sha256:0', pricingVersions: [], sources: 0 },
    by: 'day',
    timeZone: 'UTC',
    groupBy: ['model'],
    top,
  }) as const;

describe('groupReportRows', () => {
  it("yields a period's rows once the next period's first slice is read, not after the last slice", () => {
    let read = 0;
    function* counted(): Generator<UsageSlice> {
      for (const each of ordered) {
        read += 1;
        yield each;
      }
    }
    const rows = groupReportRows(counted(), byDay(null));
    const first = rows.next();
    expect(first.value).toMatchObject({ period: { label: '2026-10-01' } });
    expect(read).toBe(ordered.length / 3 + 1);
  });

  it.each([null, 2])(
    'gives the rows of buildReport (top %s), which sorts the slices it gets first',
    (top) => {
      const shuffled = [...ordered].reverse();
      const keptGroups = top === null ? null : rankTopGroups(ordered, top);
      expect([...groupReportRows(ordered, byDay(keptGroups))]).toEqual(
        buildReport(shuffled, [], reportOptions(top)).rows,
      );
    },
  );

  it('keeps a group of empty values apart from the (other) row', () => {
    const twoDimensions = (values: [string, string], costPico: bigint): UsageSlice => ({
      ...slice(1, 'x', costPico),
      groupValues: values,
    });
    const slices = [twoDimensions(['', ''], 9n), twoDimensions(['a', 'b'], 1n)];
    const rows = groupReportRows(slices, {
      ...byDay(rankTopGroups(slices, 1)),
      groupBy: ['project', 'user'],
    });
    expect([...rows].map((row) => [row.group, row.isOther, row.totals.costPico])).toEqual([
      [['', ''], false, 9n],
      [[null, null], true, 1n],
    ]);
  });

  it('throws on a slice before the one read last (the store reads them in order)', () => {
    const rows = groupReportRows([slice(5, 'o3', 1n), slice(2, 'o3', 1n)], byDay(null));
    expect(() => [...rows]).toThrow(/slices out of order/);
  });
});

describe('rankTopGroups', () => {
  it('keeps the groups with the largest cost, ties broken by tokens then name', () => {
    const slices = [slice(1, 'a', 5n, 10), slice(2, 'b', 5n, 20), slice(3, 'c', 9n), slice(4, 'd', 5n, 20)];
    expect([...rankTopGroups(slices, 3)]).toEqual(['c', 'b', 'd']);
  });
});

describe('sumRowsInto', () => {
  it('sums the rows that pass into the totals: those of buildReport', () => {
    const totals = createTotalsAccumulator();
    const rows = [...sumRowsInto(groupReportRows(ordered, byDay(null)), totals)];
    expect(rows).toHaveLength(12);
    expect(totals).toEqual(buildReport(ordered, [], reportOptions(null)).totals);
  });
});
