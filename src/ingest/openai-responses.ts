/**
 * OpenAI response objects logged as JSONL, one per line, and Batch API output/error files (FORMATS.md §6):
 * Chat Completions (and the usage-carrying last chunk of a stream), Responses API objects, embeddings
 * lists, each at the top level or one level down in an application envelope such as `{"ts":…,"response":{…}}`.
 *
 *   {"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion","created":1762000000,
 *    "model":"gpt-4o-2024-08-06","usage":{"prompt_tokens":1000,"completion_tokens":200,
 *    "prompt_tokens_details":{"cached_tokens":600}}}
 *
 * Dedup keys: `openai:<response id>` (a batch line uses its body's id, so it matches a separately logged
 * copy); `openai-batch:<batch_req id>` for a batch line whose body has no id; `openai-content:<sha256>` for
 * an embeddings response logged outside a batch (it has no id).
 */
import type { IngestProblem } from '../model/ingest-problem.ts';
import { EMPTY_USAGE, type UsageRecord } from '../model/usage-record.ts';
import { NO_RECORDS, type Adapter, type LineParser, type LineResult } from './adapter.ts';
import { contentDedupKey, type RecordContent } from './content-dedup-key.ts';
import { isJsonObject, parseJsonObject, type JsonObject } from './parse-json-object.ts';
import { isOpenaiResponse, readOpenaiResponse, type OpenaiUsage } from './read-openai-response.ts';
import { createRowChecker, describe, type RowChecker } from './row-checker.ts';

const PROVIDER = 'openai';
/** For batch error lines that name no model and whose file names none either. */
const UNKNOWN_MODEL = 'unknown';

export const openaiResponsesAdapter: Adapter = {
  kind: 'requests',
  format: 'openai-responses',
  description:
    'OpenAI response objects logged as JSONL (chat, responses, embeddings) and Batch API output/error files',
  obtainedFrom:
    'your own logs of OpenAI API responses; Batch API output and error files (GET /v1/files/<id>/content)',
  example:
    '{"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion","created":1762000000,"model":"gpt-4o-2024-08-06","usage":{"prompt_tokens":1000,"completion_tokens":200,"prompt_tokens_details":{"cached_tokens":600}}}',
  sniff(firstLines) {
    return firstLines.some(looksLikeOpenaiLine);
  },
  createParser(source) {
    return createOpenaiResponsesParser(source.file);
  },
};

function looksLikeOpenaiLine(text: string): boolean {
  if (!text.includes('"object"') && !text.includes('"custom_id"')) return false;
  const parsed = parseJsonObject(text, '', 0);
  return parsed.ok && (isBatchLine(parsed.value) || findResponse(parsed.value) !== null);
}

/** One batch line's record. Error lines carry no timestamp and often no model: those wait for `finish()`. */
interface BatchReading {
  /** `occurredAtMs` is 0 until dated; `model` is `unknown` until the file's model is known. */
  readonly record: UsageRecord;
  readonly isDated: boolean;
  readonly isModelKnown: boolean;
}

function createOpenaiResponsesParser(file: string): LineParser {
  // Batch error lines (and embeddings bodies) carry no timestamp: they are dated by the latest
  // `body.created` of the file and get the file's model (a batch uses one model) when they lack one.
  const held: BatchReading[] = [];
  const batchModels = new Set<string>();
  let latestBatchCreatedMs: number | null = null;

  function readBatchLine(line: JsonObject, check: RowChecker, lineNumber: number): readonly UsageRecord[] {
    const batch = readBatch(line, check, lineNumber);
    if (batch === null || check.problems.length > 0) return [];
    if (batch.isModelKnown) batchModels.add(batch.record.model);
    if (!batch.isDated) {
      held.push(batch);
      return [];
    }
    latestBatchCreatedMs = Math.max(latestBatchCreatedMs ?? 0, batch.record.occurredAtMs);
    return [batch.record];
  }

  return {
    parseLine(text, lineNumber) {
      if (text.trim() === '') return NO_RECORDS;
      const parsed = parseJsonObject(text, file, lineNumber);
      if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
      const check = createRowChecker(file, lineNumber);
      const records = isBatchLine(parsed.value)
        ? readBatchLine(parsed.value, check, lineNumber)
        : readLoggedLine(parsed.value, check, lineNumber);
      return check.problems.length > 0 ? { ok: false, problems: check.problems } : { ok: true, records };
    },
    finish() {
      return held.length === 0 ? NO_RECORDS : dateHeldRecords(held, latestBatchCreatedMs, batchModels, file);
    },
  };
}

function dateHeldRecords(
  held: readonly BatchReading[],
  latestCreatedMs: number | null,
  models: ReadonlySet<string>,
  file: string,
): LineResult {
  if (latestCreatedMs === null) {
    const problems = held.map(({ record }): IngestProblem => ({
      file,
      line: record.sourceLine,
      field: null,
      message:
        'expected a timestamp: this batch line has none, and no line of the file has a "response.body.created" ' +
        'to date it by; ingest the error file appended to the batch output file',
    }));
    return { ok: false, problems };
  }
  const fileModel = models.size === 1 ? [...models][0] : undefined;
  const records = held.map(({ record, isModelKnown }) => ({
    ...record,
    occurredAtMs: latestCreatedMs,
    model: isModelKnown ? record.model : (fileModel ?? UNKNOWN_MODEL),
  }));
  return { ok: true, records };
}

