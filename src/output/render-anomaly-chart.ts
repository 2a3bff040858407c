import asciichart from 'asciichart';
import type { AnomalyFinding } from '../anomalies/anomaly-finding.ts';

const LABEL_WIDTH = 9;

function compactUsd(value: number): string {
  const magnitude = Math.abs(value);
  const text =
    magnitude >= 1e6
      ? `$${(value / 1e6).toFixed(1)}M`
      : magnitude >= 1e4
        ? `$${(value / 1e3).toFixed(0)}k`
        : magnitude >= 1e3
          ? `$${(value / 1e3).toFixed(1)}k`
          : magnitude >= 10
            ? `$${value.toFixed(0)}`
            : `$${value.toFixed(2)}`;
  return text.padStart(LABEL_WIDTH);
}

/**
 * A small line chart of the finding's series (spend per bucket) with the anomalous buckets marked
 * underneath (`^` above expected, `v` below, `·` missing data). Readable without colour; `width` is the
 * columns available including `indent`.
 */
export function renderAnomalyChart(finding: AnomalyFinding, width: number, indent: string): string {
  const maxPoints = Math.max(10, width - indent.length - LABEL_WIDTH - 3);
  const lastOffset = finding.chartActualUsd.length - 1;
  const fromOffset = Math.max(0, lastOffset + 1 - maxPoints);
  const actual = finding.chartActualUsd.slice(fromOffset);
  const points = actual.map((value) => (Number.isNaN(value) ? 0 : value));
  const chart = asciichart.plot(points, {
    height: 5,
    min: 0,
    format: (value) => compactUsd(value),
  });
  const markers = actual
    .map((value, offset) => {
      const index = finding.chartFromIndex + fromOffset + offset;
      if (Number.isNaN(value)) return '·';
      if (index < finding.startIndex || index > finding.endIndex) return ' ';
      return finding.direction > 0 ? '^' : 'v';
    })
    .join('');
  const lines = [
    ...chart.split('\n').map((line) => line.trimEnd()),
    `${' '.repeat(LABEL_WIDTH + 1)}${markers}`.trimEnd(),
  ];
  return lines.map((line) => `${indent}${line}`).join('\n');
}
