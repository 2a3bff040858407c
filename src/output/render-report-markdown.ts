import type { Report } from '../analysis/build-report.ts';
import { allCacheWriteTokens, type UsageTotals } from '../model/usage-totals.ts';
import { formatUsd } from './format-money.ts';
import { dimensionHeading, groupCell, requestsText } from './report-columns.ts';

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|');
const count = (value: number): string => value.toLocaleString('en-US');

/** The report as a GitHub-flavoured Markdown table with a bold totals row. */
export function renderReportMarkdown(report: Report): string {
  const showPeriod = report.by !== 'none';
  const head = [
    ...(showPeriod ? ['Period'] : []),
    ...report.groupBy.map(dimensionHeading),
    'Requests',
    'Input',
    'Cache read',
    'Cache write',
    'Output',
    'Cost',
  ];
  const numbers = (totals: UsageTotals): string[] => [
    requestsText(totals, count),
    count(totals.inputTokens),
    count(totals.cacheReadTokens),
    count(allCacheWriteTokens(totals)),
    count(totals.outputTokens),
    formatUsd(totals.costPico) + (totals.unpricedRecords > 0 ? '*' : ''),
  ];
  const lines = [
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, index) => (index < head.length - 6 ? '---' : '---:')).join(' | ')} |`,
    ...report.rows.map(
      (row) =>
        `| ${[...(showPeriod ? [row.period.label] : []), ...report.groupBy.map((_, index) => groupCell(row, index)), ...numbers(row.totals)].map(escapeCell).join(' | ')} |`,
    ),
    `| ${[...(showPeriod ? ['**Total**'] : []), ...report.groupBy.map((_, index) => (index === 0 && !showPeriod ? '**Total**' : '')), ...numbers(report.totals).map((cell) => `**${cell}**`)].join(' | ')} |`,
  ];
  if (report.unpriced.length > 0) {
    lines.push('', '\\* Not in Cost (no price):');
    for (const item of report.unpriced) {
      lines.push(
        `- \`${item.provider}/${item.model}\`: ${count(item.requests)} requests, ${count(item.tokens)} tokens — ${escapeCell(item.reason)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
