/**
 * anthropic-console-csv: the Claude Console's CSV downloads, platform.claude.com/usage → Export (usage:
 * tokens per day, model, API key, workspace) and platform.claude.com/cost → Export (cost per day and
 * token type, in dollars rounded to cents per row). Neither is documented beyond "CSV export"
 * (https://support.claude.com/en/articles/9534590); the columns are as observed (FORMATS.md §2.3) and
 * matched by header name, so older files without the newer columns are read too.
 *
 *   usage_date_utc,model_version,api_key,workspace,usage_type,context_window,usage_input_tokens_no_cache,usage_input_tokens_cache_write_5m,usage_input_tokens_cache_write_1h,usage_input_tokens_cache_read,usage_output_tokens,web_search_count,inference_geo,speed
 *   2026-03-31,claude-haiku-4-5-20251001,ci-bot,Default,standard,≤ 200k,1200,0,0,5000,300,0,global,standard
 *
 * Usage rows: tokens already disjoint, `requests` null (the export has no request count), the API key
 * and workspace by name. Cost rows: no tokens, `cost_usd` as the reported cost, `requests` 0, the model
 * by display name (`Claude Haiku 4.5`), token type and list price as tags. `usage_date_utc` is a day
 * (`2026-03-31`) or, in a one-day export, an hour (`2026-03-31 14:00`), UTC.
 * Dedup keys: `anthropic-console-usage:` / `anthropic-console-cost:` + the day or hour + every
 * dimension column with a value (bucket-dedup-key.ts): a re-download of an overlapping period adds
 * nothing, and a day row never collides with an hour row. The keys differ from the Admin API's (names
 * here, ids there), so the same usage read from both is not recognised as one.
 */
import type { IngestProblem } from '../model/ingest-problem.ts';
import { EMPTY_USAGE, type UsageRecord } from '../model/usage-record.ts';
import type { Adapter } from './adapter.ts';
import { readServiceTier } from './read-service-tier.ts';
import {
  createBillingExportParser,
  type CsvRow,
  type CsvRowReader,
  type ExportReading,
} from './billing-export-parser.ts';
import { bucketDedupKey } from './bucket-dedup-key.ts';
import { readStatedAmount } from './read-stated-amount.ts';
import { createRowChecker, describe, type RowChecker } from './row-checker.ts';
import { parseInstant } from './parse-instant.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const DATE_OR_HOUR = /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$/;
const WHOLE_FLOAT = /^(\d+)\.0+$/;

const USAGE_DIMENSIONS = [
  'model_version',
  'api_key',
  'workspace',
  'usage_type',
  'context_window',
  'inference_geo',
  'speed',
] as const;
const COST_DIMENSIONS = [
  'model',
  'workspace',
  'api_key',
  'api_key_id',
  'usage_type',
  'context_window',
  'token_type',
  'cost_type',
  'inference_geo',
  'speed',
] as const;

export const anthropicConsoleCsvAdapter: Adapter = {
  kind: 'billing',
  isDocument: true,
  format: 'anthropic-console-csv',
  obtainedFrom: 'platform.claude.com → Usage or Cost → Export (CSV)',
  description:
    'Claude Console CSV downloads: usage (platform.claude.com/usage → Export) and cost ' +
    '(platform.claude.com/cost → Export); no request counts in them (reported as unknown)',
  example:
    'usage_date_utc,model_version,api_key,workspace,usage_type,usage_input_tokens_no_cache,usage_input_tokens_cache_write_5m,usage_input_tokens_cache_write_1h,usage_input_tokens_cache_read,usage_output_tokens,web_search_count\n' +
    '2026-03-31,claude-haiku-4-5-20251001,ci-bot,Default,standard,1200,0,0,5000,300,0',
  sniff(firstLines) {
    const header = firstLines[0] ?? '';
    return (
      header.includes('usage_date_utc') &&
      (header.includes('usage_input_tokens_no_cache') || header.includes('cost_usd'))
    );
  },
  createParser(source) {
    const file = source.file;
    return createBillingExportParser(file, {
      name: 'a Claude Console usage or cost CSV',
      readCsvHeader: (columns, line) => readHeader(columns, line, file),
    });
  },
};

function readHeader(columns: readonly string[], line: number, file: string): CsvRowReader | IngestProblem {
  if (columns.includes('usage_input_tokens_no_cache'))
    return { readRow: (row) => readRow(row, file, readUsageRow) };
  if (columns.includes('cost_usd')) return { readRow: (row) => readRow(row, file, readCostRow) };
  return {
    file,
    line,
    field: null,
    message:
      'expected the header of a Claude Console usage CSV (usage_input_tokens_no_cache, …) or cost CSV ' +
      `(cost_usd, …), got ${describe(columns.join(','))}`,
  };
}

