import { describe, expect, it } from 'vitest';
import { buildReport, type UsageSlice } from '../../src/analysis/build-report.ts';
import type { PeriodUnit } from '../../src/analysis/period.ts';
import { ZERO_TOTALS } from '../../src/model/usage-totals.ts';
import { renderReportChart } from '../../src/output/render-report-chart.ts';

const STAMP = { hash: 'sha256:0', pricingVersions: [], sources: 0 };
const DAY = 86_400_000;
const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');

/** `days` days of usage for `groups` models, costs varying by day and model (pico-dollars). */
function slices(days: number, groups: number): UsageSlice[] {
  return Array.from({ length: days }, (_, day) =>
    Array.from({ length: groups }, (_, group) => ({
      sliceStartMs: Date.UTC(2026, 0, 1) + day * DAY,
      groupValues: [`model-with-a-rather-long-name-${group}`],
      totals: {
        ...ZERO_TOTALS,
        records: 1,
        costPico: BigInt(((day * 7 + group * 13) % 20) + 1) * 10_000_000_000n,
      },
    })),
  ).flat();
}

const report = (days: number, groups: number, by: PeriodUnit = 'day') =>
  buildReport(slices(days, groups), [], {
    costMode: 'list',
    currency: 'USD',
    exchange: null,
    stamp: STAMP,
    by,
    timeZone: 'UTC',
    groupBy: groups === 0 ? [] : ['model'],
    top: null,
  });

const widest = (text: string) =>
  Math.max(
    ...text
      .replace(ANSI, '')
      .split('\n')
      .map((line) => line.length),
  );

describe('renderReportChart', () => {
  it.each([
    { days: 2, groups: 1, width: 100 },
    { days: 30, groups: 9, width: 100 },
    { days: 400, groups: 3, width: 100 },
    { days: 30, groups: 9, width: 60 },
  ])('fits $width columns ($days days, $groups groups)', ({ days, groups, width }) => {
    for (const color of [false, true]) {
      expect(widest(renderReportChart(report(days, groups), { color, width }))).toBeLessThanOrEqual(width);
    }
  });

  it('draws at most six lines with a legend entry each, without colour codes when colour is off', () => {
    const text = renderReportChart(report(30, 9), { color: false, width: 100 });
    expect(text).not.toContain(ESC);
    const legend = text
      .split('\n')
      .filter((line) => /^[*o+x#%] /.test(line))
      .join('   ');
    expect(legend.match(/(^| {3})[*o+x#%] /g)).toHaveLength(6);
    expect(legend).toContain('% (other)');
    for (const marker of ['*', 'o', '+', 'x', '#', '%'])
      expect(text.split('\n').slice(1, 12).join('')).toContain(marker);
  });

  it('colours the lines when colour is on', () => {
    expect(renderReportChart(report(30, 3), { color: true, width: 100 })).toContain(ESC);
  });

  it('sums runs of periods when there are more periods than columns, and says so', () => {
    expect(renderReportChart(report(400, 1), { color: false, width: 100 })).toContain(
      'each column sums 5 days',
    );
  });

  it('explains instead of drawing a single period', () => {
    expect(renderReportChart(report(3, 2, 'none'), { color: false, width: 100 })).toBe(
      'Chart: the report has a single period; use a shorter --by to see a series.\n',
    );
  });
});
