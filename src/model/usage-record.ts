/**
 * The normalized usage record every ingest adapter produces (FORMATS.md §0).
 *
 * Token classes are **disjoint** so they can be priced and summed without double counting:
 * a request's prompt = inputTokens + cacheReadTokens + cacheWrite5mTokens + cacheWrite1hTokens
 * + cacheWriteTokens. `reasoningTokens` is a subset of `outputTokens`: informational, never added again.
 *
 * A record is one request, or one bucket row of an aggregated export (then `requests` may exceed 1,
 * and `occurredAtMs` is the bucket start), or one reported-cost line.
 */
export interface TokenCounts {
  /** Uncached input only: excludes cache reads and cache writes. */
  readonly inputTokens: number;
  /** Input served from a prompt cache. */
  readonly cacheReadTokens: number;
  /** Cache creation with a 5-minute TTL. */
  readonly cacheWrite5mTokens: number;
  /** Cache creation with a 1-hour TTL. */
  readonly cacheWrite1hTokens: number;
  /** Cache creation whose TTL the source does not state. */
  readonly cacheWriteTokens: number;
  /** All billed output, reasoning included. */
  readonly outputTokens: number;
  /** The part of `outputTokens` spent on reasoning/thinking (a subset, never added again). */
  readonly reasoningTokens: number;
}

export const TOKEN_CLASSES = [
  'inputTokens',
  'cacheReadTokens',
  'cacheWrite5mTokens',
  'cacheWrite1hTokens',
  'cacheWriteTokens',
  'outputTokens',
  'reasoningTokens',
] as const satisfies readonly (keyof TokenCounts)[];

/** A cost the source itself states (an invoice line, a gateway estimate), in its own currency. */
export interface ReportedCost {
  /** Exact amount in pico-units of `currency` (10⁻¹²), see model/money.ts. */
  readonly amountPico: bigint;
  /** ISO 4217, upper-case. */
  readonly currency: string;
}

/** Whether the request succeeded. Failed requests without usage are counted, never priced. */
export type RequestStatus = 'ok' | 'error';

export const REQUEST_STATUSES: readonly RequestStatus[] = ['ok', 'error'];

export interface UsageRecord extends TokenCounts {
  /**
   * Natural key of the usage this record describes (e.g. `anthropic:msg_…:req_…`). Two records with the
   * same key are the same usage, whichever file they came from: the store keeps one (the largest).
   */
  readonly dedupKey: string;
  /** UTC instant in epoch milliseconds; the bucket start for aggregated rows. */
  readonly occurredAtMs: number;
  /** Who bills: openai, anthropic, openrouter, aws-bedrock, google-gemini, … (lower-case). */
  readonly provider: string;
  /** The model id as the source wrote it (normalized only when priced). */
  readonly model: string;
  /** Number of requests: 1 for a request row, the bucket count for aggregates, null when unknown. */
  readonly requests: number | null;
  /** Server-side web search calls billed per 1k. */
  readonly webSearchRequests: number;
  readonly status: RequestStatus;
  readonly project: string | null;
  readonly user: string | null;
  readonly team: string | null;
  /** An API key id or hash, never a secret. */
  readonly apiKey: string | null;
  readonly workspace: string | null;
  readonly session: string | null;
  /** standard, flex, priority, scale, … as the source wrote it. */
  readonly serviceTier: string | null;
  readonly isBatch: boolean;
  /** Free-form key/value labels (request metadata, `--tag k=v` from ingest). */
  readonly tags: Readonly<Record<string, string>>;
  readonly reportedCost: ReportedCost | null;
  /**
   * Whole milliseconds from the request's start to its end, as the source times it; null when the
   * source does not say (never 0 for unknown).
   */
  readonly latencyMs: number | null;
  /** Whole milliseconds from the request's start to its first output token; null when unknown. */
  readonly timeToFirstTokenMs: number | null;
  /** 1-based line in the source file where this record starts. */
  readonly sourceLine: number;
}

/** No tokens of any class. */
export const ZERO_TOKENS: TokenCounts = {
  inputTokens: 0,
  cacheReadTokens: 0,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  cacheWriteTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
};

/** A blank record for adapters to spread over: every count zero, every attribute unknown. */
export const EMPTY_USAGE: Omit<
  UsageRecord,
  'dedupKey' | 'occurredAtMs' | 'provider' | 'model' | 'sourceLine'
> = {
  ...ZERO_TOKENS,
  requests: 1,
  webSearchRequests: 0,
  status: 'ok',
  project: null,
  user: null,
  team: null,
  apiKey: null,
  workspace: null,
  session: null,
  serviceTier: null,
  isBatch: false,
  tags: {},
  reportedCost: null,
  latencyMs: null,
  timeToFirstTokenMs: null,
};

/** Total tokens of every disjoint class (reasoning excluded: it is inside output). */
export function totalTokens(counts: TokenCounts): number {
  return (
    counts.inputTokens +
    counts.cacheReadTokens +
    counts.cacheWrite5mTokens +
    counts.cacheWrite1hTokens +
    counts.cacheWriteTokens +
    counts.outputTokens
  );
}

/** What a record must say; everything else defaults as in EMPTY_USAGE. */
export type UsageRecordFields = Pick<
  UsageRecord,
  'dedupKey' | 'occurredAtMs' | 'provider' | 'model' | 'sourceLine'
> &
  Partial<UsageRecord>;

/**
 * A record with every field in one literal, counts not given 0 and attributes null (EMPTY_USAGE),
 * `tokens` overriding the counts of `fields`. Written out rather than `{ ...EMPTY_USAGE, ...tokens, … }`:
 * spread copies grown key by key cost microseconds each on Node 20, a literal of one shape ~0.1 µs.
 */
export function createUsageRecord(
  fields: UsageRecordFields,
  tokens: Partial<TokenCounts> = fields,
): UsageRecord {
  return {
    dedupKey: fields.dedupKey,
    occurredAtMs: fields.occurredAtMs,
    provider: fields.provider,
    model: fields.model,
    inputTokens: tokens.inputTokens ?? 0,
    cacheReadTokens: tokens.cacheReadTokens ?? 0,
    cacheWrite5mTokens: tokens.cacheWrite5mTokens ?? 0,
    cacheWrite1hTokens: tokens.cacheWrite1hTokens ?? 0,
    cacheWriteTokens: tokens.cacheWriteTokens ?? 0,
    outputTokens: tokens.outputTokens ?? 0,
    reasoningTokens: tokens.reasoningTokens ?? 0,
    requests: fields.requests === undefined ? 1 : fields.requests,
    webSearchRequests: fields.webSearchRequests ?? 0,
    status: fields.status ?? 'ok',
    project: fields.project ?? null,
    user: fields.user ?? null,
    team: fields.team ?? null,
    apiKey: fields.apiKey ?? null,
    workspace: fields.workspace ?? null,
    session: fields.session ?? null,
    serviceTier: fields.serviceTier ?? null,
    isBatch: fields.isBatch ?? false,
    tags: fields.tags ?? EMPTY_USAGE.tags,
    reportedCost: fields.reportedCost ?? null,
    latencyMs: fields.latencyMs ?? null,
    timeToFirstTokenMs: fields.timeToFirstTokenMs ?? null,
    sourceLine: fields.sourceLine,
  };
}
