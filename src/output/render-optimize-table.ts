import type { OptimizeReport } from '../optimizer/strategies/optimize-report.ts';
import type { DisplayOptions } from './display-options.ts';
import { wrapText } from './format-number.ts';
import {
  candidateTable,
  optimizeNotes,
  pickSummary,
  shownCandidates,
  workloadTitle,
} from './optimize-rows.ts';
import { renderPlainTable } from './render-plain-table.ts';

/** `llmcost optimize` for a terminal: per workload a title, its pick and the trade-off table; then notes. */
export function renderOptimizeTable(report: OptimizeReport, display: DisplayOptions): string {
  if (report.workloads.length === 0) return 'No usage in the range: nothing to optimize.\n';
  const blocks = report.workloads.map((result, index) => {
    const { shown, others } = shownCandidates(result);
    const lines = [
      ...wrapText(`${index + 1}. ${workloadTitle(result, report)}`, display.width, '   '),
      ...wrapText(`   ${pickSummary(result)}`, display.width, '     '),
      renderPlainTable(candidateTable(result, shown, report.retirement.flags), display).trimEnd(),
    ];
    if (others !== null) lines.push(others);
    return lines.join('\n');
  });
  const notes = optimizeNotes(report).flatMap((note) =>
    wrapText(note, display.width, note.startsWith('  ') ? '    ' : '  '),
  );
  return `${blocks.join('\n\n')}\n\n${notes.join('\n')}\n`;
}
