/**
 * llmcost-jsonl: llmcost's own interchange format. One JSON object per line, snake_case keys, one usage
 * record per line (a request, or an aggregate when `requests` > 1). Blank lines are skipped.
 *
 * | key                     | type                         | default | meaning                                                   |
 * | ----------------------- | ---------------------------- | ------- | --------------------------------------------------------- |
 * | `ts`                    | string or number, required   |         | ISO 8601 with a zone (`Z`, `+02:00`), or Unix seconds      |
 * | `provider`              | string, required             |         | who bills: `openai`, `anthropic`, … (lower-cased on read) |
 * | `model`                 | string, required             |         | model id as the provider names it                         |
 * | `id`                    | string                       |         | dedup key, verbatim: make it globally unique, e.g.        |
 * |                         |                              |         | `openai:chatcmpl-123` (without it: a hash of the record)  |
 * | `requests`              | integer ≥ 0 or null          | 1       | request count; null = unknown                             |
 * | `input_tokens`          | integer ≥ 0                  | 0       | uncached input only                                       |
 * | `cache_read_tokens`     | integer ≥ 0                  | 0       | input served from a prompt cache                          |
 * | `cache_write_5m_tokens` | integer ≥ 0                  | 0       | cache writes with a 5-minute TTL                          |
 * | `cache_write_1h_tokens` | integer ≥ 0                  | 0       | cache writes with a 1-hour TTL                            |
 * | `cache_write_tokens`    | integer ≥ 0                  | 0       | cache writes, TTL unknown                                 |
 * | `output_tokens`         | integer ≥ 0                  | 0       | all output, reasoning included                            |
 * | `reasoning_tokens`      | integer ≥ 0, ≤ output_tokens | 0       | the reasoning part of `output_tokens`                     |
 * | `web_search_requests`   | integer ≥ 0                  | 0       | server-side web searches                                  |
 * | `status`                | `"ok"` or `"error"`          | `"ok"`  | failed requests are counted, not priced                   |
 * | `project`, `user`, `team`, `api_key`, `workspace`, `session`, `service_tier` | string | null | attribution  |
 * | `batch`                 | boolean                      | false   | billed at the batch rate                                  |
 * | `tags`                  | object of string values      | {}      | free-form labels                                          |
 * | `cost`                  | decimal string or number     |         | the cost the source states (priced otherwise)             |
 * | `currency`              | ISO 4217 code                | `USD`   | currency of `cost` (upper-cased on read)                  |
 * | `latency_ms`            | number 0–3,600,000 or null   | null    | request start to end, ms (rounded to whole ms)            |
 * | `ttft_ms`               | number 0–3,600,000 or null   | null    | request start to first output token, ms                   |
 *
 * Token classes are disjoint: the prompt is input + cache reads + cache writes. Any other key is an error
 * (so a typo such as `output_token` is not silently read as 0). Numbers above 1e11 in `ts` are read as
 * Unix milliseconds.
 *
 *   {"ts":"2026-11-02T09:15:00Z","provider":"openai","model":"gpt-4o-2024-08-06","id":"openai:chatcmpl-123","input_tokens":400,"cache_read_tokens":600,"output_tokens":200,"project":"support-bot"}
 */
import { numberToPico, parseDecimalToPico } from '../model/money.ts';
import {
  EMPTY_USAGE,
  type ReportedCost,
  type RequestStatus,
  type UsageRecord,
} from '../model/usage-record.ts';
import { NO_RECORDS, type Adapter, type LineParser } from './adapter.ts';
import { contentDedupKey } from './content-dedup-key.ts';
import { isJsonObject, parseJsonObject, type JsonObject } from './parse-json-object.ts';
import { parseInstant } from './parse-instant.ts';
import { readDuration } from './read-timing.ts';
import { createRowChecker, describe, type RowChecker } from './row-checker.ts';
import { suggestKey } from './suggest-key.ts';

const TOKEN_KEYS = [
  'input_tokens',
  'cache_read_tokens',
  'cache_write_5m_tokens',
  'cache_write_1h_tokens',
  'cache_write_tokens',
  'output_tokens',
  'reasoning_tokens',
] as const;

