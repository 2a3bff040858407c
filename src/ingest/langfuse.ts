/**
 * Langfuse observations (FORMATS.md §8.1): pages of `GET /api/public/v2/observations`
 * (`{"data":[…],"meta":{"cursor":…}}`, `usageDetails` / `costDetails` / `totalCost`), of the legacy
 * `GET /api/public/observations` (`usage`, `calculatedTotalCost`), either saved as JSON or JSONL, and
 * the blob-storage export (the same fields in snake_case). Docs:
 * https://langfuse.com/docs/api-and-data-platform/features/public-api and
 * https://langfuse.com/docs/observability/features/token-and-cost-tracking
 *
 *   {"id":"obs-7f3a…","traceId":"tr-91c2…","type":"GENERATION","startTime":"2026-11-02T09:15:00.000Z",
 *    "providedModelName":"gpt-4o-2024-08-06","usageDetails":{"input":400,"input_cached_tokens":600,
 *    "output":150,"output_reasoning_tokens":50,"total":1200},"costDetails":{"total":0.004},
 *    "totalCost":0.004,"userId":"ada","sessionId":"s-12","tags":["beta"]}
 *
 * Mapping: Langfuse stores usage apart by kind (`input` is the prompt minus every detail, `output`
 * the completion minus reasoning), so the classes come out disjoint: cacheRead = keys containing
 * `cached` or `cache_read`; cache writes = keys containing `cache_creation` or `cache_write` (5m/1h
 * when the key says so); reasoning = keys containing `reasoning`, added back into output; input =
 * `input` and other keys starting `input`/`prompt` (audio…); output = `output` and other keys
 * starting `output`/`completion`; `total` and unit counts (characters, images) are not tokens. The
 * legacy shape without `usageDetails` gives `usage.input` / `usage.output` (cache not split out:
 * all input). Stated cost = `totalCost` (else `costDetails.total`, else `calculatedTotalCost`),
 * Langfuse's own estimate in USD. Langfuse does not record who billed: provider `langfuse`, and the
 * price book finds the model by its name. user = `userId`, session = `sessionId`, tags = `tags`
 * (each → "true"), `trace` = `traceName`, `environment`, `release`. Level ERROR → status error.
 * Observations without usage that are not generations (spans, events, tools) give no record.
 * Timing: latency = `endTime` − `startTime`, time to first token = `completionStartTime` − `startTime`
 * (traces' `latency` is not read: traces are not ingested).
 * Dedup key `langfuse:<id>`, the same in both API versions and the blob export, so overlapping
 * exports never double. Never also import traces' `totalCost`: it sums these observations.
 */
import { createUsageRecord, ZERO_TOKENS, type TokenCounts } from '../model/usage-record.ts';
import type { Adapter } from './adapter.ts';
import { isJsonObject, type JsonObject } from './parse-json-object.ts';
import { readUsdCost } from './read-reported-cost.ts';
import { createRowChecker, describe, type RowChecker } from './row-checker.ts';
import { readTimingFromInstants } from './read-timing.ts';
import { createRowLineParser, type Row, type RowResult } from './row-reader.ts';
import { hasJsonKey, sniffStart } from './sniff-rows.ts';
import { stringTags } from './string-tags.ts';

const PROVIDER = 'langfuse';
const NO_ROWS: RowResult = { ok: true, records: [] };
const USAGE_TYPES: ReadonlySet<string> = new Set(['GENERATION', 'EMBEDDING']);

export const langfuseAdapter: Adapter = {
  kind: 'requests',
  format: 'langfuse',
  description:
    'Langfuse observations: API v2 (usageDetails, costDetails) and legacy v1 pages, or blob exports',
  obtainedFrom:
    'GET <host>/api/public/v2/observations (or the legacy /api/public/observations); Langfuse blob-storage export',
  example:
    '{"id":"obs-7f3a","traceId":"tr-91c2","type":"GENERATION","startTime":"2026-11-02T09:15:00.000Z","providedModelName":"gpt-4o-2024-08-06","usageDetails":{"input":400,"input_cached_tokens":600,"output":150,"total":1150},"totalCost":0.0031}',
  isDocument: true,
  sniff(firstLines) {
    const { jsonText } = sniffStart(firstLines);
    if (jsonText === null) return false;
    const hasUsage = ['usageDetails', 'usage_details', 'calculatedTotalCost'].some((key) =>
      hasJsonKey(jsonText, key),
    );
    return hasUsage && (hasJsonKey(jsonText, 'traceId') || hasJsonKey(jsonText, 'trace_id'));
  },
  createParser(source) {
    return createRowLineParser(source.file, (row) => readObservation(row, source.file), 'json');
  },
};

/** A field by its camelCase (API) or snake_case (blob export) name. */
function field(row: JsonObject, camelCase: string): unknown {
  return row[camelCase] ?? row[camelCase.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)];
}

