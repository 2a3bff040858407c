import { planReplay, type ReplayPlan, type ReplaySettings } from '../../src/optimizer/plan-replay.ts';
import type { Scenario } from '../../src/optimizer/scenario.ts';
import { tokenizerRatios } from '../../src/optimizer/tokenizer-ratios.ts';
import type { ModelEntry, PriceBook, PriceSet } from '../../src/pricing/price-book.ts';

/**
 * A small price book with round prices (micro-USD per 1M tokens), so replay figures can be computed by
 * hand: 1 token at $1 / 1M = 1,000,000 pico-USD.
 * - openai/big:    $10 in, $30 out, cache read $1, writes at the input price; 100k window, 8k max output
 * - openai/small:  $1 in, $2 out, cache read $0.10; 16k window, 4k max output
 * - anthropic/claude-mid: $3 in, $15 out, read $0.30, 5m write $3.75, 1h write $6; 200k window, 64k max
 *   output; whole request at $6 / $22.50 / … above 150,000 prompt tokens per request
 * - acme/plain:    $2 in, $4 out, no caching (reads at the input price), no batch price, no limits;
 *   half price from 00:30 to 06:30 UTC (a time-of-day window inside an hour)
 */
const prices = (
  input: number,
  output: number,
  cacheRead: number,
  write5m = input,
  write1h = write5m,
): PriceSet => ({
  input,
  output,
  cacheRead,
  cacheWrite5m: write5m,
  cacheWrite1h: write1h,
});

const model = (
  provider: string,
  id: string,
  set: PriceSet,
  extra: Partial<Pick<ModelEntry, 'contextWindow' | 'maxOutputTokens'>> & {
    tierAbove?: number;
    tierSet?: PriceSet;
  } = {},
): ModelEntry => ({
  provider,
  model: id,
  name: id,
  ...(extra.contextWindow === undefined ? {} : { contextWindow: extra.contextWindow }),
  ...(extra.maxOutputTokens === undefined ? {} : { maxOutputTokens: extra.maxOutputTokens }),
  match: { exact: [id], prefixes: [] },
  periods: [
    {
      effectiveFrom: '2020-01-01',
      layer: 'catalogue',
      prices: set,
      ...(extra.tierAbove === undefined || extra.tierSet === undefined
        ? {}
        : { tiers: [{ aboveInputTokens: extra.tierAbove, prices: extra.tierSet }] }),
    },
  ],
});

const providerEntry = (name: string) => ({
  name,
  providerMatch: { exact: [], prefixes: [] },
  modelMatch: { exact: [], prefixes: [] },
});

export const REPLAY_BOOK: PriceBook = {
  version: 'test-replay-book',
  generatedFrom: { source: 'test', version: '1', license: 'MIT' },
  batchMultipliers: {
    openai: { numerator: 1, denominator: 2 },
    anthropic: { numerator: 1, denominator: 2 },
  },
  providers: {
    openai: providerEntry('OpenAI'),
    anthropic: providerEntry('Anthropic'),
    acme: providerEntry('Acme'),
  },
  models: {
    'openai/big': model('openai', 'big', prices(10_000_000, 30_000_000, 1_000_000), {
      contextWindow: 100_000,
      maxOutputTokens: 8_000,
    }),
    'openai/small': model('openai', 'small', prices(1_000_000, 2_000_000, 100_000), {
      contextWindow: 16_000,
      maxOutputTokens: 4_000,
    }),
    'anthropic/claude-mid': model(
      'anthropic',
      'claude-mid',
      prices(3_000_000, 15_000_000, 300_000, 3_750_000, 6_000_000),
      {
        contextWindow: 200_000,
        maxOutputTokens: 64_000,
        tierAbove: 150_000,
        tierSet: prices(6_000_000, 22_500_000, 600_000, 7_500_000, 12_000_000),
      },
    ),
    'acme/plain': {
      ...model('acme', 'plain', prices(2_000_000, 4_000_000, 2_000_000)),
      periods: [
        {
          effectiveFrom: '2020-01-01',
          layer: 'catalogue',
          prices: prices(2_000_000, 4_000_000, 2_000_000),
          timeOfDay: [{ fromUtc: '00:30', toUtc: '06:30', prices: prices(1_000_000, 2_000_000, 1_000_000) }],
        },
      ],
    },
  },
};

/** Replay settings over REPLAY_BOOK: no overrides, ratios 1, a 1,024-token cache minimum, no observed rate. */
export function replayBookSettings(extra: Partial<ReplaySettings> = {}): ReplaySettings {
  return {
    book: REPLAY_BOOK,
    overrides: [],
    tokenizerRatios: tokenizerRatios(),
    minCacheablePromptTokens: 1024,
    observedCacheHitRate: null,
    ...extra,
  };
}

/** The scenarios planned with replayBookSettings(extra); a planning problem fails the test. */
export function planOverReplayBook(
  scenarios: readonly Scenario[],
  extra: Partial<ReplaySettings> = {},
): ReplayPlan {
  const outcome = planReplay(scenarios, replayBookSettings(extra));
  if (!outcome.ok) throw new Error(outcome.problems.join('; '));
  return outcome.plan;
}
