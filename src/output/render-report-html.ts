import type { Report } from '../analysis/build-report.ts';
import { allTokens } from '../model/usage-totals.ts';
import { escapeHtml } from './escape-html.ts';
import { seriesColor, seriesDash } from './chart-style.ts';
import { formatMoney, formatMoneyAxis } from './format-money.ts';
import { formatCount } from './format-number.ts';
import { renderBarChartSvg } from './render-bar-chart-svg.ts';
import { renderLineChartSvg } from './render-line-chart-svg.ts';
import { renderTokenMixSvg, TOKEN_CLASSES } from './render-token-mix-svg.ts';
import { spendOverTime, tokenMixByGroup, topAmounts, type ChartSeries } from './report-chart-data.ts';
import { labelColumns, numericColumns, reportFootnotes } from './report-columns.ts';
import { htmlDocumentStart } from './report-html-style.ts';

const CHART_GROUPS = 6;
const TOP_MODELS = 10;

/**
 * The report as one self-contained HTML page: summary, SVG charts (spend over time by group, top
 * models, token-class mix), the table with its totals row and notes, and the About facts. No script,
 * no external resource (a Content-Security-Policy forbids any), inline CSS that also prints well.
 * `byModel` is the same usage grouped by model over the whole range (for the top-models chart).
 */
export function renderReportHtml(
  report: Report,
  byModel: Report,
  about: readonly (readonly [string, string])[],
): string {
  const money = (amountPico: bigint): string => formatMoney(amountPico, report.currency);
  const title = `LLM cost report, by ${report.by}${report.groupBy.length > 0 ? ` and ${report.groupBy.join(', ')}` : ''}`;
  const { totals } = report;
  const summary = [
    ['Cost', money(totals.costPico)],
    ['Requests', formatCount(totals.requests)],
    ['Tokens', formatCount(allTokens(totals))],
    ['Rows', formatCount(report.rows.length)],
  ];
  return `${htmlDocumentStart(title)}
<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(aboutLine(about))}</p>
<dl class="summary">${summary.map(([label = '', value = '']) => `<div><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd></div>`).join('')}</dl>
</header>
<main>
${spendSection(report)}
${topModelsSection(byModel)}
${tokenMixSection(report)}
${tableSection(report)}
${aboutSection(about)}
</main>
</body>
</html>
`;
}

function aboutLine(about: readonly (readonly [string, string])[]): string {
  const value = (label: string): string => about.find(([key]) => key === label)?.[1] ?? '-';
  return `${value('From')} to ${value('Until (exclusive)')} · ${value('Time zone')} · ${value('Currency')} · stamp ${value('Reproducibility stamp')}`;
}

function spendSection(report: Report): string {
  const heading = `<h2>Spend over time${report.groupBy.length > 0 ? ' by group' : ''}</h2>`;
  const data = spendOverTime(report, CHART_GROUPS);
  const formatValue = (value: number): string => formatMoneyAxis(value, report.currency);
  if (data.periods.length === 0)
    return `<section class="chart-block">${heading}<p>No usage in this range.</p></section>`;
  const chart =
    data.periods.length >= 2
      ? renderLineChartSvg({
          title: 'Spend over time',
          categories: data.periods,
          series: data.series,
          formatValue,
        })
      : renderBarChartSvg({
          title: `Spend in ${data.periods[0] ?? ''}`,
          color: seriesColor(0, false),
          bars: data.series.map((series) => ({
            name: series.name,
            value: series.values[0] ?? 0,
            label: formatValue(series.values[0] ?? 0),
          })),
        });
  const legend = data.periods.length >= 2 ? seriesLegend(data.series) : '';
  return `<section class="chart-block">${heading}<p class="note">Cost per ${escapeHtml(report.by)} in ${escapeHtml(report.currency)}${data.series.length > CHART_GROUPS ? `; the ${CHART_GROUPS} costliest groups, the rest as "other"` : ''}.</p>\n${chart}\n${legend}</section>`;
}

function seriesLegend(series: readonly ChartSeries[]): string {
  const items = series.map((entry, index) => {
    const color = seriesColor(index, entry.isOther);
    const dash = seriesDash(index, entry.isOther);
    return `<li><svg width="28" height="10" aria-hidden="true"><line x1="1" y1="5" x2="27" y2="5" stroke="${color}" stroke-width="3"${dash === '' ? '' : ` stroke-dasharray="${dash}"`}/></svg>${escapeHtml(entry.name)}</li>`;
  });
  return `<ul class="legend">${items.join('')}</ul>`;
}

function topModelsSection(byModel: Report): string {
  const top = topAmounts(byModel, TOP_MODELS);
  const heading = '<h2>Top models by cost</h2>';
  if (top.length === 0)
    return `<section class="chart-block">${heading}<p>No priced usage in this range.</p></section>`;
  const chart = renderBarChartSvg({
    title: 'Top models by cost',
    color: seriesColor(0, false),
    bars: top.map((entry) => ({
      name: entry.name,
      value: Number(entry.amountPico) / 1e12,
      label: formatMoney(entry.amountPico, byModel.currency),
    })),
  });
  return `<section class="chart-block">${heading}<p class="note">Cost over the whole range, in ${escapeHtml(byModel.currency)}.</p>\n${chart}</section>`;
}

function tokenMixSection(report: Report): string {
  const mixes = tokenMixByGroup(report, CHART_GROUPS);
  const legend = TOKEN_CLASSES.map(
    (tokenClass) =>
      `<li><svg width="14" height="14" aria-hidden="true"><rect width="14" height="14" fill="${tokenClass.color}"/></svg>${escapeHtml(tokenClass.name)}</li>`,
  ).join('');
  return `<section class="chart-block"><h2>Token mix</h2><p class="note">Share of input, cache read, cache write and output tokens.</p>\n${renderTokenMixSvg('Token mix', mixes)}\n<ul class="legend">${legend}</ul></section>`;
}

function tableSection(report: Report): string {
  const labels = labelColumns(report);
  const columns = numericColumns(report);
  const headings = [...labels.headings, ...columns.map((column) => column.heading)];
  const numericFrom = labels.headings.length;
  const cell = (text: string, index: number, tag: 'td' | 'th' = 'td'): string =>
    `<${tag}${index >= numericFrom ? ' class="num"' : ''}>${escapeHtml(text)}</${tag}>`;
  const body = report.rows
    .map(
      (row) =>
        `<tr>${[...labels.cells(row), ...columns.map((column) => column.cell(row.totals, formatCount))].map((text, index) => cell(text, index)).join('')}</tr>`,
    )
    .join('\n');
  const footer = [...labels.totalCells, ...columns.map((column) => column.cell(report.totals, formatCount))]
    .map((text, index) => cell(text, index, 'th'))
    .join('');
  const notes = reportFootnotes(report)
    .map((note) => `<li${note.startsWith('  ') ? ' class="sub"' : ''}>${escapeHtml(note.trim())}</li>`)
    .join('\n');
  return `<section><h2>Table</h2>
<table>
<thead><tr>${headings.map((heading, index) => cell(heading, index, 'th')).join('')}</tr></thead>
<tbody>
${body}
</tbody>
<tfoot><tr>${footer}</tr></tfoot>
</table>
<ul class="notes">
${notes}
</ul></section>`;
}

function aboutSection(about: readonly (readonly [string, string])[]): string {
  const rows = about
    .map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('\n');
  return `<section><h2>About this report</h2>\n<table class="about">\n${rows}\n</table></section>`;
}
