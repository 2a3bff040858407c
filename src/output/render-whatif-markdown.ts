import { formatCount } from './format-number.ts';
import { escapeMarkdownText, renderMarkdownTable } from './render-markdown-table.ts';
import { whatifBreakdownTable, whatifScenarioLines, whatifSummaryTable } from './whatif-tables.ts';
import { breakdownHeading, whatifNotes, type WhatifReport } from './whatif-report.ts';

/** The Markdown view: the same tables as the terminal, scenario details as lists, notes last. */
export function renderWhatifMarkdown(report: WhatifReport, top: number | null): string {
  const { baseline } = report.result;
  const parts = [
    `## What if\n\n${formatCount(baseline.requests)} requests (${formatCount(baseline.records)} records) replayed at list prices (USD).\n`,
    renderMarkdownTable(whatifSummaryTable(report)),
    `${whatifScenarioLines(report)
      .map((line) => {
        const depth = line.length - line.trimStart().length;
        return `${'  '.repeat(depth / 2)}- ${escapeMarkdownText(line.trim())}`;
      })
      .join('\n')}\n`,
  ];
  for (const breakdown of report.result.breakdowns) {
    if (!report.shownBreakdowns.includes(breakdown.dimension)) continue;
    parts.push(
      `### By ${breakdownHeading(breakdown.dimension).toLowerCase()}\n\n${renderMarkdownTable(whatifBreakdownTable(report, breakdown, top))}`,
    );
  }
  parts.push(
    `${whatifNotes(report)
      .map((note) => `- ${escapeMarkdownText(note)}`)
      .join('\n')}\n`,
  );
  return parts.join('\n');
}
