import { describe, expect, it } from 'vitest';
import { buildReport, type UsageSlice } from '../../src/analysis/build-report.ts';
import { compareReport, compareRowsInOrder, deltaPercent } from '../../src/analysis/compare-report.ts';
import { periodRange } from '../../src/analysis/period.ts';
import { ZERO_TOTALS } from '../../src/model/usage-totals.ts';

const DAY = 86_400_000;
const start = Date.UTC(2026, 9, 1);
const slice = (day: number, model: string, costPico: bigint): UsageSlice => ({
  sliceStartMs: start + day * DAY,
  groupValues: [model],
  totals: { ...ZERO_TOTALS, records: 1, costPico },
});
const options = (top: number | null = null) => ({
  costMode: 'list' as const,
  currency: 'USD',
  exchange: null,
  stamp: { hash: 'sha256:0', pricingVersions: [], sources: 0 },
  by: 'day' as const,
  timeZone: 'UTC',
  groupBy: ['model' as const],
  top,
});
// Day 0: a 100, b 50. Day 1: a 150, c 10 (b stopped). Day 2: a 150.
const all = [
  slice(0, 'a', 100n),
  slice(0, 'b', 50n),
  slice(1, 'a', 150n),
  slice(1, 'c', 10n),
  slice(2, 'a', 150n),
];
const shown = all.filter((s) => s.sliceStartMs >= start + DAY);

describe('compareReport', () => {
  it('compares each row with the same group in the previous period, and shows groups that stopped', () => {
    const report = compareReport(
      buildReport(shown, [], options()),
      buildReport(all, [], options()),
      { kind: 'previous' },
      false,
    );
    expect(
      report.rows.map((row) => [
        row.period.label,
        row.group[0],
        row.totals.costPico,
        row.baselineCostPico,
        row.hasBaseline,
      ]),
    ).toEqual([
      ['2026-10-02', 'a', 150n, 100n, true],
      ['2026-10-02', 'c', 10n, 0n, false],
      ['2026-10-02', 'b', 0n, 50n, true],
      ['2026-10-03', 'a', 150n, 150n, true],
      ['2026-10-03', 'c', 0n, 10n, true],
    ]);
    expect(report.comparison.totalBaselinePico).toBe(310n);
    expect(report.totals.costPico).toBe(310n);
  });

  it('with --top compares (other) with every baseline group not shown, and sorts by the change', () => {
    const report = compareReport(
      buildReport(shown, [], options(1)),
      buildReport(all, [], options()),
      { kind: 'previous' },
      true,
    );
    expect(
      report.rows.map((row) => [row.period.label, row.isOther, row.totals.costPico, row.baselineCostPico]),
    ).toEqual([
      ['2026-10-02', false, 150n, 100n],
      ['2026-10-02', true, 10n, 50n],
      ['2026-10-03', false, 150n, 150n],
      ['2026-10-03', true, 0n, 10n],
    ]);
  });
});

describe('deltaPercent and periodRange', () => {
  it('rounds the change to a tenth of a percent, half away from zero', () => {
    expect(deltaPercent(150n, 100n)).toBe(50);
    expect(deltaPercent(0n, 50n)).toBe(-100);
    expect(deltaPercent(2n, 3n)).toBe(-33.3);
    expect(deltaPercent(1_001_5n, 10_000n)).toBe(0.2);
    expect(deltaPercent(5n, 0n)).toBeNull();
  });

  it('spans months, ISO weeks and days in the zone', () => {
    expect(periodRange('2026-10', 'Europe/Berlin')).toEqual({
      startMs: Date.parse('2026-09-30T22:00:00Z'),
      endMs: Date.parse('2026-10-31T23:00:00Z'),
    });
    expect(periodRange('2026-W01', 'UTC')).toEqual({
      startMs: Date.parse('2025-12-29'),
      endMs: Date.parse('2026-01-05'),
    });
    expect(periodRange('2025-W53', 'UTC')).toBeNull();
    expect(periodRange('2026-W53', 'UTC')?.startMs).toBe(Date.parse('2026-12-28'));
    expect(periodRange('2026-12-31', 'UTC')).toEqual({
      startMs: Date.parse('2026-12-31'),
      endMs: Date.parse('2027-01-01'),
    });
    expect(periodRange('2026-02-30', 'UTC')).toBeNull();
    expect(periodRange('last month', 'UTC')).toBeNull();
  });
});

describe('compareRowsInOrder', () => {
  it.each([
    ['previous day', { kind: 'previous' } as const, null, false],
    ['previous day, top 1, sorted by the change', { kind: 'previous' } as const, 1, true],
  ])('gives the rows and baseline total of compareReport (%s)', (_, mode, top, sortByDelta) => {
    const report = buildReport(shown, [], options(top));
    const baseline = buildReport(all, [], options());
    const baselineTotal = { pico: 0n };
    const rows = [
      ...compareRowsInOrder(report.rows, baseline.rows, { ...report, mode, sortByDelta }, baselineTotal),
    ];
    const expected = compareReport(report, baseline, mode, sortByDelta);
    expect(rows).toEqual(expected.rows);
    expect(baselineTotal.pico).toBe(expected.comparison.totalBaselinePico);
  });

  it('reads the baseline one period ahead of the rows, not whole, when comparing with the previous period', () => {
    const report = buildReport(shown, [], options());
    let baselineRead = 0;
    function* baselineRows() {
      for (const row of buildReport(all, [], options()).rows) {
        baselineRead += 1;
        yield row;
      }
    }
    const rows = compareRowsInOrder(
      report.rows,
      baselineRows(),
      { ...report, mode: { kind: 'previous' }, sortByDelta: false },
      { pico: 0n },
    );
    expect(rows.next().value).toMatchObject({ period: { label: '2026-10-02' }, baselineCostPico: 100n });
    // Day 0's two rows and the first of day 1 (which ends day 0): not day 2's.
    expect(baselineRead).toBe(3);
  });
});
