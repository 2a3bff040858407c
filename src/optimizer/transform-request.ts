import type { ModelEntry, Rational } from '../pricing/price-book.ts';
import type { PricingInput } from '../pricing/record-cost.ts';
import { promptTokens, requestsPerTest } from './replay-row.ts';

/** Token counts and attributes the pricer reads: the state of a request as a scenario changes it. */
export type RequestState = PricingInput;

/** Why a model change cannot apply to a request, or null when it fits the target. */
export function checkTargetLimits(
  state: RequestState,
  scale: Rational,
  target: ModelEntry,
  targetKey: string,
): string | null {
  const requests = requestsPerTest(state);
  const prompt = promptTokens(state);
  if (
    target.contextWindow !== undefined &&
    exceedsPerRequest(prompt + state.outputTokens, scale, target.contextWindow, requests)
  ) {
    return `prompt + output over the context window of ${targetKey} (${target.contextWindow} tokens)`;
  }
  if (
    target.maxOutputTokens !== undefined &&
    exceedsPerRequest(state.outputTokens, scale, target.maxOutputTokens, requests)
  ) {
    return `output over the maximum output of ${targetKey} (${target.maxOutputTokens} tokens)`;
  }
  return null;
}

/**
 * Whether `tokens × scale` exceeds `limit × requests`, exactly: tokens × numerator > limit × denominator
 * × requests, in integers (bigint where a product may pass 2⁵³).
 */
export function exceedsPerRequest(tokens: number, scale: Rational, limit: number, requests: number): boolean {
  const left = tokens * scale.numerator;
  const right = limit * scale.denominator * requests;
  if (left <= Number.MAX_SAFE_INTEGER && right <= Number.MAX_SAFE_INTEGER) return left > right;
  return (
    BigInt(tokens) * BigInt(scale.numerator) > BigInt(limit) * BigInt(scale.denominator) * BigInt(requests)
  );
}

/**
 * The request on another model: every token count × `scale` (the tokenizer ratio), rounded to whole
 * tokens; the cache reads and writes become plain input when the target has no cache prices; the
 * service tier kept only within the same provider (another provider's tiers are other products).
 */
export function moveToModel(
  state: RequestState,
  target: ModelEntry,
  scale: Rational,
  hasCachePrices: boolean,
  isSameProvider: boolean,
): RequestState {
  const scaled = (tokens: number): number =>
    scale.numerator === scale.denominator
      ? tokens
      : Math.round((tokens * scale.numerator) / scale.denominator);
  const cacheRead = scaled(state.cacheReadTokens);
  const write5m = scaled(state.cacheWrite5mTokens);
  const write1h = scaled(state.cacheWrite1hTokens);
  const writeUnknown = scaled(state.cacheWriteTokens);
  const input = scaled(state.inputTokens);
  return {
    provider: target.provider,
    model: target.model,
    occurredAtMs: state.occurredAtMs,
    requests: state.requests,
    webSearchRequests: state.webSearchRequests,
    isBatch: state.isBatch,
    serviceTier: isSameProvider ? state.serviceTier : null,
    inputTokens: hasCachePrices ? input : input + cacheRead + write5m + write1h + writeUnknown,
    cacheReadTokens: hasCachePrices ? cacheRead : 0,
    cacheWrite5mTokens: hasCachePrices ? write5m : 0,
    cacheWrite1hTokens: hasCachePrices ? write1h : 0,
    cacheWriteTokens: hasCachePrices ? writeUnknown : 0,
    outputTokens: scaled(state.outputTokens),
    reasoningTokens: scaled(state.reasoningTokens),
  };
}

/**
 * The request with prompt caching at `hitRate` on the prompt tokens it does not read from a cache
 * (its uncached input and its cache writes, both misses): round(misses × hitRate) of them are read
 * from the cache, the rest are written to it (every miss writes the prefix for the next request) at
 * the 5-minute or 1-hour write price. The cache reads the request already has stay reads.
 */
export function withPromptCaching(state: RequestState, hitRate: Rational, ttl: '5m' | '1h'): RequestState {
  const misses =
    state.inputTokens + state.cacheWrite5mTokens + state.cacheWrite1hTokens + state.cacheWriteTokens;
  const newReads = Math.round((misses * hitRate.numerator) / hitRate.denominator);
  return {
    ...state,
    inputTokens: 0,
    cacheReadTokens: state.cacheReadTokens + newReads,
    cacheWrite5mTokens: ttl === '5m' ? misses - newReads : 0,
    cacheWrite1hTokens: ttl === '1h' ? misses - newReads : 0,
    cacheWriteTokens: 0,
  };
}
