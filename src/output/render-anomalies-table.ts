import type { AnomalyReport } from '../anomalies/anomaly-report.ts';
import { periodOf } from '../analysis/period.ts';
import type { DisplayOptions } from './display-options.ts';
import {
  describeCause,
  describeSeries,
  describeSpan,
  formatUsdAmount,
  KIND_LABELS,
} from './describe-finding.ts';
import { renderAnomalyChart } from './render-anomaly-chart.ts';

const INDENT = '   ';

/** Wraps `parts` joined by ` · ` into lines of at most `width` columns, continuation lines indented. */
function wrapParts(first: string, parts: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = first;
  parts.forEach((part, index) => {
    const piece = index === 0 ? part : ` · ${part}`;
    if (line.length + piece.length > width && line.trim() !== '') {
      lines.push(line);
      line = `${INDENT}  ${part}`;
    } else line += piece;
  });
  lines.push(line);
  return lines;
}

/** Word-wraps a sentence to `width` columns, continuation lines indented by two. */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = `  ${word}`;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines;
}

/** The anomalies as text: a header, one block per finding with a mini-chart, then the notes. */
export function renderAnomaliesTable(report: AnomalyReport, display: DisplayOptions): string {
  const { result, calendar, timeZone } = report;
  const width = Math.min(display.width, 100);
  const label = (ms: number): string => periodOf(ms, calendar.unit, timeZone).label;
  const lines: string[] = [
    `Anomalies in ${calendar.unit === 'day' ? 'daily' : 'hourly'} spend from ${label(report.sinceMs)} ` +
      `(${timeZone}; ${report.method}, sensitivity ${report.sensitivity}, min impact ${formatUsdAmount(report.minImpactUsd)})`,
  ];
  if (result.findings.length === 0) lines.push('', 'No anomalies.');
  result.findings.forEach((finding, position) => {
    lines.push(
      '',
      `#${position + 1}  ${finding.id}  ${KIND_LABELS[finding.kind]} in ${describeSeries(finding.filters)}`,
      `${INDENT}${describeSpan(finding, calendar, timeZone)}`,
      `${INDENT}actual ${formatUsdAmount(finding.actualUsd)}, expected ${formatUsdAmount(finding.expectedUsd)} ` +
        `(normal ${formatUsdAmount(finding.bandLowerUsd)}–${formatUsdAmount(finding.bandUpperUsd)}), ` +
        `impact ${formatUsdAmount(finding.impactUsd, true)}, peak ${finding.peakSigmas.toFixed(1)}σ`,
    );
    if (finding.rootCause.length > 0)
      lines.push(...wrapParts(`${INDENT}cause: `, finding.rootCause.map(describeCause), width));
    lines.push(renderAnomalyChart(finding, width, INDENT));
  });
  const footer = [...report.notes];
  if (result.acknowledged.length > 0)
    footer.push(
      `${result.acknowledged.length} acknowledged finding${result.acknowledged.length === 1 ? '' : 's'} not shown: ` +
        result.acknowledged
          .map((finding) => `${finding.id} (${report.ackReasons.get(finding.id) ?? ''})`)
          .join(', '),
    );
  if (result.belowMinImpact.length > 0)
    footer.push(
      `${result.belowMinImpact.length} smaller finding${result.belowMinImpact.length === 1 ? '' : 's'} below the ` +
        `minimum impact of ${formatUsdAmount(report.minImpactUsd)} not shown (--min-impact 0 lists them).`,
    );
  if (footer.length > 0) lines.push('', ...footer.flatMap((note) => wrapWords(note, width)));
  return `${lines.join('\n')}\n`;
}
