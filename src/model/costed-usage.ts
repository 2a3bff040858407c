import type { TokenCounts } from './usage-record.ts';

/**
 * One stored usage record with the costs an export needs, as `store/iterate-costed-usage.ts` reads it:
 * its attribution (who used it), its counts, and its cost in the report's cost mode next to the cost
 * the price book (and your overrides) gave it. Money in pico-USD (model/money.ts).
 */
export interface CostedUsage extends TokenCounts {
  /** Start of the record's UTC day (epoch ms). */
  readonly dayStartMs: number;
  readonly occurredAtMs: number;
  readonly provider: string;
  readonly model: string;
  readonly project: string | null;
  readonly team: string | null;
  readonly user: string | null;
  readonly apiKey: string | null;
  readonly workspace: string | null;
  /** The record's tags as stored (a JSON object of strings), or null when it has none. */
  readonly tagsJson: string | null;
  readonly requests: number | null;
  readonly webSearchRequests: number;
  readonly isBatch: boolean;
  readonly serviceTier: string | null;
  /** The price-book key that priced the record (`openai/gpt-4o`), or null. */
  readonly pricedModel: string | null;
  /** `catalogue`, `overlay`, `override` (a negotiated rate from the config), or null. */
  readonly priceLayer: string | null;
  /** The cost in the chosen cost mode (model/cost-mode.ts); never null: unpriced rows are not read. */
  readonly costPico: bigint;
  /** The stored list cost (priced at ingest, overrides applied), or null when the book had no price. */
  readonly bookCostPico: bigint | null;
}
