/**
 * openai-usage: the OpenAI Usage API, `GET /v1/organization/usage/{completions,embeddings,moderations,
 * images,audio_speeches,audio_transcriptions,vector_stores,code_interpreter_sessions,file_searches,
 * web_search_calls}` (admin key), saved as returned: one page pretty-printed, pages one per line, or a
 * JSON array of pages. Also the usage dashboard's CSV export (platform.openai.com/usage → Export), which
 * flattens the same fields. Docs: https://platform.openai.com/docs/api-reference/usage; FORMATS.md §1.
 *
 *   {"object":"page","data":[{"object":"bucket","start_time":1761955200,"end_time":1762041600,"results":[
 *    {"object":"organization.usage.completions.result","input_tokens":5000,"input_cached_tokens":1000,
 *     "output_tokens":800,"num_model_requests":12,"model":"gpt-4o-2024-08-06","project_id":null,…}]}],
 *    "has_more":false,"next_page":null}
 *
 * One record per result row: `occurredAtMs` = bucket start, `requests` = `num_model_requests`.
 * Dedup key: `openai-usage:<endpoint>:<start>-<end>:<grouping dimensions with a value>`
 * (bucket-dedup-key.ts): the same bucket and grouping from a re-export, another page layout or the
 * dashboard CSV is the same record; an export grouped differently does not collide with it.
 */
import type { IngestProblem } from '../model/ingest-problem.ts';
import { DOCUMENT_SNIFF_LINES, type Adapter } from './adapter.ts';
import { createBillingExportParser, type CsvRow, type CsvRowReader } from './billing-export-parser.ts';
import type { JsonValueFound } from './json-value-reader.ts';
import { readCsvBucketRow } from './read-csv-bucket-row.ts';
import {
  OPENAI_USAGE_ENDPOINTS,
  readOpenaiUsageResult,
  type OpenaiUsageEndpoint,
} from './read-openai-usage-result.ts';
import { readPageBuckets, type BucketRow } from './read-page-buckets.ts';
import { describe } from './row-checker.ts';

const RESULT_OBJECT = /^organization\.usage\.([a-z_]+)\.result$/;
const OPENAI_BOUNDS = { start: 'start_time', end: 'end_time' } as const;

export const openaiUsageAdapter: Adapter = {
  kind: 'billing',
  isDocument: true,
  sniffLines: DOCUMENT_SNIFF_LINES,
  format: 'openai-usage',
  obtainedFrom:
    "platform.openai.com/usage → Export (CSV), or the Admin API's GET /v1/organization/usage/completions (and the other usage endpoints) saved as JSON",
  description:
    'OpenAI Usage API pages (GET /v1/organization/usage/completions, embeddings, images, …; admin key) ' +
    'saved as JSON, and the CSV from platform.openai.com/usage → Export',
  example:
    '{"object":"page","data":[{"object":"bucket","start_time":1761955200,"end_time":1762041600,"results":[{"object":"organization.usage.completions.result","input_tokens":5000,"input_cached_tokens":1000,"output_tokens":800,"num_model_requests":12,"model":"gpt-4o-2024-08-06"}]}],"has_more":false,"next_page":null}',
  sniff(firstLines) {
    if (isOpenaiDashboardCsv(firstLines)) return !(firstLines[0] ?? '').includes('amount_value');
    if (!startsWithJson(firstLines)) return false;
    const kind = firstOpenaiResultKind(firstLines);
    // A page whose first buckets are all empty shows no result object yet: an OpenAI bucket that is
    // not a Costs API one is a usage bucket.
    return (
      kind === 'usage' || (kind === null && firstLines.some((line) => /"object"\s*:\s*"bucket"/.test(line)))
    );
  },
  createParser(source) {
    return createBillingExportParser(source.file, {
      name: 'an OpenAI Usage API page or usage CSV export',
      readJsonObject: (found) => readUsagePage(found, source.file),
      readCsvHeader: (columns, line) => readUsageCsvHeader(columns, line, source.file),
    });
  },
};