const KEYS: readonly string[] = [
  'ts',
  'provider',
  'model',
  'id',
  'requests',
  ...TOKEN_KEYS,
  'web_search_requests',
  'status',
  'project',
  'user',
  'team',
  'api_key',
  'workspace',
  'session',
  'service_tier',
  'batch',
  'tags',
  'cost',
  'currency',
  'latency_ms',
  'ttft_ms',
];

/** An ISO 8601 text must end in its zone: a zone-less time would be read in whoever's zone wrote it. */
const ENDS_WITH_ZONE = /(?:[Zz]|[+-]\d{2}:?\d{2})$/;
const CURRENCY_CODE = /^[A-Za-z]{3}$/;
const OPEN_BRACE = 0x7b;

export const llmcostJsonlAdapter: Adapter = {
  kind: 'requests',
  format: 'llmcost-jsonl',
  description: "llmcost's own JSONL interchange format: one normalized usage record per line",
  obtainedFrom: 'written by your own scripts, for any source llmcost has no adapter for',
  example:
    '{"ts":"2026-11-02T09:15:00Z","provider":"openai","model":"gpt-4o-2024-08-06","id":"openai:chatcmpl-123","input_tokens":400,"cache_read_tokens":600,"output_tokens":200,"project":"support-bot"}',
  sniff(firstLines) {
    const first = firstLines.find((line) => line.trim() !== '');
    if (first === undefined) return false;
    const parsed = parseJsonObject(first, '', 0);
    if (!parsed.ok) return false;
    const row = parsed.value;
    return 'ts' in row && 'provider' in row && 'model' in row && TOKEN_KEYS.some((key) => key in row);
  },
  createParser(source) {
    return createLlmcostJsonlParser(source.file);
  },
};

function createLlmcostJsonlParser(file: string): LineParser {
  return {
    parseLine(text, lineNumber) {
      if (text.charCodeAt(0) !== OPEN_BRACE && text.trim() === '') return NO_RECORDS;
      const parsed = parseJsonObject(text, file, lineNumber);
      if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
      const check = createRowChecker(file, lineNumber);
      const record = readRow(parsed.value, check, lineNumber);
      return check.problems.length > 0
        ? { ok: false, problems: check.problems }
        : { ok: true, records: [record] };
    },
    finish() {
      return NO_RECORDS;
    },
  };
}

function readRow(row: JsonObject, check: RowChecker, lineNumber: number): UsageRecord {
  for (const key in row) {
    if (!isKnownKey(key)) reportUnknownKey(key, check);
  }
  const id = check.optionalString(row.id, 'id');
  const record = {
    dedupKey: id ?? '',
    occurredAtMs: readTimestamp(row.ts, check),
    provider: check.requiredString(row.provider, 'provider').toLowerCase(),
    model: check.requiredString(row.model, 'model'),
    requests:
      row.requests === null ? null : row.requests === undefined ? 1 : check.count(row.requests, 'requests'),
    inputTokens: check.count(row.input_tokens, 'input_tokens'),
    cacheReadTokens: check.count(row.cache_read_tokens, 'cache_read_tokens'),
    cacheWrite5mTokens: check.count(row.cache_write_5m_tokens, 'cache_write_5m_tokens'),
    cacheWrite1hTokens: check.count(row.cache_write_1h_tokens, 'cache_write_1h_tokens'),
    cacheWriteTokens: check.count(row.cache_write_tokens, 'cache_write_tokens'),
    outputTokens: check.count(row.output_tokens, 'output_tokens'),
    reasoningTokens: check.count(row.reasoning_tokens, 'reasoning_tokens'),
    webSearchRequests: check.count(row.web_search_requests, 'web_search_requests'),
    status: readStatus(row.status, check),
    project: check.optionalString(row.project, 'project'),
    user: check.optionalString(row.user, 'user'),
    team: check.optionalString(row.team, 'team'),
    apiKey: check.optionalString(row.api_key, 'api_key'),
    workspace: check.optionalString(row.workspace, 'workspace'),
    session: check.optionalString(row.session, 'session'),
    serviceTier: check.optionalString(row.service_tier, 'service_tier'),
    isBatch: readBatch(row.batch, check),
    tags: readTags(row.tags, check),
    reportedCost: readCost(row.cost, row.currency, check),
    latencyMs: readDuration(row.latency_ms, 'latency_ms', check),
    timeToFirstTokenMs: readDuration(row.ttft_ms, 'ttft_ms', check),
    sourceLine: lineNumber,
  };
  if (record.reasoningTokens > record.outputTokens) {
    check.fail(
      'reasoning_tokens',
      `expected at most output_tokens (${record.outputTokens}), got ${record.reasoningTokens}`,
    );
  }
  // Without an id, the record's own content is its identity (key order and spacing of the line don't matter).
  if (id === null && check.problems.length === 0) record.dedupKey = contentDedupKey('llmcost', record);
  return record;
}

