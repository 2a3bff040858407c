import type { AnomalyReport } from '../anomalies/anomaly-report.ts';
import {
  describeCause,
  describeSeries,
  describeSpan,
  formatUsdAmount,
  KIND_LABELS,
} from './describe-finding.ts';

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|');

/** The findings as a GitHub-flavoured Markdown table, then the notes as a list. */
export function renderAnomaliesMarkdown(report: AnomalyReport): string {
  const { result, calendar, timeZone } = report;
  const line = (cells: readonly string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  const lines =
    result.findings.length === 0
      ? ['No anomalies.']
      : [
          line(['id', 'kind', 'series', 'when', 'expected', 'actual', 'impact', 'root cause']),
          '| --- | --- | --- | --- | ---: | ---: | ---: | --- |',
          ...result.findings.map((finding) =>
            line([
              `\`${finding.id}\``,
              KIND_LABELS[finding.kind],
              describeSeries(finding.filters),
              describeSpan(finding, calendar, timeZone),
              formatUsdAmount(finding.expectedUsd),
              formatUsdAmount(finding.actualUsd),
              formatUsdAmount(finding.impactUsd, true),
              finding.rootCause.slice(0, 3).map(describeCause).join('; '),
            ]),
          ),
        ];
  const notes = [...report.notes];
  if (result.acknowledged.length > 0)
    notes.push(`${result.acknowledged.length} acknowledged finding(s) not shown.`);
  if (result.belowMinImpact.length > 0)
    notes.push(
      `${result.belowMinImpact.length} finding(s) below the minimum impact of ${formatUsdAmount(report.minImpactUsd)} not shown.`,
    );
  if (notes.length > 0) lines.push('', ...notes.map((note) => `- ${escapeCell(note)}`));
  return `${lines.join('\n')}\n`;
}
