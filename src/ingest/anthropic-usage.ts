/**
 * anthropic-usage: the Anthropic Admin API usage report, `GET /v1/organizations/usage_report/messages`
 * (admin key `sk-ant-admin…`), saved as returned: one page pretty-printed, pages one per line, or a
 * JSON array of pages. Docs: https://docs.anthropic.com/en/api/admin-api/usage-cost/get-messages-usage-report;
 * FORMATS.md §2.1.
 *
 *   {"data":[{"starting_at":"2026-11-01T00:00:00Z","ending_at":"2026-11-02T00:00:00Z","results":[
 *    {"uncached_input_tokens":1500,"cache_creation":{"ephemeral_5m_input_tokens":1000,
 *     "ephemeral_1h_input_tokens":0},"cache_read_input_tokens":20000,"output_tokens":900,
 *     "server_tool_use":{"web_search_requests":2},"model":"claude-sonnet-4-5-20250929",
 *     "workspace_id":null,"api_key_id":"apikey_01Rj","service_tier":"standard","context_window":"0-200k"}]}],
 *    "has_more":false,"next_page":null}
 *
 * The report's token classes are already disjoint. It has no request count: `requests` is null, so
 * reports say the count is unknown rather than 0. `workspace_id` null is the default workspace (or no
 * grouping by workspace), `api_key_id` null is Console/Workbench use (or no grouping by key).
 * Dedup key: `anthropic-usage:<start>-<end>:<grouping dimensions with a value>` (bucket-dedup-key.ts):
 * the same bucket and grouping from a re-export or another page layout is the same record; an export
 * grouped differently does not collide with it.
 */
import { EMPTY_USAGE, type UsageRecord } from '../model/usage-record.ts';
import { DOCUMENT_SNIFF_LINES, type Adapter } from './adapter.ts';
import { readServiceTier } from './read-service-tier.ts';
import { createBillingExportParser } from './billing-export-parser.ts';
import { bucketDedupKey, dimensionTags } from './bucket-dedup-key.ts';
import { startsWithJson } from './openai-usage.ts';
import { isJsonObject, type JsonObject } from './parse-json-object.ts';
import { ALL_MODELS } from './read-openai-usage-result.ts';
import { readPageBuckets, type BucketRow } from './read-page-buckets.ts';
import { describe } from './row-checker.ts';

export const ANTHROPIC_BOUNDS = { start: 'starting_at', end: 'ending_at' } as const;

/** Group-by dimensions of the usage report, in key order. */
const DIMENSIONS = [
  'workspace_id',
  'api_key_id',
  'model',
  'service_tier',
  'context_window',
  'inference_geo',
  'account_id',
  'service_account_id',
  'speed',
] as const;

/** Dimensions with no field of their own in a usage record, kept as tags. */
const TAGGED_DIMENSIONS = ['context_window', 'inference_geo', 'service_account_id', 'speed'] as const;

export const anthropicUsageAdapter: Adapter = {
  kind: 'billing',
  isDocument: true,
  sniffLines: DOCUMENT_SNIFF_LINES,
  format: 'anthropic-usage',
  obtainedFrom: "the Admin API's GET /v1/organizations/usage_report/messages (an admin key) saved as JSON",
  description:
    'Anthropic Admin API usage report pages (GET /v1/organizations/usage_report/messages; admin key) ' +
    'saved as JSON; no request counts in it (reported as unknown)',
  example:
    '{"data":[{"starting_at":"2026-11-01T00:00:00Z","ending_at":"2026-11-02T00:00:00Z","results":[{"uncached_input_tokens":1500,"cache_creation":{"ephemeral_5m_input_tokens":1000,"ephemeral_1h_input_tokens":0},"cache_read_input_tokens":20000,"output_tokens":900,"server_tool_use":{"web_search_requests":2},"model":"claude-sonnet-4-5-20250929","workspace_id":null,"api_key_id":"apikey_01Rj","service_tier":"standard"}]}],"has_more":false,"next_page":null}',
  sniff(firstLines) {
    if (!startsWithJson(firstLines)) return false;
    if (firstLines.some((line) => /"uncached_input_tokens"\s*:/.test(line))) return true;
    // Only empty buckets so far: an Anthropic report page that is not a cost report is a usage one.
    return (
      firstLines.some((line) => /"starting_at"\s*:/.test(line)) &&
      !firstLines.some((line) => /"(amount|cost_type|token_type)"\s*:/.test(line))
    );
  },
  createParser(source) {
    const file = source.file;
    return createBillingExportParser(file, {
      name: 'an Anthropic usage report page',
      readJsonObject: (found) => readPageBuckets(found, file, ANTHROPIC_BOUNDS, readUsageResult),
    });
  },
};

function readUsageResult(row: BucketRow): UsageRecord {
  const { result, path, check } = row;
  const field = (name: string): string => `${path}${name}`;
  const dims = DIMENSIONS.map((name) => [name, check.optionalString(result[name], field(name))] as const);
  const text = (name: (typeof DIMENSIONS)[number]): string | null =>
    dims.find(([dimension]) => dimension === name)?.[1] ?? null;
  if (result.amount !== undefined) {
    check.fail(field('amount'), 'expected usage, got a cost (a cost report page: use --from anthropic-cost)');
  }
  const cacheCreation = readObject(result.cache_creation, field('cache_creation'), check);
  const serverToolUse = readObject(result.server_tool_use, field('server_tool_use'), check);
  const tags = dimensionTags(TAGGED_DIMENSIONS, text);
  return {
    ...EMPTY_USAGE,
    dedupKey: bucketDedupKey('anthropic-usage', row.startMs, row.endMs, dims),
    occurredAtMs: row.startMs,
    provider: 'anthropic',
    model: text('model') ?? ALL_MODELS,
    requests: null,
    inputTokens: check.count(result.uncached_input_tokens, field('uncached_input_tokens'), true),
    cacheReadTokens: check.count(result.cache_read_input_tokens, field('cache_read_input_tokens')),
    cacheWrite5mTokens: check.count(
      cacheCreation.ephemeral_5m_input_tokens,
      field('cache_creation.ephemeral_5m_input_tokens'),
    ),
    cacheWrite1hTokens: check.count(
      cacheCreation.ephemeral_1h_input_tokens,
      field('cache_creation.ephemeral_1h_input_tokens'),
    ),
    outputTokens: check.count(result.output_tokens, field('output_tokens'), true),
    webSearchRequests: check.count(
      serverToolUse.web_search_requests,
      field('server_tool_use.web_search_requests'),
    ),
    workspace: text('workspace_id'),
    apiKey: text('api_key_id'),
    user: text('account_id'),
    ...readServiceTier(text('service_tier')),
    tags,
    sourceLine: row.line,
  };
}

function readObject(value: unknown, field: string, check: BucketRow['check']): JsonObject {
  if (value === undefined || value === null) return {};
  if (isJsonObject(value)) return value;
  check.fail(field, `expected an object, got ${describe(value)}`);
  return {};
}
