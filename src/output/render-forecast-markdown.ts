import type { SpendForecast } from '../analysis/forecast-spend.ts';
import {
  accuracyCard,
  forecastFootnotes,
  forecastHeading,
  forecastRows,
  groupRows,
  totalRows,
  type ForecastTextContext,
} from './render-forecast-text.ts';

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|');
const line = (cells: readonly string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
const alignment = (count: number): string =>
  `| ${Array.from({ length: count }, (_, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`;

/** The forecast as GitHub-flavoured Markdown (for `$GITHUB_STEP_SUMMARY` or a PR comment). */
export function renderForecastMarkdown(
  total: SpendForecast,
  groups: readonly SpendForecast[],
  context: ForecastTextContext,
): string {
  const level = `${Math.round(context.intervalLevel * 100)}%`;
  const lines = [
    `**${escapeCell(forecastHeading(total, context))}**`,
    '',
    line(['Period', 'Forecast', `${level} low`, `${level} high`]),
    alignment(4),
    ...forecastRows(total).map(line),
    ...totalRows(total).map((row) => line(row.map((cell) => `**${cell}**`))),
    '',
    accuracyCard(total, context),
    '',
    ...forecastFootnotes(total, context).map((note) => `- ${escapeCell(note.replace(/^\* /, '').trim())}`),
  ];
  if (groups.length > 0) {
    lines.push(
      '',
      line(['Group', 'Method', 'Total', `${level} low`, `${level} high`, 'MASE', 'Cover']),
      alignment(7),
      ...groupRows(groups, 60).map(line),
    );
  }
  return `${lines.join('\n')}\n`;
}