function readObservation(row: Row, file: string): RowResult {
  const observation = row.value;
  const check = createRowChecker(file, row.line);
  const tokens = readUsage(observation, check);
  const [costValue, costField] = statedCost(observation);
  const cost = readUsdCost(costValue, costField, check);
  const hasUsage =
    Object.values(tokens).some((count) => count > 0) || (cost !== null && cost.amountPico !== 0n);
  const type = field(observation, 'type');
  const modelValue = field(observation, 'providedModelName') ?? observation.model;
  if (
    !hasUsage &&
    (typeof type !== 'string' || !USAGE_TYPES.has(type) || modelValue === undefined || modelValue === null)
  )
    return check.problems.length > 0 ? { ok: false, problems: check.problems } : NO_ROWS;
  const tags = field(observation, 'tags');
  const problemsBefore = check.problems.length;
  const occurredAtMs = check.instant(field(observation, 'startTime'), 'startTime');
  const timing = readTimingFromInstants(
    check.problems.length === problemsBefore ? occurredAtMs : null,
    [field(observation, 'endTime'), 'endTime'],
    [field(observation, 'completionStartTime'), 'completionStartTime'],
    check,
  );
  const record = createUsageRecord(
    {
      dedupKey: `${PROVIDER}:${check.requiredString(observation.id, 'id')}`,
      occurredAtMs,
      provider: PROVIDER,
      model: check.requiredString(modelValue, 'providedModelName'),
      status: observation.level === 'ERROR' ? 'error' : 'ok',
      user: check.optionalString(field(observation, 'userId'), 'userId'),
      session: check.optionalString(field(observation, 'sessionId'), 'sessionId'),
      tags: {
        ...(Array.isArray(tags)
          ? Object.fromEntries(tags.filter((tag) => typeof tag === 'string').map((tag) => [tag, 'true']))
          : {}),
        ...stringTags({
          trace: field(observation, 'traceName'),
          environment: observation.environment,
          release: observation.release,
        }),
      },
      reportedCost: cost,
      latencyMs: timing.latencyMs,
      timeToFirstTokenMs: timing.timeToFirstTokenMs,
      sourceLine: row.line,
    },
    tokens,
  );
  return check.problems.length > 0
    ? { ok: false, problems: check.problems }
    : { ok: true, records: [record] };
}

/** `totalCost` (v2), else `costDetails.total`, else `calculatedTotalCost` (v1), with the field it came from. */
function statedCost(observation: JsonObject): readonly [unknown, string] {
  const total = field(observation, 'totalCost');
  if (total !== undefined && total !== null) return [total, 'totalCost'];
  const details = field(observation, 'costDetails');
  if (isJsonObject(details) && details.total !== undefined && details.total !== null)
    return [details.total, 'costDetails.total'];
  return [observation.calculatedTotalCost, 'calculatedTotalCost'];
}

function readUsage(observation: JsonObject, check: RowChecker) {
  const counts: { -readonly [K in keyof TokenCounts]: number } = { ...ZERO_TOKENS };
  const details = field(observation, 'usageDetails');
  const path = 'usageDetails' in observation ? 'usageDetails' : 'usage_details';
  if (isJsonObject(details) && Object.keys(details).length > 0) {
    for (const [key, value] of Object.entries(details)) {
      const kind = classifyUsageKey(key);
      if (kind === null) continue;
      const count = check.count(value, `${path}.${key}`);
      if (kind === 'reasoningTokens') counts.outputTokens += count;
      counts[kind] += count;
    }
    return counts;
  }
  if (details !== undefined && details !== null && !isJsonObject(details))
    check.fail(path, `expected an object of token counts, got ${describe(details)}`);
  const legacy = isJsonObject(observation.usage) ? observation.usage : {};
  counts.inputTokens = check.count(legacy.input ?? observation.promptTokens, 'usage.input');
  counts.outputTokens = check.count(legacy.output ?? observation.completionTokens, 'usage.output');
  return counts;
}

type TokenKind =
  | 'inputTokens'
  | 'cacheReadTokens'
  | 'cacheWrite5mTokens'
  | 'cacheWrite1hTokens'
  | 'cacheWriteTokens'
  | 'outputTokens'
  | 'reasoningTokens';

/** Which class a Langfuse usage key counts in (see the mapping above), or null for non-token keys. */
function classifyUsageKey(key: string): TokenKind | null {
  const name = key.toLowerCase();
  if (name.includes('cache_creation') || name.includes('cache_write')) {
    if (name.includes('1h')) return 'cacheWrite1hTokens';
    if (name.includes('5m')) return 'cacheWrite5mTokens';
    return 'cacheWriteTokens';
  }
  if (name.includes('cached') || name.includes('cache_read')) return 'cacheReadTokens';
  if (name.includes('reasoning')) return 'reasoningTokens';
  if (name.startsWith('input') || name.startsWith('prompt')) return 'inputTokens';
  if (name.startsWith('output') || name.startsWith('completion')) return 'outputTokens';
  return null;
}
