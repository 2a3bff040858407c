import type { IngestProblem } from '../model/ingest-problem.ts';
import type { SourceKind } from '../model/source-kind.ts';
import type { UsageRecord } from '../model/usage-record.ts';

/** Where the lines come from: the path as the user named it (or `-` for stdin). */
export interface SourceRef {
  readonly file: string;
  /** Which column holds which field, for formats read through the user's mapping (`csv`). */
  readonly columnMapping?: ColumnMapping;
}

/**
 * Field name → CSV column name (`{ timestamp: 'Date', model: 'Model', inputTokens: 'In' }`), from
 * `ingest --map` or a `csvMappings` profile in the config file. See ingest/column-mapping.ts.
 */
export type ColumnMapping = Readonly<Record<string, string>>;

/**
 * What one line gave: its records, or the problems that reject it. A line holding several rows (a
 * one-line JSON array) may reject some and keep the others: then `records` holds the good ones.
 */
export type LineResult =
  | { readonly ok: true; readonly records: readonly UsageRecord[] }
  | {
      readonly ok: false;
      readonly problems: readonly IngestProblem[];
      readonly records?: readonly UsageRecord[];
    };

export const NO_RECORDS: LineResult = { ok: true, records: [] };

/**
 * Parses one file line by line. Created once per file, so an adapter may keep state across lines
 * (a CSV header, a multi-line JSON document); pure otherwise: no I/O, no clock.
 */
export interface LineParser {
  /** The records one line holds (often none: lines without usage) or the problems that reject it. */
  parseLine(text: string, lineNumber: number): LineResult;
  /** Called once after the last line, for records held back by whole-file state. */
  finish(): LineResult;
}

/** For pretty-printed API pages: enough lines to reach a result object past a run of empty buckets. */
export const DOCUMENT_SNIFF_LINES = 1_000;

export interface Adapter {
  /** The name users pass to `--from`. */
  readonly format: string;
  /**
   * What the source describes: `billing` for a provider's aggregate usage or cost export (buckets per
   * day/model, stated costs), `requests` for request-level logs (gateways, SDK logs, Claude Code). The
   * two kinds can describe the same traffic, so reports never add them up for one provider and day.
   */
  readonly kind: SourceKind;
  /** One line for `llmcost formats`. */
  readonly description: string;
  /** A short real-shaped sample line for `llmcost formats`. */
  readonly example: string;
  /**
   * Text every line with usage contains (`usage"` for Claude Code logs). Lines without it that end
   * with `}` are skipped before they are even decoded; most bytes of some logs are such lines.
   */
  readonly skipLinesWithout?: string;
  /**
   * True for exports that are documents rather than logs (a CSV with its header, an API response saved
   * to a file): a changed file is read again from the start, never only from where the last ingest
   * stopped, and a last line without a newline is the end of the file, not a record still being written.
   */
  readonly isDocument?: boolean;
  /**
   * How many first non-empty lines `sniff` is given (default 5, at most what the first 64 KB hold): a
   * pretty-printed API page may show what it is only after dozens of lines of empty buckets.
   */
  readonly sniffLines?: number;
  /** Where users get this export, for `llmcost formats` (a console page, an API endpoint, a path). */
  readonly obtainedFrom?: string;
  /** Cheap detection for `--from auto` on the first non-empty lines of a file. */
  sniff(firstLines: readonly string[]): boolean;
  createParser(source: SourceRef): LineParser;
}
