/**
 * AWS Bedrock model invocation logs (FORMATS.md §5): the records Bedrock writes to S3
 * (`AWSLogs/<account>/BedrockModelInvocationLogs/<region>/YYYY/MM/DD/HH/*.json.gz`, one JSON record per
 * line) or CloudWatch Logs when model invocation logging is on. Docs:
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html
 *
 *   {"schemaType":"ModelInvocationLog","schemaVersion":"1.0","timestamp":"2026-11-02T09:15:30Z",
 *    "accountId":"123456789012","identity":{"arn":"arn:aws:sts::123456789012:assumed-role/App/alice"},
 *    "region":"us-east-1","requestId":"6f1c…","operation":"Converse",
 *    "modelId":"us.anthropic.claude-sonnet-4-5-20250929-v1:0","input":{"inputTokenCount":1200,
 *    "cacheReadInputTokenCount":8000,"cacheWriteInputTokenCount":500},"output":{"outputTokenCount":300}}
 *
 * Mapping: Bedrock's counts are already disjoint: input = `inputTokenCount` (uncached), cacheRead =
 * `cacheReadInputTokenCount`, cacheWrite (TTL unknown) = `cacheWriteInputTokenCount`, output =
 * `outputTokenCount`. Dedup key `aws-bedrock:<requestId>`. Provider `aws-bedrock` (the price book's
 * `aws`). An inference-profile or foundation-model ARN is read as the id after its last `/` (the full
 * ARN kept in tag `modelArn`); an application inference profile ARN names no model and stays as
 * written (unpriced: map it with a price override). user = `identity.arn`; workspace = `accountId`;
 * tags = `requestMetadata` (its `project` and `team` also fill those fields). A record with
 * `errorCode` is a failed request (status error; counts may be absent). Other `schemaType`s, which
 * share the bucket, give no record. No cost is stated: records are priced from the price book.
 */
import type { UsageRecord } from '../model/usage-record.ts';
import type { Adapter } from './adapter.ts';
import { isJsonObject, type JsonObject } from './parse-json-object.ts';
import { createRowChecker, describe, type RowChecker } from './row-checker.ts';
import { createRowLineParser, type Row, type RowResult } from './row-reader.ts';
import { hasJsonValue, sniffStart } from './sniff-rows.ts';

const PROVIDER = 'aws-bedrock';
const SCHEMA_TYPE = 'ModelInvocationLog';
/** `arn:aws:bedrock:<region>:<account>:inference-profile/<id>` and `…::foundation-model/<id>`. */
const MODEL_ARN = /^arn:aws[\w-]*:bedrock:[^:]*:[^:]*:(?:inference-profile|foundation-model)\/(.+)$/;
const NO_ROWS: RowResult = { ok: true, records: [] };

export const bedrockAdapter: Adapter = {
  kind: 'requests',
  format: 'bedrock',
  description: 'AWS Bedrock model invocation logs (schemaType ModelInvocationLog), JSON lines or .json.gz',
  obtainedFrom:
    'Bedrock console → Settings → Model invocation logging; files in s3://<bucket>/AWSLogs/<account>/BedrockModelInvocationLogs/',
  example:
    '{"schemaType":"ModelInvocationLog","schemaVersion":"1.0","timestamp":"2026-11-02T09:15:30Z","accountId":"123456789012","identity":{"arn":"arn:aws:sts::123456789012:assumed-role/App/alice"},"region":"us-east-1","requestId":"6f1c2d3e-0a1b-4c5d-8e9f-0a1b2c3d4e5f","operation":"Converse","modelId":"us.anthropic.claude-sonnet-4-5-20250929-v1:0","input":{"inputTokenCount":1200,"cacheReadInputTokenCount":8000},"output":{"outputTokenCount":300}}',
  sniff(firstLines) {
    const { jsonText } = sniffStart(firstLines);
    return jsonText !== null && hasJsonValue(jsonText, 'schemaType', SCHEMA_TYPE);
  },
  createParser(source) {
    return createRowLineParser(source.file, (row) => readInvocation(row, source.file), 'json');
  },
};

function readInvocation(row: Row, file: string): RowResult {
  const log = row.value;
  if (log.schemaType !== SCHEMA_TYPE) return NO_ROWS;
  const check = createRowChecker(file, row.line);
  const isFailed = log.errorCode !== undefined && log.errorCode !== null;
  const input = readPart(log.input, 'input', check);
  const output = readPart(log.output, 'output', check);
  const modelId = check.requiredString(log.modelId, 'modelId');
  const model = MODEL_ARN.exec(modelId)?.[1] ?? modelId;
  const metadata = readRequestMetadata(log.requestMetadata, check);
  const identity = isJsonObject(log.identity) ? log.identity : {};
  const record: UsageRecord = {
    dedupKey: `${PROVIDER}:${check.requiredString(log.requestId, 'requestId')}`,
    occurredAtMs: check.instant(log.timestamp, 'timestamp'),
    provider: PROVIDER,
    model,
    inputTokens: check.count(input.inputTokenCount, 'input.inputTokenCount', !isFailed),
    cacheReadTokens: check.count(input.cacheReadInputTokenCount, 'input.cacheReadInputTokenCount'),
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    cacheWriteTokens: check.count(input.cacheWriteInputTokenCount, 'input.cacheWriteInputTokenCount'),
    outputTokens: check.count(output.outputTokenCount, 'output.outputTokenCount', !isFailed),
    reasoningTokens: 0,
    requests: 1,
    webSearchRequests: 0,
    status: isFailed ? 'error' : 'ok',
    project: metadata.project ?? null,
    user: check.optionalString(identity.arn, 'identity.arn'),
    team: metadata.team ?? null,
    apiKey: null,
    workspace: check.optionalString(log.accountId, 'accountId'),
    session: null,
    serviceTier: null,
    isBatch: false,
    tags: model === modelId ? metadata : { ...metadata, modelArn: modelId },
    reportedCost: null,
    latencyMs: null,
    timeToFirstTokenMs: null,
    sourceLine: row.line,
  };
  return check.problems.length > 0
    ? { ok: false, problems: check.problems }
    : { ok: true, records: [record] };
}

function readPart(value: unknown, field: string, check: RowChecker): JsonObject {
  if (value === undefined || value === null) return {};
  if (isJsonObject(value)) return value;
  check.fail(field, `expected an object, got ${describe(value)}`);
  return {};
}

/** Converse `requestMetadata`: a map of strings (anything else is not a label and is reported). */
function readRequestMetadata(value: unknown, check: RowChecker): Readonly<Record<string, string>> {
  if (value === undefined || value === null) return {};
  if (!isJsonObject(value)) {
    check.fail('requestMetadata', `expected an object of strings, got ${describe(value)}`);
    return {};
  }
  const tags: Record<string, string> = {};
  for (const [key, tag] of Object.entries(value)) {
    if (typeof tag === 'string') tags[key] = tag;
    else check.fail(`requestMetadata.${key}`, `expected a string, got ${describe(tag)}`);
  }
  return tags;
}
