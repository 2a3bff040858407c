import type { Rational } from '../pricing/price-book.ts';
import { greatestCommonDivisor } from '../model/greatest-common-divisor.ts';

/**
 * Tokenizer families and how many tokens each needs for the same text, relative to OpenAI's o200k
 * tokenizer (GPT-4o, GPT-4.1, o-series) = 1. A swap to another family scales every token count by
 * ratio(target) ÷ ratio(source).
 *
 * Every default is 1: an assumption, not a measurement. Published comparisons depend on the text
 * (prose, code, other languages) and on the model generation, so no single figure holds for all usage.
 * One third-party measurement, for orientation only: Claude 3.5 Sonnet's tokenizer produced about
 * 16–30% more tokens than GPT-4o's on the same English prose, math and Python code (VentureBeat,
 * "Hidden costs in AI deployment: why Claude models may be 20–30% more expensive than GPT in enterprise
 * settings", May 2025). Measure your own prompts (count tokens with each provider's API) and set
 * `tokenizerRatios` in the config file, e.g. `{ "anthropic": 1.2 }`.
 */
export const DEFAULT_TOKENIZER_RATIOS: Readonly<Record<KnownTokenizerFamily, number>> = {
  openai: 1,
  anthropic: 1,
  google: 1,
  meta: 1,
  mistral: 1,
  deepseek: 1,
  qwen: 1,
  xai: 1,
  cohere: 1,
};

const KNOWN_TOKENIZER_FAMILIES = [
  'openai',
  'anthropic',
  'google',
  'meta',
  'mistral',
  'deepseek',
  'qwen',
  'xai',
  'cohere',
] as const;
type KnownTokenizerFamily = (typeof KNOWN_TOKENIZER_FAMILIES)[number];
/** A family llmcost knows (above), or a price-book provider id for models of no known family. */
export type TokenizerFamily = string;

/** Model id patterns of each family, tried in order; the id is the price book's canonical model id. */
const FAMILY_PATTERNS: readonly (readonly [RegExp, KnownTokenizerFamily])[] = [
  [/claude/, 'anthropic'],
  [/gemini|gemma|palm/, 'google'],
  [/llama/, 'meta'],
  [/mistral|mixtral|codestral|ministral|magistral|devstral|pixtral/, 'mistral'],
  [/deepseek/, 'deepseek'],
  [/qwen|qwq/, 'qwen'],
  [/grok/, 'xai'],
  [/command|aya/, 'cohere'],
  [/(^|\/)(gpt-|o\d|chatgpt|codex|text-davinci)/, 'openai'],
];

/**
 * The tokenizer family of a model: by its canonical id first, since one provider (Bedrock, Azure, a
 * gateway) serves several families; else its price-book provider id (a family without a configured
 * ratio counts as 1). Null without either.
 */
export function tokenizerFamilyOf(modelId: string, provider: string): TokenizerFamily | null {
  const id = modelId.toLowerCase();
  for (const [pattern, family] of FAMILY_PATTERNS) if (pattern.test(id)) return family;
  return provider === '' ? null : provider;
}

/** The families llmcost recognises by model id, for help and documentation. */
export const TOKENIZER_FAMILIES: readonly string[] = KNOWN_TOKENIZER_FAMILIES;

/** Ratios per family as exact fractions: the defaults with the config's values on top. */
export type TokenizerRatios = Readonly<Record<string, Rational>>;

/** The defaults and the config's `tokenizerRatios` (already validated: finite, > 0) as fractions. */
export function tokenizerRatios(configured: Readonly<Record<string, number>> = {}): TokenizerRatios {
  const ratios: Record<string, Rational> = {};
  for (const [family, value] of Object.entries({ ...DEFAULT_TOKENIZER_RATIOS, ...configured }))
    ratios[family] = decimalToRational(value);
  return ratios;
}

/**
 * The factor token counts are scaled by when a request moves from one family to another:
 * ratio(to) ÷ ratio(from), exact. Same or unknown families: 1.
 */
export function tokenScale(
  ratios: TokenizerRatios,
  from: TokenizerFamily | null,
  to: TokenizerFamily | null,
): Rational {
  const one = { numerator: 1, denominator: 1 };
  if (from === to) return one;
  const source = (from === null ? undefined : ratios[from]) ?? one;
  const target = (to === null ? undefined : ratios[to]) ?? one;
  return reduce(target.numerator * source.denominator, target.denominator * source.numerator);
}

/** A decimal ratio (at most 6 decimals are kept) as a fraction. */
export function decimalToRational(value: number): Rational {
  const scale = 1_000_000;
  return reduce(Math.round(value * scale), scale);
}

function reduce(numerator: number, denominator: number): Rational {
  const divisor = gcdAtLeastOne(numerator, denominator);
  return { numerator: numerator / divisor, denominator: denominator / divisor };
}

/** gcd, with 1 for two zeros (a divisor to divide by). */
const gcdAtLeastOne = (a: number, b: number): number => greatestCommonDivisor(a, b) || 1;
