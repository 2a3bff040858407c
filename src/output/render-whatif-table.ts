import type { DisplayOptions } from './display-options.ts';
import { pluralize, wrapText } from './format-number.ts';
import { formatMoney } from './format-money.ts';
import { renderPlainTable } from './render-plain-table.ts';
import { whatifBreakdownTables, whatifScenarioLines, whatifSummaryTable } from './whatif-tables.ts';
import { breakdownHeading, whatifNotes, type WhatifReport } from './whatif-report.ts';

/** The terminal view: a heading, the summary, each scenario's changes, the breakdowns, the notes. */
export function renderWhatifTable(report: WhatifReport, display: DisplayOptions, top: number | null): string {
  const { baseline } = report.result;
  const sections: string[] = [];
  sections.push(
    `What if: ${pluralize(baseline.requests, 'request')} (${pluralize(baseline.records, 'record')}) replayed` +
      `, ${formatMoney(baseline.costPico, 'USD')} at list prices` +
      (baseline.recordedCostPico === baseline.costPico
        ? ''
        : ` (stored: ${formatMoney(baseline.recordedCostPico, 'USD')})`) +
      '\n',
  );
  sections.push(renderPlainTable(whatifSummaryTable(report), display));
  sections.push(
    `${whatifScenarioLines(report)
      .flatMap((line) => wrapText(line, display.width, '      '))
      .join('\n')}\n`,
  );
  for (const breakdown of report.result.breakdowns) {
    if (!report.shownBreakdowns.includes(breakdown.dimension)) continue;
    sections.push(
      `By ${breakdownHeading(breakdown.dimension).toLowerCase()} (cost per scenario, savings % where they fit):\n` +
        whatifBreakdownTables(report, breakdown, top, display.width)
          .map((table) => renderPlainTable(table, display))
          .join('\n'),
    );
  }
  if (baseline.unpriced.records > 0) {
    sections.push(
      `Unpriced (in no total):\n${baseline.unpriced.reasons
        .map(
          (reason) =>
            `  ${reason.reason}: ${pluralize(reason.requests, 'request')}, ${pluralize(reason.records, 'record')}`,
        )
        .join('\n')}\n`,
    );
  }
  sections.push(
    `${whatifNotes(report)
      .flatMap((note) => wrapText(`* ${note}`, display.width, '  '))
      .join('\n')}\n`,
  );
  return sections.join('\n');
}
