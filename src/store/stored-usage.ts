import type { UsageRecord } from '../model/usage-record.ts';

/** A usage record with the list cost it was priced at when ingested (cost is history, see reprice). */
export interface StoredUsage extends UsageRecord {
  /** List cost in pico-dollars; null when no price was found (unpriced, never costed as 0). */
  readonly costPico: bigint | null;
  /** The price-book model id that priced it, or null. */
  readonly pricedModel: string | null;
  /** Why no price was found; null when priced. */
  readonly unpricedReason: string | null;
  readonly priceBookVersion: string | null;
}
