/**
 * OpenRouter (FORMATS.md §3), three exports of the same account's usage:
 *
 * 1. Activity export, one row per generation (openrouter.ai/activity → Export → CSV; columns are
 *    undocumented, observed: https://openrouter.ai/docs/cookbook/administration/activity-export):
 *      generation_id,created_at,cost_total,…,tokens_prompt,tokens_completion,tokens_reasoning,
 *      tokens_cached,model_permaslug,provider_name,…,user,…,api_key_name,app_name
 *      gen-1793610900-a1B2c3D4e5F6g7H8i9J0,2026-11-02 09:15:00.123,0.0042,…,1200,300,0,800,
 *      anthropic/claude-sonnet-4.5,Anthropic,…
 *    When the file also has `native_tokens_*` columns those are read instead: OpenRouter bills on
 *    the provider's native counts, `tokens_*` are its own normalized ones.
 * 2. The aggregated export grouped by model (`Date,Slug,Usage,BYOK Usage,Requests,Prompt Tokens,
 *    Completion Tokens,Reasoning Tokens`): one row per day and model, `Requests` requests.
 * 3. `GET /api/v1/generation?id=…` responses saved as JSONL, `{"data":{…}}` per line
 *    (https://openrouter.ai/docs/api-reference/get-a-generation): native counts as above; a
 *    generation whose native counts are null is read from `tokens_*` and tagged
 *    `tokenCounts: normalized`.
 *
 * Mapping: prompt counts include the cached part: input = prompt − cached, cacheRead = cached; output
 * = completion (reasoning included), reasoning = the reasoning count. Stated cost = `cost_total` /
 * `total_cost` / `Usage` (USD credits). Provider `openrouter` with the model slug as written
 * (`anthropic/claude-sonnet-4.5`), which the price book's openrouter entries price. Tags: `upstream` =
 * the provider that served it, `app`, and `byokUsd` for BYOK usage billed on your own key.
 * Timing (ms): latency = `generation_time_ms` / `generation_time` (the generation's duration), time to
 * first token = `time_to_first_token_ms` / `latency` (OpenRouter's "latency" is the time to the first
 * token); the by-model export has none.
 * Dedup keys: `openrouter:<generation id>` (the same in the CSV and the API, so the two overlap
 * without doubling) and `openrouter-daily:<Date>:<Slug>` for the aggregate. The aggregate and the
 * per-generation exports describe the same traffic under different keys: ingest one of them per period.
 */
import { createUsageRecord, type UsageRecord } from '../model/usage-record.ts';
import type { Adapter } from './adapter.ts';
import { isJsonObject, type JsonObject } from './parse-json-object.ts';
import { readUsdCost } from './read-reported-cost.ts';
import { createRowChecker, type RowChecker } from './row-checker.ts';
import { readDuration } from './read-timing.ts';
import { createRowLineParser, type Row, type RowResult } from './row-reader.ts';
import { hasJsonKey, sniffStart } from './sniff-rows.ts';
import { stringTags } from './string-tags.ts';

const PROVIDER = 'openrouter';

export const openrouterAdapter: Adapter = {
  kind: 'requests',
  format: 'openrouter',
  description:
    'OpenRouter Activity export (CSV per generation, or grouped by model) and /api/v1/generation responses as JSONL',
  obtainedFrom:
    'openrouter.ai/activity → Export → CSV; or GET https://openrouter.ai/api/v1/generation?id=<gen id>',
  example:
    'generation_id,created_at,cost_total,tokens_prompt,tokens_completion,tokens_reasoning,tokens_cached,model_permaslug,provider_name\n' +
    'gen-1793610900-a1B2c3D4e5F6g7H8i9J0,2026-11-02 09:15:00.123,0.0042,1200,300,0,800,anthropic/claude-sonnet-4.5,Anthropic',
  isDocument: true,
  sniff(firstLines) {
    const { jsonText, csvColumns } = sniffStart(firstLines);
    if (jsonText !== null) return hasJsonKey(jsonText, 'native_tokens_prompt');
    return (
      (csvColumns.has('generation_id') && csvColumns.has('cost_total')) ||
      (csvColumns.has('Slug') && csvColumns.has('Prompt Tokens') && csvColumns.has('Usage'))
    );
  },
  createParser(source) {
    return createRowLineParser(source.file, (row) => readRow(row, source.file));
  },
};

function readRow(row: Row, file: string): RowResult {
  const check = createRowChecker(file, row.line);
  const record =
    row.shape === 'json'
      ? readGeneration(row.value, row.line, check)
      : 'generation_id' in row.value
        ? readActivityRow(row.value, row.line, check)
        : readDailyRow(row.value, row.line, check);
  return check.problems.length > 0
    ? { ok: false, problems: check.problems }
    : { ok: true, records: [record] };
}