/** One row's cells (empty = null, whole floats whole) and its day or hour. */
interface ConsoleRow {
  readonly cells: Readonly<Record<string, string | null>>;
  readonly startMs: number;
  readonly endMs: number;
  readonly line: number;
  readonly check: RowChecker;
}

function readRow(row: CsvRow, file: string, read: (row: ConsoleRow) => UsageRecord | null): ExportReading {
  const check = createRowChecker(file, row.line);
  const cells: Record<string, string | null> = {};
  for (const [name, cell] of Object.entries(row.cells)) {
    const text = cell.trim();
    cells[name] = text === '' ? null : (WHOLE_FLOAT.exec(text)?.[1] ?? text);
  }
  const date = cells.usage_date_utc ?? null;
  const startMs = date !== null && DATE_OR_HOUR.test(date) ? parseInstant(date) : null;
  if (startMs === null) {
    check.fail(
      'usage_date_utc',
      `expected a UTC day (2026-03-31) or hour (2026-03-31 14:00), got ${describe(date ?? undefined)}`,
    );
    return { records: [], problems: check.problems };
  }
  const endMs = startMs + ((date ?? '').length > 10 ? HOUR_MS : DAY_MS);
  const record = read({ cells, startMs, endMs, line: row.line, check });
  return record === null || check.problems.length > 0
    ? { records: [], problems: check.problems }
    : { records: [record], problems: [] };
}

function readUsageRow(row: ConsoleRow): UsageRecord {
  const { cells, check } = row;
  const dims = USAGE_DIMENSIONS.map((name) => [name, cells[name] ?? null] as const);
  const usageType = cells.usage_type ?? null;
  return {
    ...EMPTY_USAGE,
    dedupKey: bucketDedupKey('anthropic-console-usage', row.startMs, row.endMs, dims),
    occurredAtMs: row.startMs,
    provider: 'anthropic',
    model: check.requiredString(cells.model_version, 'model_version'),
    requests: null,
    inputTokens: check.count(cells.usage_input_tokens_no_cache, 'usage_input_tokens_no_cache', true),
    cacheWrite5mTokens: check.count(
      cells.usage_input_tokens_cache_write_5m,
      'usage_input_tokens_cache_write_5m',
    ),
    cacheWrite1hTokens: check.count(
      cells.usage_input_tokens_cache_write_1h,
      'usage_input_tokens_cache_write_1h',
    ),
    cacheReadTokens: check.count(cells.usage_input_tokens_cache_read, 'usage_input_tokens_cache_read'),
    outputTokens: check.count(cells.usage_output_tokens, 'usage_output_tokens', true),
    webSearchRequests: check.count(cells.web_search_count, 'web_search_count'),
    apiKey: cells.api_key ?? null,
    workspace: cells.workspace ?? null,
    ...readServiceTier(usageType),
    tags: pickTags(cells, ['context_window', 'inference_geo', 'speed']),
    sourceLine: row.line,
  };
}

function readCostRow(row: ConsoleRow): UsageRecord | null {
  const { cells, check } = row;
  const reportedCost = readStatedAmount(
    {
      value: cells.cost_usd ?? null,
      valueField: 'cost_usd',
      unit: 'units',
      currency: 'USD',
      currencyField: 'cost_usd',
    },
    check,
  );
  const model = check.requiredString(cells.model, 'model');
  if (reportedCost === null) return null;
  const dims = COST_DIMENSIONS.map((name) => [name, cells[name] ?? null] as const);
  const tags = pickTags(cells, [
    'token_type',
    'cost_type',
    'usage_type',
    'list_price_usd',
    'context_window',
    'inference_geo',
    'speed',
    'api_key_status',
  ]);
  if (cells.api_key_id !== null && cells.api_key_id !== undefined && cells.api_key)
    tags.api_key_name = cells.api_key;
  return {
    ...EMPTY_USAGE,
    dedupKey: bucketDedupKey('anthropic-console-cost', row.startMs, row.endMs, dims),
    occurredAtMs: row.startMs,
    provider: 'anthropic',
    model,
    requests: 0,
    apiKey: cells.api_key_id ?? cells.api_key ?? null,
    workspace: cells.workspace ?? null,
    tags,
    reportedCost,
    sourceLine: row.line,
  };
}

function pickTags(
  cells: Readonly<Record<string, string | null>>,
  names: readonly string[],
): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const name of names) {
    const value = cells[name];
    if (value !== null && value !== undefined) tags[name] = value;
  }
  return tags;
}
