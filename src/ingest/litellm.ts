/**
 * LiteLLM proxy spend logs (FORMATS.md §4): rows of the `LiteLLM_SpendLogs` table, as `GET /spend/logs`
 * returns them (a JSON array; `/spend/logs/v2` wraps them in `{"data":[…]}`) or as a CSV dump of the
 * table; and `StandardLoggingPayload` objects, one per line, as LiteLLM's logging callbacks write them.
 * Docs: https://docs.litellm.ai/docs/proxy/cost_tracking and https://docs.litellm.ai/docs/proxy/logging_spec
 *
 *   {"request_id":"chatcmpl-9x…","call_type":"acompletion","api_key":"88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b",
 *    "spend":0.00921,"total_tokens":10700,"prompt_tokens":10500,"completion_tokens":200,
 *    "startTime":"2026-11-02T09:15:00.123000Z","model":"claude-sonnet-4-5-20250929",
 *    "custom_llm_provider":"anthropic","user":"ada","team_id":"team-search","end_user":"cust-42",
 *    "cache_hit":"False","request_tags":["feature:search"],"metadata":{"additional_usage_values":
 *    {"cache_read_input_tokens":8000,"cache_creation_input_tokens":2000}}}
 *
 * Mapping: LiteLLM's `prompt_tokens` follows OpenAI and includes cache reads and writes (for Anthropic
 * it adds them in). The split comes from the usage details (`metadata.additional_usage_values`, else
 * `usage_object`; in the payload `metadata.usage_object`, `hidden_params.usage_object` or
 * `response.usage`): cacheRead = `prompt_tokens_details.cached_tokens` (else
 * `cache_read_input_tokens`), cache writes = `cache_creation_input_tokens`, split by TTL when
 * `cache_creation_token_details` has it, and input = prompt − both. When the details exceed the prompt
 * the prompt cannot have included them (older LiteLLM versions logged Anthropic's uncached count):
 * input = prompt then. output = `completion_tokens`, reasoning =
 * `completion_tokens_details.reasoning_tokens`. Stated cost = `spend` / `response_cost` (LiteLLM's
 * own estimate, USD). Provider = `custom_llm_provider` (`bedrock` → aws-bedrock, `vertex_ai` →
 * google-vertex, `gemini` → google-gemini; `litellm` when absent). team = `team_id`, user = `user`
 * (the key's internal user), apiKey = `api_key` (a SHA-256 of the virtual key, never the key);
 * session = `session_id`. Tags: `request_tags` (`"k:v"` → k = v, a plain tag → tag = "true"),
 * `spend_logs_metadata`, `endUser` (the request's `user` field), `modelGroup`, `apiKeyAlias`,
 * `teamAlias`, and `cacheHit: "true"` for answers LiteLLM served from its own cache (the provider
 * never saw them; the tokens are kept as logged, the spend is 0). `status: failure` → error.
 * Timing (readTiming below): latency = `endTime` − `startTime`, time to first token =
 * `completionStartTime` − `startTime` (ISO text in spend logs, Unix seconds in payloads).
 * Dedup key `litellm:<request_id>` (= the payload's `id`, so the two overlap without doubling).
 */
import { createUsageRecord, type UsageRecord } from '../model/usage-record.ts';
import type { Adapter } from './adapter.ts';
import { isJsonObject, type JsonObject } from './parse-json-object.ts';
import { readUsdCost } from './read-reported-cost.ts';
import { createRowChecker, describe, type RowChecker } from './row-checker.ts';
import { readDuration, readTimingFromInstants } from './read-timing.ts';
import { createRowLineParser, type Row, type RowResult } from './row-reader.ts';
import { hasJsonKey, sniffStart } from './sniff-rows.ts';
import { stringTags } from './string-tags.ts';

const PROVIDER_BY_LITELLM_NAME: Readonly<Record<string, string>> = {
  bedrock: 'aws-bedrock',
  bedrock_converse: 'aws-bedrock',
  vertex_ai: 'google-vertex',
  vertex_ai_beta: 'google-vertex',
  gemini: 'google-gemini',
  azure: 'azure',
  azure_ai: 'azure',
};

export const litellmAdapter: Adapter = {
  kind: 'requests',
  format: 'litellm',
  description:
    'LiteLLM proxy spend logs (/spend/logs JSON, LiteLLM_SpendLogs table as CSV) and StandardLoggingPayload JSONL',
  obtainedFrom:
    'GET <proxy>/spend/logs (JSON); \\copy "LiteLLM_SpendLogs" TO … CSV HEADER from the proxy database; or a logging callback (S3, GCS, custom)',
  example:
    '{"request_id":"chatcmpl-9xA1","call_type":"acompletion","api_key":"88dc28d0f0…","spend":0.00921,"prompt_tokens":10500,"completion_tokens":200,"startTime":"2026-11-02T09:15:00Z","model":"claude-sonnet-4-5-20250929","custom_llm_provider":"anthropic","cache_hit":"False","metadata":{"additional_usage_values":{"cache_read_input_tokens":8000,"cache_creation_input_tokens":2000}}}',
  isDocument: true,
  sniff(firstLines) {
    const { jsonText, csvColumns } = sniffStart(firstLines);
    if (jsonText === null) return csvColumns.has('request_id') && csvColumns.has('spend');
    const isSpendLog =
      hasJsonKey(jsonText, 'request_id') &&
      (hasJsonKey(jsonText, 'call_type') || hasJsonKey(jsonText, 'spend'));
    const isPayload = hasJsonKey(jsonText, 'response_cost') && hasJsonKey(jsonText, 'call_type');
    return isSpendLog || isPayload;
  },
  createParser(source) {
    return createRowLineParser(source.file, (row) => readRow(row, source.file));
  },
};

