/**
 * Gemini API responses logged as JSONL, and Batch Mode output files (FORMATS.md §7.1): each line a
 * `GenerateContentResponse`, a keyed batch line `{"key":…,"response":{…}}`, a Vertex AI batch line
 * `{"status":"","processed_time":…,"request":{…},"response":{…}}`, or an application envelope
 * `{"ts":…,"response":{…}}`. Docs: https://ai.google.dev/api/generate-content#UsageMetadata and
 * https://ai.google.dev/gemini-api/docs/batch-mode
 *
 *   {"key":"req-1","response":{"candidates":[…],"usageMetadata":{"promptTokenCount":1200,
 *    "cachedContentTokenCount":800,"candidatesTokenCount":150,"thoughtsTokenCount":400,
 *    "totalTokenCount":1750},"modelVersion":"gemini-2.5-flash","responseId":"mK3lZ…"}}
 *
 * Mapping (Gemini's prompt count includes the cached part; thoughts and tool-use prompts are extra):
 * cacheRead = `cachedContentTokenCount`, input = `promptTokenCount` − cacheRead +
 * `toolUsePromptTokenCount`, output = `candidatesTokenCount` + `thoughtsTokenCount`, reasoning =
 * `thoughtsTokenCount`. Model = `modelVersion` (else the envelope's `model`). Provider
 * `google-vertex` when the line has Vertex's `createTime` or `processed_time`, else `google-gemini`.
 * Batch lines (keyed or Vertex) are billed at the batch rate. Dedup key `<provider>:<responseId>`
 * (streamed chunks share it; the largest is kept), a hash of the record without one.
 *
 * Time: Vertex responses carry `createTime` and Vertex batch lines `processed_time`, but Gemini
 * Developer API bodies and its batch output have no timestamp at all. Such a line needs an envelope
 * field `ts` or `timestamp`; without one it is rejected with a message saying so, never dated by
 * guess. Failed batch lines (`error` or `status` without a response) carry no usage and give no record.
 */
import { createUsageRecord } from '../model/usage-record.ts';
import type { Adapter } from './adapter.ts';
import { contentDedupKey } from './content-dedup-key.ts';
import { isJsonObject, type JsonObject } from './parse-json-object.ts';
import { parseInstant } from './parse-instant.ts';
import { createRowChecker, describe } from './row-checker.ts';
import { createRowLineParser, type Row, type RowResult } from './row-reader.ts';
import { hasJsonKey, sniffStart } from './sniff-rows.ts';

const NO_ROWS: RowResult = { ok: true, records: [] };

export const geminiAdapter: Adapter = {
  kind: 'requests',
  format: 'gemini',
  description:
    'Gemini API responses (usageMetadata) logged as JSONL, and Gemini / Vertex AI Batch Mode output files',
  obtainedFrom:
    'your own logs of generateContent responses; batch results via the Gemini Files API or the Vertex AI batch output bucket',
  example:
    '{"ts":"2026-11-02T09:15:00Z","response":{"usageMetadata":{"promptTokenCount":1200,"cachedContentTokenCount":800,"candidatesTokenCount":150,"thoughtsTokenCount":400,"totalTokenCount":1750},"modelVersion":"gemini-2.5-flash","responseId":"mK3lZpXqJ8-bz7IPq4mW2A0"}}',
  sniff(firstLines) {
    const { jsonText } = sniffStart(firstLines);
    return (
      jsonText !== null &&
      hasJsonKey(jsonText, 'usageMetadata') &&
      (hasJsonKey(jsonText, 'promptTokenCount') || hasJsonKey(jsonText, 'totalTokenCount'))
    );
  },
  createParser(source) {
    return createRowLineParser(source.file, (row) => readLine(row, source.file), 'json');
  },
};

function readLine(row: Row, file: string): RowResult {
  const line = row.value;
  const wrapped = isJsonObject(line.response) ? line.response : null;
  const response = wrapped ?? line;
  if (response.usageMetadata === undefined && (line.error !== undefined || line.status !== undefined))
    return NO_ROWS;
  const check = createRowChecker(file, row.line);
  const path = wrapped === null ? '' : 'response.';
  const usage = response.usageMetadata;
  if (!isJsonObject(usage)) {
    check.fail(`${path}usageMetadata`, `expected an object of token counts, got ${describe(usage)}`);
    return { ok: false, problems: check.problems };
  }
  const isVertex = response.createTime !== undefined || line.processed_time !== undefined;
  const isBatch = wrapped !== null && (line.key !== undefined || line.processed_time !== undefined);
  const provider = isVertex ? 'google-vertex' : 'google-gemini';
  const prompt = check.count(usage.promptTokenCount, `${path}usageMetadata.promptTokenCount`);
  const cached = check.count(usage.cachedContentTokenCount, `${path}usageMetadata.cachedContentTokenCount`);
  const toolUse = check.count(usage.toolUsePromptTokenCount, `${path}usageMetadata.toolUsePromptTokenCount`);
  const candidates = check.count(usage.candidatesTokenCount, `${path}usageMetadata.candidatesTokenCount`);
  const thoughts = check.count(usage.thoughtsTokenCount, `${path}usageMetadata.thoughtsTokenCount`);
  if (cached > prompt) {
    check.fail(
      `${path}usageMetadata.cachedContentTokenCount`,
      `expected at most promptTokenCount (${prompt}), got ${cached}`,
    );
  }
  const modelField = response.modelVersion === undefined ? 'model' : `${path}modelVersion`;
  const model = check.requiredString(response.modelVersion ?? line.model, modelField);
  const responseId = check.optionalString(response.responseId, `${path}responseId`);
  const record = createUsageRecord({
    dedupKey: '',
    occurredAtMs: readTime(response, line, path, check),
    provider,
    model,
    inputTokens: Math.max(0, prompt - cached) + toolUse,
    cacheReadTokens: cached,
    outputTokens: candidates + thoughts,
    reasoningTokens: thoughts,
    isBatch,
    sourceLine: row.line,
  });
  if (check.problems.length > 0) return { ok: false, problems: check.problems };
  const dedupKey =
    responseId === null ? contentDedupKey(`${provider}-content`, record) : `${provider}:${responseId}`;
  return { ok: true, records: [{ ...record, dedupKey }] };
}

/** Vertex's `createTime`, a Vertex batch line's `processed_time`, or the envelope's `ts` / `timestamp`. */
function readTime(
  response: JsonObject,
  line: JsonObject,
  path: string,
  check: ReturnType<typeof createRowChecker>,
): number {
  const candidates: readonly (readonly [unknown, string])[] = [
    [response.createTime, `${path}createTime`],
    [line.processed_time, 'processed_time'],
    [line.ts, 'ts'],
    [line.timestamp, 'timestamp'],
  ];
  const found = candidates.find(([value]) => value !== undefined && value !== null);
  if (found === undefined) {
    check.fail(
      'ts',
      'expected a timestamp, got nothing: Gemini API responses carry none; log each as ' +
        '{"ts":"<ISO 8601>","response":{…}} (Vertex AI responses have createTime)',
    );
    return 0;
  }
  const ms = parseInstant(found[0]);
  if (ms === null)
    check.fail(found[1], `expected an ISO 8601 timestamp or Unix seconds, got ${describe(found[0])}`);
  return ms ?? 0;
}
