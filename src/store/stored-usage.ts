import type { CostLayer } from '../pricing/price-override.ts';
import type { UsageRecord } from '../model/usage-record.ts';

/** How a record was priced at ingest (cost is history: it changes only through reprice). */
export interface UsagePricing {
  /** List cost in pico-dollars; null when no price was found (unpriced, never costed as 0). */
  readonly costPico: bigint | null;
  /** The price-book model id that priced it, or null. */
  readonly pricedModel: string | null;
  /** Why no price was found; null when priced. */
  readonly unpricedReason: string | null;
  /** The layer that priced it (catalogue, overlay, override); null when unpriced or free. */
  readonly priceLayer: CostLayer | null;
}

/** A usage record as stored: the record and its pricing. */
export interface StoredUsage extends UsageRecord, UsagePricing {}
