import type { PriceLayer, PriceSet, Rational } from './price-book.ts';

/**
 * Which layer priced a cost: the generated catalogue, the hand-kept overlay that corrects it, or a
 * user override from the config file (a negotiated rate).
 */
export type CostLayer = PriceLayer | 'override';

export const COST_LAYERS: readonly CostLayer[] = ['catalogue', 'overlay', 'override'];

/**
 * A negotiated rate from the config file's `priceOverrides`, already validated. It applies to every
 * record of its scope whose UTC timestamp lies in [fromMs, toMs). Exactly one of `multiplier` (the whole
 * list cost × a fraction) or `prices` (replacement prices, micro-USD per 1M tokens like the price book).
 */
export interface PriceOverride {
  /** Shown in reports and errors: the entry's `name`, else `priceOverrides[i]`. */
  readonly name: string;
  readonly scope:
    | { readonly kind: 'provider'; readonly provider: string }
    /** A model id as the user wrote it; the pricer resolves it like a record's model. */
    | { readonly kind: 'model'; readonly model: string };
  /**
   * Only records of this service tier (`priority`, `flex`, lower-case). The book prices the standard
   * tier only, so a tier override is how other tiers get a price: explicit prices, or a multiplier of
   * the standard price.
   */
  readonly serviceTier?: string;
  readonly multiplier?: Rational;
  readonly prices?: Partial<PriceSet>;
  /** Inclusive, UTC; null: since always. */
  readonly fromMs: number | null;
  /** Exclusive (the day after `effectiveTo`), UTC; null: open-ended. */
  readonly toMs: number | null;
}
