import { ZERO_TOKENS, type RequestStatus, type TokenCounts } from '../model/usage-record.ts';
import { isJsonObject, type JsonObject } from './parse-json-object.ts';
import { describe, type RowChecker } from './row-checker.ts';

/**
 * Reads one OpenAI response object (FORMATS.md §6): a Chat Completion, the usage-carrying last chunk of
 * a stream, a Responses API `response`, or an embeddings `list`. Field names in problems carry `path`,
 * the object's place in the line (`""`, `"response."`, `"response.body."`), so they point into the source.
 */
export type OpenaiResponseReading =
  /** Nothing to bill: a stream chunk before the last, a response still queued or in progress. */
  { readonly kind: 'no-usage' } | { readonly kind: 'usage'; readonly usage: OpenaiUsage };

export interface OpenaiUsage extends TokenCounts {
  /** `chatcmpl-…` / `resp_…`; null for embeddings, which carry no id. */
  readonly responseId: string | null;
  readonly model: string;
  /** `created` / `created_at`; null when absent (embeddings): the caller looks elsewhere. */
  readonly occurredAtMs: number | null;
  /** Where the timestamp was looked for (`created`, `response.created_at`, …), for problems. */
  readonly timestampField: string;
  readonly status: RequestStatus;
  readonly serviceTier: string | null;
  readonly user: string | null;
  readonly tags: Readonly<Record<string, string>>;
}

/** Responses API statuses that will not get usage any more: counted as failed requests when usage is null. */
const ENDED_WITHOUT_USAGE = new Set(['failed', 'cancelled', 'incomplete']);

/** True for the objects this module reads (by their `object` field); cheap enough for sniffing. */
export function isOpenaiResponse(value: JsonObject): boolean {
  switch (value.object) {
    case 'chat.completion':
    case 'chat.completion.chunk':
    case 'response':
      return true;
    case 'list':
      return isJsonObject(value.usage) && typeof value.model === 'string';
    default:
      return false;
  }
}

export function readOpenaiResponse(
  response: JsonObject,
  path: string,
  check: RowChecker,
): OpenaiResponseReading {
  const isResponsesApi = response.object === 'response';
  const status = isResponsesApi ? response.status : undefined;
  const isUsageMissing = response.usage === undefined || response.usage === null;
  if (isUsageMissing) {
    if (response.object === 'chat.completion.chunk') return { kind: 'no-usage' };
    if (status === 'queued' || status === 'in_progress') return { kind: 'no-usage' };
  }
  const hasNoUsage = isUsageMissing && typeof status === 'string' && ENDED_WITHOUT_USAGE.has(status);
  const tokens = hasNoUsage
    ? ZERO_TOKENS
    : isResponsesApi
      ? readTokens(response.usage, `${path}usage.`, RESPONSES_USAGE, check)
      : readTokens(
          response.usage,
          `${path}usage.`,
          response.object === 'list' ? EMBEDDINGS_USAGE : CHAT_USAGE,
          check,
        );
  const timestampField = isResponsesApi ? 'created_at' : 'created';
  const timestamp = response[timestampField];
  const userField = response.user === undefined || response.user === null ? 'safety_identifier' : 'user';
  return {
    kind: 'usage',
    usage: {
      ...tokens,
      responseId:
        response.object === 'list'
          ? check.optionalString(response.id, `${path}id`)
          : check.requiredString(response.id, `${path}id`),
      model: check.requiredString(response.model, `${path}model`),
      occurredAtMs:
        timestamp === undefined || timestamp === null
          ? null
          : check.instant(timestamp, `${path}${timestampField}`),
      timestampField: `${path}${timestampField}`,
      status: hasNoUsage || status === 'failed' ? 'error' : 'ok',
      serviceTier: check.optionalString(response.service_tier, `${path}service_tier`),
      user: check.optionalString(response[userField], `${path}${userField}`),
      tags: readMetadata(response.metadata),
    },
  };
}

/** Where each API puts its counts. Prompt counts include cached and cache-write tokens; output includes reasoning. */
interface UsageFieldNames {
  readonly prompt: string;
  readonly promptDetails: string;
  readonly output: string;
  readonly outputDetails: string;
  readonly isOutputRequired: boolean;
}

const CHAT_USAGE: UsageFieldNames = {
  prompt: 'prompt_tokens',
  promptDetails: 'prompt_tokens_details',
  output: 'completion_tokens',
  outputDetails: 'completion_tokens_details',
  isOutputRequired: true,
};
const EMBEDDINGS_USAGE: UsageFieldNames = { ...CHAT_USAGE, isOutputRequired: false };
const RESPONSES_USAGE: UsageFieldNames = {
  prompt: 'input_tokens',
  promptDetails: 'input_tokens_details',
  output: 'output_tokens',
  outputDetails: 'output_tokens_details',
  isOutputRequired: true,
};

/** Splits the prompt into the disjoint classes of FORMATS.md §0: input = prompt − cached − cache_write. */
function readTokens(usage: unknown, path: string, names: UsageFieldNames, check: RowChecker): TokenCounts {
  if (!isJsonObject(usage)) {
    check.fail(path.slice(0, -1), `expected an object of token counts, got ${describe(usage)}`);
    return ZERO_TOKENS;
  }
  const promptDetails = readDetails(usage[names.promptDetails], `${path}${names.promptDetails}`, check);
  const outputDetails = readDetails(usage[names.outputDetails], `${path}${names.outputDetails}`, check);
  const prompt = check.count(usage[names.prompt], `${path}${names.prompt}`, true);
  const cached = check.count(promptDetails.cached_tokens, `${path}${names.promptDetails}.cached_tokens`);
  const cacheWrite = check.count(
    promptDetails.cache_write_tokens,
    `${path}${names.promptDetails}.cache_write_tokens`,
  );
  const output = check.count(usage[names.output], `${path}${names.output}`, names.isOutputRequired);
  const reasoning = check.count(
    outputDetails.reasoning_tokens,
    `${path}${names.outputDetails}.reasoning_tokens`,
  );
  if (cached > prompt) {
    check.fail(
      `${path}${names.promptDetails}.cached_tokens`,
      `expected at most ${names.prompt} (${prompt}), got ${cached}`,
    );
  } else if (cached + cacheWrite > prompt) {
    check.fail(
      `${path}${names.promptDetails}.cache_write_tokens`,
      `expected at most ${names.prompt} - cached_tokens (${prompt - cached}), got ${cacheWrite}`,
    );
  }
  if (reasoning > output) {
    check.fail(
      `${path}${names.outputDetails}.reasoning_tokens`,
      `expected at most ${names.output} (${output}), got ${reasoning}`,
    );
  }
  return {
    ...ZERO_TOKENS,
    inputTokens: Math.max(0, prompt - cached - cacheWrite),
    cacheReadTokens: cached,
    cacheWriteTokens: cacheWrite,
    outputTokens: output,
    reasoningTokens: reasoning,
  };
}

function readDetails(details: unknown, field: string, check: RowChecker): JsonObject {
  if (details === undefined || details === null) return {};
  if (isJsonObject(details)) return details;
  check.fail(field, `expected an object, got ${describe(details)}`);
  return {};
}

/** Request metadata as tags; OpenAI allows string values only, anything else is not a label and is left out. */
function readMetadata(metadata: unknown): Readonly<Record<string, string>> {
  if (!isJsonObject(metadata)) return {};
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value === 'string') tags[key] = value;
  }
  return tags;
}
