import { EMPTY_USAGE, type UsageRecord } from '../model/usage-record.ts';
import { bucketDedupKey, dimensionTags } from './bucket-dedup-key.ts';
import type { BucketRow } from './read-page-buckets.ts';
import { describe, type RowChecker } from './row-checker.ts';

/**
 * The usage endpoints of the OpenAI Usage API (`/v1/organization/usage/<path>`), by the middle of their
 * result `object` (`organization.usage.<name>.result`), FORMATS.md §1.2-1.3.
 */
export const OPENAI_USAGE_ENDPOINTS = [
  'completions',
  'embeddings',
  'moderations',
  'images',
  'audio_speeches',
  'audio_transcriptions',
  'vector_stores',
  'code_interpreter_sessions',
  'file_searches',
  'web_searches',
] as const;

export type OpenaiUsageEndpoint = (typeof OPENAI_USAGE_ENDPOINTS)[number];

/** Stored as `model` when the export is not grouped by model: reports show it, the price book does not price it. */
export const ALL_MODELS = '(all models)';

/** Every group-by dimension of every endpoint, in key order (a row has null for those it is not split by). */
const DIMENSIONS = [
  'project_id',
  'user_id',
  'api_key_id',
  'model',
  'batch',
  'service_tier',
  'size',
  'source',
  'vector_store_id',
  'context_level',
] as const;

type Dimension = (typeof DIMENSIONS)[number];

/** Dimensions that only some endpoints have: kept as tags too, for reports. */
const TAGGED_DIMENSIONS = ['size', 'source', 'vector_store_id', 'context_level'] as const;

/** Units that are neither tokens nor requests, kept as tags (the price book prices tokens and web searches only). */
const UNIT_FIELDS = ['images', 'characters', 'seconds', 'usage_bytes', 'num_sessions'] as const;

/**
 * One usage result row: a Usage API `results[]` object, or a row of the dashboard's CSV export (the
 * same fields flattened, cells as text). Tokens are made disjoint: the API's `input_tokens` includes
 * cached and cache-write tokens, so uncached input = input − cached − written (§1.2). Model requests of
 * web and file searches are already counted by the completions endpoint: here they add calls, not requests.
 */
export function readOpenaiUsageResult(row: BucketRow, endpoint: OpenaiUsageEndpoint): UsageRecord {
  const { result, path, check } = row;
  const field = (name: string): string => `${path}${name}`;
  const dims = readDimensions(row);
  const tags: Record<string, string> = {
    endpoint,
    ...dimensionTags(TAGGED_DIMENSIONS, (name) => dims.get(name)),
  };
  for (const name of UNIT_FIELDS) {
    if (result[name] !== undefined && result[name] !== null)
      tags[name] = String(check.count(result[name], field(name)));
  }
  const isTokenEndpoint =
    endpoint === 'completions' || endpoint === 'embeddings' || endpoint === 'moderations';
  const inputTokens = isTokenEndpoint ? check.count(result.input_tokens, field('input_tokens'), true) : 0;
  const cachedTokens = check.count(result.input_cached_tokens, field('input_cached_tokens'));
  const cacheWriteTokens = check.count(result.input_cache_write_tokens, field('input_cache_write_tokens'));
  if (cachedTokens + cacheWriteTokens > inputTokens) {
    check.fail(
      field(cacheWriteTokens === 0 ? 'input_cached_tokens' : 'input_cache_write_tokens'),
      `expected input_cached_tokens + input_cache_write_tokens at most input_tokens (${inputTokens}), got ${cachedTokens + cacheWriteTokens}`,
    );
  }
  const uncachedTokens = Math.max(0, inputTokens - cachedTokens - cacheWriteTokens);
  const statedUncached = result.input_uncached_tokens;
  if (statedUncached !== undefined && statedUncached !== null) {
    const stated = check.count(statedUncached, field('input_uncached_tokens'));
    if (stated !== uncachedTokens) {
      check.fail(
        field('input_uncached_tokens'),
        `expected input_tokens - input_cached_tokens - input_cache_write_tokens (${uncachedTokens}), got ${describe(statedUncached)}`,
      );
    }
  }
  const searchCalls = endpoint === 'web_searches' || endpoint === 'file_searches';
  const calls = searchCalls ? check.count(result.num_requests, field('num_requests'), true) : 0;
  if (endpoint === 'file_searches') tags.file_search_calls = String(calls);
  const requests =
    searchCalls || endpoint === 'vector_stores' || endpoint === 'code_interpreter_sessions'
      ? 0
      : check.count(result.num_model_requests, field('num_model_requests'), true);
  const text = (name: Dimension): string | null => {
    const dimension = dims.get(name);
    return typeof dimension === 'string' ? dimension : null;
  };
  return {
    ...EMPTY_USAGE,
    dedupKey: bucketDedupKey(
      `openai-usage:${endpoint}`,
      row.startMs,
      row.endMs,
      DIMENSIONS.map((name) => [name, dims.get(name) ?? null]),
    ),
    occurredAtMs: row.startMs,
    provider: 'openai',
    model: text('model') ?? ALL_MODELS,
    requests,
    inputTokens: uncachedTokens,
    cacheReadTokens: cachedTokens,
    cacheWriteTokens,
    outputTokens:
      endpoint === 'completions' ? check.count(result.output_tokens, field('output_tokens'), true) : 0,
    webSearchRequests: endpoint === 'web_searches' ? calls : 0,
    project: text('project_id'),
    user: text('user_id'),
    apiKey: text('api_key_id'),
    serviceTier: text('service_tier'),
    isBatch: dims.get('batch') === true,
    tags,
    sourceLine: row.line,
  };
}

function readDimensions({ result, path, check }: BucketRow): ReadonlyMap<Dimension, string | boolean | null> {
  return new Map(
    DIMENSIONS.map((name) => [
      name,
      name === 'batch'
        ? readBatch(result.batch, `${path}batch`, check)
        : check.optionalString(result[name], `${path}${name}`),
    ]),
  );
}

/** `batch` is a boolean in the API and `TRUE`/`false`/… in the dashboard CSV; null when not grouped by it. */
function readBatch(value: unknown, field: string, check: RowChecker): boolean | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  check.fail(field, `expected true, false or null, got ${describe(value)}`);
  return null;
}
