import type { Dimension } from '../model/dimension.ts';
import type { PriceBook, Rational } from '../pricing/price-book.ts';
import type { PriceOverride } from '../pricing/price-override.ts';

/**
 * A what-if scenario: a name and the changes replayed on the stored usage, in this order per request:
 * the scenario's price list (if any), then the first model change that matches, then prompt caching,
 * then the service tier, then batch. Each change applies to a request wholly or not at all: one that
 * cannot apply (the target's context window is too small, no batch price…) leaves the request as it
 * was and the request is listed as excluded with the reason.
 */
export interface Scenario {
  readonly name: string;
  readonly operations: readonly ScenarioOperation[];
}

export type ScenarioOperation =
  ModelChangeOperation | CacheOperation | BatchOperation | TierOperation | PriceListOperation;

/**
 * Price matching requests on another model (`--swap from=to`, `--route "cond -> to"`). Of a scenario's
 * model changes, the first whose `from` and `when` both match a request applies.
 */
export interface ModelChangeOperation {
  readonly kind: 'model';
  /** How the change was written (`gpt-4o=gpt-4.1-mini`, `input<2000 -> gpt-4.1-mini`), for output. */
  readonly label: string;
  /**
   * Glob (`*`, `?`, case-insensitive, whole id) on the request's model as stored, its canonical id in
   * the price book, or its `provider/model` key; null: any model.
   */
  readonly from: string | null;
  readonly when: RowCondition | null;
  /** A model id or `provider/model` key of the price book. */
  readonly to: string;
}

/**
 * Prompt caching at a hit rate on the misses of cacheable prompts (uncached input and cache writes):
 * that share read from the cache, the rest written to it; existing reads stay (transform-request.ts).
 */
export interface CacheOperation {
  readonly kind: 'cache';
  readonly label: string;
  /** Share of cacheable prompt tokens read from the cache, 0…1; `observed`: the rate of the usage itself. */
  readonly hitRate: number | 'observed';
  /** Which write price applies to the misses. */
  readonly ttl: '5m' | '1h';
  readonly when: RowCondition | null;
}

/** Move a share of matching requests to the provider's batch API (its batch multiplier). */
export interface BatchOperation {
  readonly kind: 'batch';
  readonly label: string;
  /** Share of the requests moved, 0 < share ≤ 1, as an exact fraction. */
  readonly share: Rational;
  readonly when: RowCondition | null;
}

/** Bill matching requests in another service tier; needs a tier price (a `priceOverrides` entry). */
export interface TierOperation {
  readonly kind: 'tier';
  readonly label: string;
  readonly tier: string;
  readonly when: RowCondition | null;
}

/** Price with another price list: a different price book and/or other negotiated rates. */
export interface PriceListOperation {
  readonly kind: 'prices';
  readonly label: string;
  /** The price book to price with instead of the active one; null: the active one. */
  readonly book: PriceBook | null;
  /** Negotiated rates that win over the config's `priceOverrides` (both apply; these first). */
  readonly overrides: readonly PriceOverride[];
}

/**
 * A condition on one request, read from its stored values. Sizes are per request (an aggregated row is
 * judged by its average): `input` is the whole prompt (uncached input, cache reads and writes),
 * `output` all output. Attribute tests compare a glob with the request's value (`null` never matches).
 */
export type RowCondition =
  | {
      readonly kind: 'size';
      readonly measure: SizeMeasure;
      readonly comparison: Comparison;
      readonly tokens: number;
    }
  | {
      readonly kind: 'attribute';
      readonly dimension: ConditionDimension;
      readonly pattern: string;
      readonly isNegated: boolean;
    }
  | { readonly kind: 'all'; readonly conditions: readonly RowCondition[] };

export type SizeMeasure = 'input' | 'output';
export type Comparison = '<' | '<=' | '>' | '>=';
/** The dimensions a condition may test: those a replayed row carries. */
export type ConditionDimension = Extract<Dimension, 'provider' | 'model' | 'project'> | `tag:${string}`;
