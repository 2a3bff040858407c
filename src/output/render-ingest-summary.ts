import type { IngestProblem } from '../model/ingest-problem.ts';
import { formatCount, pluralize } from './format-number.ts';

/** What ingest reports per file (the fields renderers need). */
export interface FileSummaryView {
  readonly displayPath: string;
  readonly format: string;
  /** `rejected`: a bad row under --strict; `refused`: grouped unlike a stored export of the same report. */
  readonly outcome: 'ingested' | 'unchanged' | 'rejected' | 'refused' | 'dry-run';
  readonly readMode: 'full' | 'tail' | 'none';
  readonly rowsRead: number;
  readonly stored: number;
  readonly replaced: number;
  readonly duplicate: number;
  readonly rejected: number;
  readonly unpricedRecords: number;
  readonly problems: readonly IngestProblem[];
}

export interface IngestRunSummary {
  readonly files: readonly FileSummaryView[];
  /** Files that could not be read at all (unrecognised format, empty). */
  readonly failures: readonly string[];
  readonly isDryRun: boolean;
}

/** Files listed one per line up to this many; beyond it only the ones with something to say. */
const LIST_ALL_UP_TO = 12;

export function renderIngestSummary(run: IngestRunSummary): string {
  const sum = (pick: (file: FileSummaryView) => number): number =>
    run.files.reduce((total, file) => total + pick(file), 0);
  const count = (outcome: FileSummaryView['outcome']): number =>
    run.files.filter((file) => file.outcome === outcome).length;
  const lines: string[] = [];
  const listed =
    run.files.length <= LIST_ALL_UP_TO
      ? run.files
      : run.files.filter(
          (file) => file.rejected > 0 || file.outcome === 'rejected' || file.outcome === 'refused',
        );
  for (const file of listed) {
    const what =
      file.outcome === 'unchanged'
        ? 'unchanged, skipped'
        : `${pluralize(file.rowsRead, 'row')}: ${formatCount(file.stored)} new, ${formatCount(file.duplicate)} duplicate` +
          (file.replaced > 0 ? `, ${formatCount(file.replaced)} updated` : '') +
          `, ${formatCount(file.rejected)} rejected` +
          (file.readMode === 'tail' ? ' (appended lines only)' : '') +
          (file.outcome === 'rejected' ? ' — file rejected (--strict), nothing stored' : '') +
          (file.outcome === 'refused'
            ? ' — file refused, nothing stored: grouped unlike a stored export of the same period'
            : '');
    lines.push(`${file.displayPath} [${file.format}]: ${what}`);
  }
  const verb = run.isDryRun ? 'Dry run (nothing written)' : 'Ingested';
  lines.push(
    `${verb}: ${pluralize(run.files.length, 'file')} (${count('unchanged')} unchanged), ` +
      `${pluralize(
        sum((file) => file.rowsRead),
        'row',
      )} read, ` +
      `${formatCount(sum((file) => file.stored))} new, ${formatCount(sum((file) => file.duplicate))} duplicate, ` +
      `${formatCount(sum((file) => file.replaced))} updated, ${formatCount(sum((file) => file.rejected))} rejected.`,
  );
  const unpriced = sum((file) => file.unpricedRecords);
  if (unpriced > 0) {
    lines.push(
      `${pluralize(unpriced, 'row')} could not be priced (unknown model or price): counted, never costed as $0; ` +
        'llmcost report lists them.',
    );
  }
  if (run.failures.length > 0)
    lines.push(`${pluralize(run.failures.length, 'file')} could not be read (see above).`);
  return `${lines.join('\n')}\n`;
}
