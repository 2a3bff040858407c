import { describe, expect, it } from 'vitest';
import {
  binSpendByWeekdayHour,
  indexOfLargest,
  peakCells,
} from '../../src/analysis/bin-spend-by-weekday-hour.ts';
import type { UsageSlice } from '../../src/analysis/build-report.ts';
import { ZERO_TOTALS } from '../../src/model/usage-totals.ts';

const HOUR = 3_600_000;
const STAMP = { hash: 'sha256:0', pricingVersions: [], sources: 0 };
const SUNDAY = 6;

/** One slice per UTC hour of a UTC day, costing 1 pico-unit each. */
function hourlySlices(year: number, month: number, day: number, hours = 24): UsageSlice[] {
  return Array.from({ length: hours }, (_, hour) => ({
    sliceStartMs: Date.UTC(year, month - 1, day) + hour * HOUR,
    groupValues: [],
    totals: { ...ZERO_TOTALS, records: 1, costPico: 1n },
  }));
}

const bin = (slices: readonly UsageSlice[], timeZone: string) =>
  binSpendByWeekdayHour(slices, [], {
    timeZone,
    costMode: 'list',
    currency: 'USD',
    exchange: null,
    stamp: STAMP,
  });

describe('binSpendByWeekdayHour', () => {
  it('puts each UTC hour in its local weekday and hour', () => {
    // 2026-11-02 is a Monday; 09:00 UTC is 10:00 in Berlin (CET, UTC+1).
    const heatmap = bin(
      [{ sliceStartMs: Date.UTC(2026, 10, 2, 9), groupValues: [], totals: { ...ZERO_TOTALS, costPico: 7n } }],
      'Europe/Berlin',
    );
    expect(heatmap.cells[0]?.[10]).toBe(7n);
    expect(heatmap.totalPico).toBe(7n);
  });

  it('leaves the skipped hour empty when clocks go forward (Berlin, Sunday 2026-03-29 02:00 → 03:00)', () => {
    // UTC 2026-03-28 22:00 to 2026-03-29 22:00 is local Sunday 00:00 to Monday 00:00: 23 hours.
    const slices = hourlySlices(2026, 3, 28, 48).filter(
      (slice) =>
        slice.sliceStartMs >= Date.UTC(2026, 2, 28, 23) && slice.sliceStartMs < Date.UTC(2026, 2, 29, 22),
    );
    const sunday = bin(slices, 'Europe/Berlin').cells[SUNDAY] ?? [];
    expect(sunday[2]).toBe(0n);
    expect(sunday.filter((value) => value === 1n)).toHaveLength(23);
  });

  it('counts the repeated hour twice when clocks go back (Berlin, Sunday 2026-10-25 03:00 → 02:00)', () => {
    // Local Sunday 2026-10-25 runs from 2026-10-24 22:00 UTC (CEST) to 2026-10-25 23:00 UTC (CET): 25 hours.
    const slices = hourlySlices(2026, 10, 24, 48).filter(
      (slice) =>
        slice.sliceStartMs >= Date.UTC(2026, 9, 24, 22) && slice.sliceStartMs < Date.UTC(2026, 9, 25, 23),
    );
    const heatmap = bin(slices, 'Europe/Berlin');
    const sunday = heatmap.cells[SUNDAY] ?? [];
    expect(sunday[2]).toBe(2n);
    expect(sunday.filter((value) => value === 1n)).toHaveLength(23);
    expect(heatmap.weekdayTotals[SUNDAY]).toBe(25n);
  });

  it.each(['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'])(
    'the cells, the weekday totals and the hour totals all sum to the total (%s)',
    (timeZone) => {
      const slices = [...hourlySlices(2026, 3, 27, 72), ...hourlySlices(2026, 10, 30, 72)];
      const heatmap = bin(slices, timeZone);
      const sum = (values: readonly bigint[]) => values.reduce((total, value) => total + value, 0n);
      expect(heatmap.totalPico).toBe(BigInt(slices.length));
      expect(sum(heatmap.cells.flat())).toBe(heatmap.totalPico);
      expect(sum(heatmap.weekdayTotals)).toBe(heatmap.totalPico);
      expect(sum(heatmap.hourTotals)).toBe(heatmap.totalPico);
    },
  );

  it('finds the peak cells, largest first, and the busiest hour and weekday', () => {
    const at = (day: number, hour: number, costPico: bigint): UsageSlice => ({
      sliceStartMs: Date.UTC(2026, 10, 2 + day, hour),
      groupValues: [],
      totals: { ...ZERO_TOTALS, records: 1, costPico },
    });
    const heatmap = bin([at(0, 9, 5n), at(1, 14, 9n), at(2, 9, 5n), at(3, 23, 1n)], 'UTC');
    expect(peakCells(heatmap, 3)).toEqual([
      { weekday: 1, hour: 14, costPico: 9n },
      { weekday: 0, hour: 9, costPico: 5n },
      { weekday: 2, hour: 9, costPico: 5n },
    ]);
    expect(indexOfLargest(heatmap.hourTotals)).toBe(9);
    expect(indexOfLargest(heatmap.weekdayTotals)).toBe(1);
    expect(indexOfLargest([0n, 0n])).toBeNull();
  });
});
