import type { OptimizeReport } from '../optimizer/strategies/optimize-report.ts';
import {
  candidateTable,
  optimizeNotes,
  pickSummary,
  shownCandidates,
  workloadTitle,
} from './optimize-rows.ts';
import { escapeMarkdownText, renderMarkdownTable } from './render-markdown-table.ts';

/** `llmcost optimize --format md`: a heading and table per workload, then the notes as a list. */
export function renderOptimizeMarkdown(report: OptimizeReport): string {
  if (report.workloads.length === 0) return 'No usage in the range: nothing to optimize.\n';
  const blocks = report.workloads.map((result, index) => {
    const { shown, others } = shownCandidates(result);
    return [
      `### ${index + 1}. ${escapeMarkdownText(workloadTitle(result, report))}`,
      '',
      escapeMarkdownText(pickSummary(result)),
      '',
      renderMarkdownTable(candidateTable(result, shown, report.retirement.flags)).trimEnd(),
      ...(others === null ? [] : ['', escapeMarkdownText(others)]),
    ].join('\n');
  });
  const notes = optimizeNotes(report).map((note) =>
    note.startsWith('  ') ? `  - ${escapeMarkdownText(note.trim())}` : `- ${escapeMarkdownText(note)}`,
  );
  return `${blocks.join('\n\n')}\n\n${notes.join('\n')}\n`;
}
