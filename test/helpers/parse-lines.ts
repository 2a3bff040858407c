import type { IngestProblem } from '../../src/model/ingest-problem.ts';
import type { UsageRecord } from '../../src/model/usage-record.ts';
import type { Adapter, LineResult } from '../../src/ingest/adapter.ts';

export interface ParsedLines {
  readonly records: UsageRecord[];
  readonly problems: IngestProblem[];
}

/**
 * Feeds `text` to a fresh parser of `adapter` line by line (1-based line numbers, as read-lines does;
 * a final newline does not make an extra empty line), then calls finish(), and collects everything.
 */
export function parseLines(adapter: Adapter, text: string, file: string): ParsedLines {
  const parser = adapter.createParser({ file });
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const results = lines.map((line, index) => parser.parseLine(line, index + 1));
  results.push(parser.finish());
  return {
    records: results.flatMap((result) => result.records ?? []),
    problems: results.flatMap((result: LineResult) => (result.ok ? [] : result.problems)),
  };
}