/** True for the dashboard's CSV exports (usage and cost): their header starts with the bucket bounds. */
export function isOpenaiDashboardCsv(firstLines: readonly string[]): boolean {
  return /^\uFEFF?"?start_time"?,"?end_time"?(,|$)/.test(firstLines[0] ?? '');
}

/** Whether the first OpenAI result object in these lines is a usage or a cost one (null: none yet). */
export function firstOpenaiResultKind(lines: readonly string[]): 'usage' | 'costs' | null {
  for (const line of lines) {
    const usageAt = line.indexOf('"organization.usage.');
    const costsAt = line.indexOf('"organization.costs.result"');
    if (usageAt !== -1 && (costsAt === -1 || usageAt < costsAt)) return 'usage';
    if (costsAt !== -1) return 'costs';
  }
  return null;
}

export function startsWithJson(firstLines: readonly string[]): boolean {
  return /^\s*[{[]/.test(firstLines.find((line) => line.trim() !== '') ?? '');
}

function readUsagePage(found: JsonValueFound, file: string) {
  return readPageBuckets(found, file, OPENAI_BOUNDS, (row) => {
    const endpoint = readEndpoint(row);
    return endpoint === null ? null : readOpenaiUsageResult(row, endpoint);
  });
}

function readEndpoint({ result, path, check }: BucketRow): OpenaiUsageEndpoint | null {
  const name = RESULT_OBJECT.exec(typeof result.object === 'string' ? result.object : '')?.[1];
  const endpoint = OPENAI_USAGE_ENDPOINTS.find((known) => known === name);
  if (endpoint !== undefined) return endpoint;
  const hint =
    result.object === 'organization.costs.result' ? ' (a Costs API page: use --from openai-costs)' : '';
  check.fail(
    `${path}object`,
    `expected "organization.usage.<endpoint>.result", got ${describe(result.object)}${hint}`,
  );
  return null;
}

/**
 * The dashboard exports one CSV per endpoint and names none in it: the endpoint follows from the metric
 * columns. Embeddings and moderations have the same columns; the file name (`moderations_usage_…csv`)
 * tells them apart.
 */
function readUsageCsvHeader(
  columns: readonly string[],
  line: number,
  file: string,
): CsvRowReader | IngestProblem {
  if (columns.includes('amount_value')) {
    return {
      file,
      line,
      field: null,
      message: 'expected a usage CSV export, got a cost export (amount_value): use --from openai-costs',
    };
  }
  const endpoint = endpointOfColumns(columns, file);
  if (endpoint === null) {
    return {
      file,
      line,
      field: null,
      message: `expected the columns of an OpenAI usage CSV export (start_time, end_time, num_model_requests, …), got ${describe(columns.join(','))}`,
    };
  }
  return {
    readRow: (row: CsvRow) =>
      readCsvBucketRow(row, file, OPENAI_BOUNDS, (bucketRow) => readOpenaiUsageResult(bucketRow, endpoint)),
  };
}

const ENDPOINT_COLUMNS: readonly (readonly [string, OpenaiUsageEndpoint])[] = [
  ['output_tokens', 'completions'],
  ['images', 'images'],
  ['characters', 'audio_speeches'],
  ['seconds', 'audio_transcriptions'],
  ['usage_bytes', 'vector_stores'],
  ['num_sessions', 'code_interpreter_sessions'],
  ['context_level', 'web_searches'],
  ['vector_store_id', 'file_searches'],
];

function endpointOfColumns(columns: readonly string[], file: string): OpenaiUsageEndpoint | null {
  for (const [column, endpoint] of ENDPOINT_COLUMNS) if (columns.includes(column)) return endpoint;
  if (columns.includes('input_tokens')) return /moderation/i.test(file) ? 'moderations' : 'embeddings';
  // Only the bucket bounds: an export of a period without usage.
  return columns.includes('start_time') && columns.includes('end_time') ? 'completions' : null;
}