function readTimestamp(value: unknown, check: RowChecker): number {
  const ms = typeof value === 'string' && !hasZone(value) ? null : parseInstant(value);
  if (ms === null) {
    check.fail(
      'ts',
      `expected an ISO 8601 timestamp with a zone (Z or ±hh:mm) or Unix seconds, got ${describe(value)}`,
    );
    return 0;
  }
  return ms;
}

function hasZone(text: string): boolean {
  return text.endsWith('Z') || ENDS_WITH_ZONE.test(text);
}

function readStatus(value: unknown, check: RowChecker): RequestStatus {
  if (value === undefined || value === null || value === 'ok') return 'ok';
  if (value === 'error') return 'error';
  check.fail('status', `expected "ok" or "error", got ${describe(value)}`);
  return 'ok';
}

function readBatch(value: unknown, check: RowChecker): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  check.fail('batch', `expected true or false, got ${describe(value)}`);
  return false;
}

function readTags(value: unknown, check: RowChecker): Readonly<Record<string, string>> {
  if (value === undefined || value === null) return EMPTY_USAGE.tags;
  if (!isJsonObject(value)) {
    check.fail('tags', `expected an object of string values, got ${describe(value)}`);
    return EMPTY_USAGE.tags;
  }
  let isValid = true;
  for (const key in value) {
    if (typeof value[key] !== 'string') {
      check.fail(`tags.${key}`, `expected a string, got ${describe(value[key])}`);
      isValid = false;
    }
  }
  // The parsed object is fresh and now known to hold strings only: no copy needed.
  return isValid ? (value as Readonly<Record<string, string>>) : EMPTY_USAGE.tags;
}

function readCost(cost: unknown, currency: unknown, check: RowChecker): ReportedCost | null {
  if (cost === undefined || cost === null) return null;
  const amountPico =
    typeof cost === 'string'
      ? parseDecimalToPico(cost)
      : typeof cost === 'number'
        ? numberToPico(cost)
        : null;
  if (amountPico === null)
    check.fail('cost', `expected a decimal number such as "0.0125", got ${describe(cost)}`);
  const currencyCode = readCurrency(currency, check);
  return amountPico === null ? null : { amountPico, currency: currencyCode };
}

function readCurrency(value: unknown, check: RowChecker): string {
  if (value === undefined || value === null) return 'USD';
  if (typeof value === 'string' && CURRENCY_CODE.test(value)) return value.toUpperCase();
  check.fail('currency', `expected an ISO 4217 code such as "USD", got ${describe(value)}`);
  return 'USD';
}

/** `KEYS` as a switch: three times faster than a `Set` lookup per key of every line. Keep the two in step. */
function isKnownKey(key: string): boolean {
  switch (key) {
    case 'ts':
    case 'provider':
    case 'model':
    case 'id':
    case 'requests':
    case 'input_tokens':
    case 'cache_read_tokens':
    case 'cache_write_5m_tokens':
    case 'cache_write_1h_tokens':
    case 'cache_write_tokens':
    case 'output_tokens':
    case 'reasoning_tokens':
    case 'web_search_requests':
    case 'status':
    case 'project':
    case 'user':
    case 'team':
    case 'api_key':
    case 'workspace':
    case 'session':
    case 'service_tier':
    case 'batch':
    case 'tags':
    case 'latency_ms':
    case 'ttft_ms':
    case 'cost':
    case 'currency':
      return true;
    default:
      return false;
  }
}

function reportUnknownKey(key: string, check: RowChecker): void {
  const suggestion = suggestKey(key, KEYS);
  check.fail(
    key,
    suggestion === null
      ? `unknown key; llmcost-jsonl keys are ${KEYS.join(', ')}`
      : `unknown key; did you mean "${suggestion}"?`,
  );
}
