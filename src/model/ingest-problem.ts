/**
 * A row the ingest could not accept, as data: `file:line: field "x": expected …, got …`.
 * Adapters report problems; the ingest policy (src/ingest/README.md) decides what happens to the file.
 */
export interface IngestProblem {
  readonly file: string;
  /** 1-based line number; 0 when the problem concerns the whole file. */
  readonly line: number;
  /** The field at fault (dotted path as in the source), or null when the whole line is bad. */
  readonly field: string | null;
  readonly message: string;
}

export function formatProblem(problem: IngestProblem): string {
  const where = problem.line > 0 ? `${problem.file}:${problem.line}` : problem.file;
  const field = problem.field === null ? '' : `field "${problem.field}": `;
  return `${where}: ${field}${problem.message}`;
}