function readActivityRow(row: JsonObject, line: number, check: RowChecker): UsageRecord {
  // Native counts when the export has them: they are what OpenRouter bills.
  const prefix =
    'native_tokens_prompt' in row && row.native_tokens_prompt !== '' ? 'native_tokens_' : 'tokens_';
  const tokens = readTokens(row, prefix, check);
  const byok = readUsdCost(row.byok_usage_inference, 'byok_usage_inference', check);
  return createUsageRecord(
    {
      dedupKey: `${PROVIDER}:${check.requiredString(row.generation_id, 'generation_id')}`,
      occurredAtMs: check.instant(row.created_at, 'created_at'),
      provider: PROVIDER,
      model: check.requiredString(row.model_permaslug, 'model_permaslug'),
      user: check.optionalString(row.user, 'user'),
      apiKey: check.optionalString(row.api_key_name, 'api_key_name'),
      tags: stringTags({
        upstream: row.provider_name,
        app: row.app_name,
        byokUsd: byok !== null && byok.amountPico !== 0n ? row.byok_usage_inference : undefined,
      }),
      reportedCost: readUsdCost(row.cost_total, 'cost_total', check),
      latencyMs: readDuration(row.generation_time_ms, 'generation_time_ms', check),
      timeToFirstTokenMs: readDuration(row.time_to_first_token_ms, 'time_to_first_token_ms', check),
      sourceLine: line,
    },
    tokens,
  );
}

function readDailyRow(row: JsonObject, line: number, check: RowChecker): UsageRecord {
  const date = check.requiredString(row.Date, 'Date');
  const slug = check.requiredString(row.Slug, 'Slug');
  const output = check.count(row['Completion Tokens'], 'Completion Tokens', true);
  const reasoning = check.count(row['Reasoning Tokens'], 'Reasoning Tokens');
  if (reasoning > output)
    check.fail('Reasoning Tokens', `expected at most Completion Tokens (${output}), got ${reasoning}`);
  return createUsageRecord({
    dedupKey: `${PROVIDER}-daily:${date}:${slug}`,
    occurredAtMs: check.instant(date, 'Date'),
    provider: PROVIDER,
    model: slug,
    requests: check.count(row.Requests, 'Requests', true),
    // This export has no cached-token column: the whole prompt counts as uncached input.
    inputTokens: check.count(row['Prompt Tokens'], 'Prompt Tokens', true),
    outputTokens: output,
    reasoningTokens: reasoning,
    reportedCost: readUsdCost(row.Usage, 'Usage', check),
    sourceLine: line,
  });
}

function readGeneration(line: JsonObject, lineNumber: number, check: RowChecker): UsageRecord {
  const isWrapped = isJsonObject(line.data);
  const generation = isJsonObject(line.data) ? line.data : line;
  const path = isWrapped ? 'data.' : '';
  const hasNativeCounts =
    generation.native_tokens_prompt !== null && generation.native_tokens_prompt !== undefined;
  const tokens = readTokens(generation, hasNativeCounts ? 'native_tokens_' : 'tokens_', check, path);
  return createUsageRecord(
    {
      dedupKey: `${PROVIDER}:${check.requiredString(generation.id, `${path}id`)}`,
      occurredAtMs: check.instant(generation.created_at, `${path}created_at`),
      provider: PROVIDER,
      model: check.requiredString(generation.model, `${path}model`),
      user: check.optionalString(generation.external_user, `${path}external_user`),
      session: check.optionalString(generation.session_id, `${path}session_id`),
      workspace: check.optionalString(generation.workspace_id, `${path}workspace_id`),
      tags: stringTags({
        upstream: generation.provider_name,
        tokenCounts: hasNativeCounts ? undefined : 'normalized',
        byokUsd:
          generation.is_byok === true && typeof generation.upstream_inference_cost === 'number'
            ? String(generation.upstream_inference_cost)
            : undefined,
      }),
      reportedCost: readUsdCost(generation.total_cost, `${path}total_cost`, check),
      latencyMs: readDuration(generation.generation_time, `${path}generation_time`, check),
      timeToFirstTokenMs: readDuration(generation.latency, `${path}latency`, check),
      sourceLine: lineNumber,
    },
    tokens,
  );
}

/** `<prefix>prompt` includes `<prefix>cached`; `<prefix>completion` includes `<prefix>reasoning`. */
function readTokens(row: JsonObject, prefix: string, check: RowChecker, path = '') {
  const field = (name: string): string => `${path}${prefix}${name}`;
  const prompt = check.count(row[`${prefix}prompt`], field('prompt'), true);
  const completion = check.count(row[`${prefix}completion`], field('completion'), true);
  const reasoning = check.count(row[`${prefix}reasoning`], field('reasoning'));
  const cached = check.count(row[`${prefix}cached`], field('cached'));
  if (cached > prompt)
    check.fail(field('cached'), `expected at most ${prefix}prompt (${prompt}), got ${cached}`);
  if (reasoning > completion)
    check.fail(field('reasoning'), `expected at most ${prefix}completion (${completion}), got ${reasoning}`);
  return {
    inputTokens: Math.max(0, prompt - cached),
    cacheReadTokens: cached,
    outputTokens: completion,
    reasoningTokens: reasoning,
  };
}
