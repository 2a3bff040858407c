import { describe, expect, it } from 'vitest';
import { buildReport, type UsageSlice } from '../../src/analysis/build-report.ts';
import { buildChartSeries } from '../../src/analysis/chart-series.ts';
import type { PeriodUnit } from '../../src/analysis/period.ts';
import { ZERO_TOTALS } from '../../src/model/usage-totals.ts';

const STAMP = { hash: 'sha256:0', pricingVersions: [], sources: 0 };

function slice(isoHour: string, model: string, costPico: bigint): UsageSlice {
  return {
    sliceStartMs: Date.parse(isoHour),
    groupValues: [model],
    totals: { ...ZERO_TOTALS, records: 1, costPico },
  };
}

const report = (slices: readonly UsageSlice[], by: PeriodUnit, timeZone = 'UTC', top: number | null = null) =>
  buildReport(slices, [], {
    costMode: 'list',
    currency: 'USD',
    exchange: null,
    stamp: STAMP,
    by,
    timeZone,
    groupBy: ['model'],
    top,
  });

describe('buildChartSeries', () => {
  it('lists every period from the first to the last, zeros where there was no usage', () => {
    const data = buildChartSeries(
      report([slice('2026-11-01T10:00Z', 'a', 5n), slice('2026-11-04T10:00Z', 'a', 7n)], 'day'),
      6,
    );
    expect(data.periods.map((period) => period.label)).toEqual([
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
    ]);
    expect(data.series).toEqual([{ label: 'a', valuesPico: [5n, 0n, 0n, 7n], totalPico: 12n }]);
  });

  it.each([
    { by: 'day', from: '2026-03-27T12:00Z', to: '2026-04-02T12:00Z', count: 7 },
    { by: 'day', from: '2026-10-23T12:00Z', to: '2026-10-28T12:00Z', count: 6 },
    { by: 'hour', from: '2026-10-24T23:00Z', to: '2026-10-25T03:00Z', count: 4 },
    { by: 'week', from: '2026-03-02T12:00Z', to: '2026-04-27T12:00Z', count: 9 },
    { by: 'month', from: '2026-01-15T12:00Z', to: '2026-12-15T12:00Z', count: 12 },
  ] as const)(
    'steps over DST changes in Europe/Berlin by $by ($count periods)',
    ({ by, from, to, count }) => {
      const data = buildChartSeries(
        report([slice(from, 'a', 1n), slice(to, 'a', 1n)], by, 'Europe/Berlin'),
        6,
      );
      const labels = data.periods.map((period) => period.label);
      expect(labels).toHaveLength(count);
      expect(new Set(labels).size).toBe(count);
    },
  );

  it('keeps the five costliest groups and sums the rest, the report’s own (other) included, into (other)', () => {
    const models = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const slices = models.flatMap((model, index) => [
      slice('2026-11-01T10:00Z', model, BigInt(100 - index)),
      slice('2026-11-02T10:00Z', model, BigInt(10 * (index + 1))),
    ]);
    const data = buildChartSeries(report(slices, 'day', 'UTC', 7), 6);
    expect(data.series.map((series) => series.label)).toEqual(['h', 'g', 'f', 'e', 'd', '(other)']);
    const total = slices.reduce((sum, item) => sum + item.totals.costPico, 0n);
    expect(data.series.reduce((sum, series) => sum + series.totalPico, 0n)).toBe(total);
    for (const series of data.series) {
      expect(series.valuesPico.reduce((sum, value) => sum + value, 0n)).toBe(series.totalPico);
    }
  });
});