/** The fields of a spend-log row and of a logging payload that differ in name or type. */
interface Fields {
  readonly idField: string;
  readonly costField: string;
  readonly metadata: JsonObject;
  readonly usageDetails: JsonObject;
  /** Where `usageDetails` was found, for problem messages. */
  readonly usageDetailsPath: string;
  readonly team: unknown;
  readonly user: unknown;
  readonly apiKey: unknown;
  readonly session: unknown;
}

function readRow(row: Row, file: string): RowResult {
  const value = row.value;
  const check = createRowChecker(file, row.line);
  const isSpendLog = 'request_id' in value;
  const metadata = readJsonField(value.metadata, 'metadata', check);
  const fields: Fields = isSpendLog
    ? {
        idField: 'request_id',
        costField: 'spend',
        metadata,
        ...pickDetails([
          [metadata.additional_usage_values, 'metadata.additional_usage_values'],
          [metadata.usage_object, 'metadata.usage_object'],
        ]),
        team: value.team_id,
        user: value.user,
        apiKey: value.api_key,
        session: value.session_id,
      }
    : {
        idField: 'id',
        costField: 'response_cost',
        metadata,
        ...pickDetails([
          [metadata.usage_object, 'metadata.usage_object'],
          [
            isJsonObject(value.hidden_params) ? value.hidden_params.usage_object : undefined,
            'hidden_params.usage_object',
          ],
          [isJsonObject(value.response) ? value.response.usage : undefined, 'response.usage'],
        ]),
        team: metadata.user_api_key_team_id,
        user: metadata.user_api_key_user_id,
        apiKey: metadata.user_api_key_hash,
        session: value.session_id,
      };
  const record = readRecord(value, fields, row.line, check);
  return check.problems.length > 0
    ? { ok: false, problems: check.problems }
    : { ok: true, records: [record] };
}

function readRecord(row: JsonObject, fields: Fields, line: number, check: RowChecker): UsageRecord {
  const { metadata } = fields;
  const tokens = readTokens(row, fields.usageDetails, fields.usageDetailsPath, check);
  const litellmProvider = check.optionalString(row.custom_llm_provider, 'custom_llm_provider');
  const model = check.requiredString(row.model, 'model');
  const modelGroup = check.optionalString(row.model_group, 'model_group');
  const isCacheHit = row.cache_hit === true || row.cache_hit === 'True' || row.cache_hit === 'true';
  const problemsBefore = check.problems.length;
  const occurredAtMs = check.instant(row.startTime, 'startTime');
  const timing = readTiming(
    row,
    fields,
    check.problems.length === problemsBefore ? occurredAtMs : null,
    check,
  );
  return createUsageRecord(
    {
      dedupKey: `litellm:${check.requiredString(row[fields.idField], fields.idField)}`,
      occurredAtMs,
      provider:
        litellmProvider === null
          ? 'litellm'
          : (PROVIDER_BY_LITELLM_NAME[litellmProvider] ?? litellmProvider.toLowerCase()),
      model,
      status: row.status === 'failure' ? 'error' : 'ok',
      user: check.optionalString(fields.user, 'user'),
      team: check.optionalString(fields.team, 'team_id'),
      apiKey: check.optionalString(fields.apiKey, 'api_key'),
      session: check.optionalString(fields.session, 'session_id'),
      tags: {
        ...readRequestTags(row.request_tags, check),
        ...stringTags(isJsonObject(metadata.spend_logs_metadata) ? metadata.spend_logs_metadata : {}),
        ...stringTags({
          endUser: row.end_user,
          modelGroup: modelGroup === model ? undefined : modelGroup,
          apiKeyAlias: metadata.user_api_key_alias,
          teamAlias: metadata.user_api_key_team_alias,
          cacheHit: isCacheHit ? 'true' : undefined,
        }),
      },
      reportedCost: readUsdCost(row[fields.costField], fields.costField, check),
      latencyMs: timing.latencyMs,
      timeToFirstTokenMs: timing.timeToFirstTokenMs,
      sourceLine: line,
    },
    tokens,
  );
}

/**
 * Latency = `endTime` − `startTime` (else the spend log's `request_duration_ms`, the payload's
 * `response_time` in seconds); time to first token = `completionStartTime` − `startTime`. LiteLLM sets
 * `completionStartTime` to `endTime` for a request that was not streamed: its first token came with
 * the whole answer.
 */