function readLoggedLine(line: JsonObject, check: RowChecker, lineNumber: number): readonly UsageRecord[] {
  const found = findResponse(line);
  if (found === null) {
    reportNotAResponse(line, check);
    return [];
  }
  const reading = readOpenaiResponse(found.response, found.path, check);
  if (reading.kind === 'no-usage') return [];
  const { usage } = reading;
  const occurredAtMs = usage.occurredAtMs ?? readEnvelopeTimestamp(line, usage, check);
  const content = toRecordContent(usage, occurredAtMs, false);
  const dedupKey =
    usage.responseId === null ? contentDedupKey('openai-content', content) : `openai:${usage.responseId}`;
  return [{ ...content, dedupKey, sourceLine: lineNumber }];
}

/** Embeddings carry no timestamp of their own: the application's envelope (`{"ts": …}`) dates them. */
function readEnvelopeTimestamp(line: JsonObject, usage: OpenaiUsage, check: RowChecker): number {
  if (line.ts !== undefined) return check.instant(line.ts, 'ts');
  check.fail(
    usage.timestampField,
    'expected an ISO 8601 timestamp or Unix seconds here or in an envelope\'s "ts", got nothing',
  );
  return 0;
}

/** Batch API line: `{"id":"batch_req_…","custom_id":…,"response":{"status_code","request_id","body"}|null,"error":…|null}`. */
function isBatchLine(line: JsonObject): boolean {
  return 'custom_id' in line && ('response' in line || 'error' in line);
}

function readBatch(line: JsonObject, check: RowChecker, lineNumber: number): BatchReading | null {
  const batchRequestId = check.requiredString(line.id, 'id');
  const response = line.response ?? null;
  if (response !== null && !isJsonObject(response)) {
    check.fail('response', `expected an object or null, got ${describe(response)}`);
    return null;
  }
  const statusCode = response === null ? 0 : check.count(response.status_code, 'response.status_code', true);
  const body = isJsonObject(response?.body) ? response.body : null;
  const isSuccess = (line.error ?? null) === null && statusCode >= 200 && statusCode < 300;
  const bodyId = typeof body?.id === 'string' && body.id !== '' ? body.id : null;
  const dedupKey = bodyId === null ? `openai-batch:${batchRequestId}` : `openai:${bodyId}`;
  if (!isSuccess) {
    // Counted, never priced: a failed request has no usage, and usually neither model nor timestamp.
    const model = typeof body?.model === 'string' && body.model !== '' ? body.model : null;
    const created = body?.created ?? null;
    const occurredAtMs = created === null ? null : check.instant(created, 'response.body.created');
    return {
      record: {
        ...EMPTY_USAGE,
        dedupKey,
        occurredAtMs: occurredAtMs ?? 0,
        provider: PROVIDER,
        model: model ?? UNKNOWN_MODEL,
        status: 'error',
        isBatch: true,
        sourceLine: lineNumber,
      },
      isDated: occurredAtMs !== null,
      isModelKnown: model !== null,
    };
  }
  if (body === null || !isOpenaiResponse(body)) {
    check.fail('response.body', `expected an OpenAI response object, got ${describe(body)}`);
    return null;
  }
  const reading = readOpenaiResponse(body, 'response.body.', check);
  if (reading.kind === 'no-usage') return null;
  const { usage } = reading;
  return {
    record: { ...toRecordContent(usage, usage.occurredAtMs ?? 0, true), dedupKey, sourceLine: lineNumber },
    isDated: usage.occurredAtMs !== null,
    isModelKnown: true,
  };
}

function toRecordContent(usage: OpenaiUsage, occurredAtMs: number, isBatch: boolean): RecordContent {
  return {
    ...EMPTY_USAGE,
    occurredAtMs,
    provider: PROVIDER,
    model: usage.model,
    inputTokens: usage.inputTokens,
    cacheReadTokens: usage.cacheReadTokens,
    cacheWriteTokens: usage.cacheWriteTokens,
    outputTokens: usage.outputTokens,
    reasoningTokens: usage.reasoningTokens,
    status: usage.status,
    user: usage.user,
    serviceTier: usage.serviceTier,
    isBatch,
    tags: usage.tags,
  };
}

interface FoundResponse {
  readonly response: JsonObject;
  /** Where it sits in the line, as a field-name prefix: `""` or `"<envelope key>."`. */
  readonly path: string;
}

/** The response object by its `object` field, at the top level or one level down in an envelope. */
function findResponse(line: JsonObject): FoundResponse | null {
  if (isOpenaiResponse(line)) return { response: line, path: '' };
  for (const key in line) {
    const value = line[key];
    if (isJsonObject(value) && isOpenaiResponse(value)) return { response: value, path: `${key}.` };
  }
  return null;
}

function reportNotAResponse(line: JsonObject, check: RowChecker): void {
  const expected =
    '"chat.completion", "chat.completion.chunk", "response" or an embeddings "list" with "usage" and "model"';
  if (typeof line.object === 'string') {
    check.fail('object', `expected ${expected}, got ${describe(line.object)}`);
    return;
  }
  check.fail(
    null,
    `expected an OpenAI response object (${expected}, at the top level or one level down) or a Batch API line, ` +
      `got an object with keys ${describe(Object.keys(line))}`,
  );
}
