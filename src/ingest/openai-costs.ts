/**
 * openai-costs: the OpenAI Costs API, `GET /v1/organization/costs` (admin key; daily buckets), saved as
 * returned (one page, pages one per line, or a JSON array of pages), and the cost CSV of
 * platform.openai.com/usage → Export. Docs: https://platform.openai.com/docs/api-reference/usage/costs;
 * FORMATS.md §1.4-1.5.
 *
 *   {"object":"page","data":[{"object":"bucket","start_time":1761955200,"end_time":1762041600,"results":[
 *    {"object":"organization.costs.result","amount":{"value":0.0425,"currency":"usd"},
 *     "line_item":"gpt-4o-2024-08-06, input","project_id":"proj_abc"}]}],"has_more":false,"next_page":null}
 *
 * One record per cost line: no tokens, the stated cost exact in `reportedCost` (dollars, currency
 * upper-cased), `requests` 0 (a cost line counts money, not requests), `model` the model part of
 * `line_item` (`gpt-4o-2024-08-06, input` → `gpt-4o-2024-08-06`), the whole line item as a tag.
 * Dedup key: `openai-costs:<start>-<end>:<line_item, project_id, api_key_id with a value>`
 * (bucket-dedup-key.ts): the same day and grouping in a re-export, another page layout or the CSV is
 * the same line; an export grouped differently does not collide with it.
 */
import type { IngestProblem } from '../model/ingest-problem.ts';
import { EMPTY_USAGE, type UsageRecord } from '../model/usage-record.ts';
import { DOCUMENT_SNIFF_LINES, type Adapter } from './adapter.ts';
import { createBillingExportParser, type CsvRowReader } from './billing-export-parser.ts';
import { bucketDedupKey } from './bucket-dedup-key.ts';
import { isJsonObject } from './parse-json-object.ts';
import { readCsvBucketRow } from './read-csv-bucket-row.ts';
import { ALL_MODELS } from './read-openai-usage-result.ts';
import { readPageBuckets, type BucketRow } from './read-page-buckets.ts';
import { readStatedAmount, type StatedAmount } from './read-stated-amount.ts';
import { describe } from './row-checker.ts';
import { firstOpenaiResultKind, isOpenaiDashboardCsv, startsWithJson } from './openai-usage.ts';

const COST_RESULT = 'organization.costs.result';
const OPENAI_BOUNDS = { start: 'start_time', end: 'end_time' } as const;

export const openaiCostsAdapter: Adapter = {
  kind: 'billing',
  isDocument: true,
  sniffLines: DOCUMENT_SNIFF_LINES,
  format: 'openai-costs',
  obtainedFrom:
    "platform.openai.com/usage → Export (cost CSV), or the Admin API's GET /v1/organization/costs saved as JSON",
  description:
    'OpenAI Costs API pages (GET /v1/organization/costs; admin key) saved as JSON, and the cost CSV ' +
    'from platform.openai.com/usage → Export',
  example:
    '{"object":"page","data":[{"object":"bucket","start_time":1761955200,"end_time":1762041600,"results":[{"object":"organization.costs.result","amount":{"value":0.0425,"currency":"usd"},"line_item":"gpt-4o-2024-08-06, input","project_id":"proj_abc"}]}],"has_more":false,"next_page":null}',
  sniff(firstLines) {
    if (isOpenaiDashboardCsv(firstLines)) return (firstLines[0] ?? '').includes('amount_value');
    return startsWithJson(firstLines) && firstOpenaiResultKind(firstLines) === 'costs';
  },
  createParser(source) {
    const file = source.file;
    return createBillingExportParser(file, {
      name: 'an OpenAI Costs API page or cost CSV export',
      readJsonObject: (found) => readPageBuckets(found, file, OPENAI_BOUNDS, readCostResult),
      readCsvHeader: (columns, line) => readCostCsvHeader(columns, line, file),
    });
  },
};

function readCostResult(row: BucketRow): UsageRecord | null {
  const { result, path, check } = row;
  if (result.object !== COST_RESULT) {
    const hint =
      typeof result.object === 'string' && result.object.startsWith('organization.usage.')
        ? ' (a Usage API page: use --from openai-usage)'
        : '';
    check.fail(`${path}object`, `expected "${COST_RESULT}", got ${describe(result.object)}${hint}`);
    return null;
  }
  const amount = isJsonObject(result.amount) ? result.amount : null;
  if (amount === null) {
    check.fail(`${path}amount`, `expected an object {"value", "currency"}, got ${describe(result.amount)}`);
    return null;
  }
  return toCostRecord(row, {
    value: amount.value,
    valueField: `${path}amount.value`,
    unit: 'units',
    currency: amount.currency,
    currencyField: `${path}amount.currency`,
  });
}

function readCostCsvHeader(
  columns: readonly string[],
  line: number,
  file: string,
): CsvRowReader | IngestProblem {
  if (!columns.includes('amount_value')) {
    return {
      file,
      line,
      field: null,
      message: `expected the columns of an OpenAI cost CSV export (start_time, end_time, amount_value, …), got ${describe(columns.join(','))}`,
    };
  }
  return {
    readRow: (row) =>
      readCsvBucketRow(row, file, OPENAI_BOUNDS, (bucketRow) =>
        toCostRecord(bucketRow, {
          value: bucketRow.result.amount_value,
          valueField: 'amount_value',
          unit: 'units',
          currency: bucketRow.result.amount_currency,
          currencyField: 'amount_currency',
        }),
      ),
  };
}

function toCostRecord(row: BucketRow, stated: StatedAmount): UsageRecord | null {
  const { result, path, check } = row;
  const reportedCost = readStatedAmount(stated, check);
  const lineItem = check.optionalString(result.line_item, `${path}line_item`);
  const projectId = check.optionalString(result.project_id, `${path}project_id`);
  const apiKeyId = check.optionalString(result.api_key_id, `${path}api_key_id`);
  const tags: Record<string, string> = {};
  for (const name of ['line_item', 'quantity', 'quantity_unit', 'organization_id', 'organization_name']) {
    const value = check.optionalString(result[name], `${path}${name}`);
    if (value !== null) tags[name] = value;
  }
  if (reportedCost === null) return null;
  return {
    ...EMPTY_USAGE,
    dedupKey: bucketDedupKey('openai-costs', row.startMs, row.endMs, [
      ['line_item', lineItem],
      ['project_id', projectId],
      ['api_key_id', apiKeyId],
    ]),
    occurredAtMs: row.startMs,
    provider: 'openai',
    model: lineItem === null ? ALL_MODELS : modelOfLineItem(lineItem),
    requests: 0,
    project: projectId,
    apiKey: apiKeyId,
    tags,
    reportedCost,
    sourceLine: row.line,
  };
}

/** `gpt-4o-2024-08-06, cached input` → `gpt-4o-2024-08-06`; a line item without a kind is kept whole. */
function modelOfLineItem(lineItem: string): string {
  const comma = lineItem.lastIndexOf(', ');
  return comma > 0 ? lineItem.slice(0, comma) : lineItem;
}