function readTiming(row: JsonObject, fields: Fields, startMs: number | null, check: RowChecker) {
  const timing = readTimingFromInstants(
    startMs,
    [row.endTime, 'endTime'],
    [row.completionStartTime, 'completionStartTime'],
    check,
  );
  if (timing.latencyMs !== null || (row.endTime !== undefined && row.endTime !== null && row.endTime !== ''))
    return timing;
  const latencyMs =
    fields.idField === 'request_id'
      ? readDuration(row.request_duration_ms, 'request_duration_ms', check)
      : readDuration(row.response_time, 'response_time', check, 1000);
  return { ...timing, latencyMs };
}

function readTokens(row: JsonObject, details: JsonObject, path: string, check: RowChecker) {
  const prompt = check.count(row.prompt_tokens, 'prompt_tokens', true);
  const output = check.count(row.completion_tokens, 'completion_tokens', true);
  const promptDetails = isJsonObject(details.prompt_tokens_details) ? details.prompt_tokens_details : {};
  const outputDetails = isJsonObject(details.completion_tokens_details)
    ? details.completion_tokens_details
    : {};
  const cacheRead = check.count(
    promptDetails.cached_tokens ?? details.cache_read_input_tokens,
    `${path}.prompt_tokens_details.cached_tokens`,
  );
  const cacheWrite = check.count(
    details.cache_creation_input_tokens ?? promptDetails.cache_creation_tokens,
    `${path}.cache_creation_input_tokens`,
  );
  const split = firstObject(promptDetails.cache_creation_token_details, details.cache_creation);
  const fiveMinutes = check.count(
    split.ephemeral_5m_input_tokens,
    `${path}.cache_creation.ephemeral_5m_input_tokens`,
  );
  const oneHour = check.count(
    split.ephemeral_1h_input_tokens,
    `${path}.cache_creation.ephemeral_1h_input_tokens`,
  );
  const reasoning = check.count(
    outputDetails.reasoning_tokens,
    `${path}.completion_tokens_details.reasoning_tokens`,
  );
  if (fiveMinutes + oneHour > cacheWrite) {
    check.fail(
      `${path}.cache_creation`,
      `expected ephemeral_5m + ephemeral_1h (${fiveMinutes + oneHour}) not to exceed cache_creation_input_tokens (${cacheWrite})`,
    );
  }
  if (reasoning > output)
    check.fail(
      `${path}.completion_tokens_details.reasoning_tokens`,
      `expected at most completion_tokens (${output}), got ${reasoning}`,
    );
  const isPromptInclusive = cacheRead + cacheWrite <= prompt;
  return {
    inputTokens: isPromptInclusive ? prompt - cacheRead - cacheWrite : prompt,
    cacheReadTokens: cacheRead,
    cacheWrite5mTokens: fiveMinutes,
    cacheWrite1hTokens: oneHour,
    cacheWriteTokens: Math.max(0, cacheWrite - fiveMinutes - oneHour),
    outputTokens: output,
    reasoningTokens: reasoning,
  };
}

/** A JSON column: an object, or (CSV dumps, some versions) its JSON text. Absent or empty: {}. */
function readJsonField(value: unknown, field: string, check: RowChecker): JsonObject {
  const parsed = parseJsonText(value);
  if (parsed === undefined || parsed === null) return {};
  if (isJsonObject(parsed)) return parsed;
  check.fail(field, `expected a JSON object, got ${describe(value)}`);
  return {};
}

/** `request_tags`: a list of strings, or its JSON text. `"k:v"` → k = v; a plain tag → tag = "true". */
function readRequestTags(value: unknown, check: RowChecker): Readonly<Record<string, string>> {
  const parsed = parseJsonText(value);
  if (parsed === undefined || parsed === null) return {};
  if (!Array.isArray(parsed) || !parsed.every((tag) => typeof tag === 'string')) {
    check.fail('request_tags', `expected a list of strings, got ${describe(value)}`);
    return {};
  }
  const tags: Record<string, string> = {};
  for (const tag of parsed) {
    const colon = tag.indexOf(':');
    if (colon > 0) tags[tag.slice(0, colon).trim()] = tag.slice(colon + 1).trim();
    else if (tag !== '') tags[tag] = 'true';
  }
  return tags;
}

/** A value, or the value its JSON text stands for; undefined for an empty cell or text that is not JSON. */
function parseJsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function firstObject(...values: readonly unknown[]): JsonObject {
  return values.find((value): value is JsonObject => isJsonObject(value)) ?? {};
}

/** The first of the places usage details may be that holds an object, with its path. */
function pickDetails(
  candidates: readonly (readonly [unknown, string])[],
): Pick<Fields, 'usageDetails' | 'usageDetailsPath'> {
  for (const [value, path] of candidates) {
    if (isJsonObject(value)) return { usageDetails: value, usageDetailsPath: path };
  }
  return { usageDetails: {}, usageDetailsPath: candidates[0]?.[1] ?? 'metadata' };
}
