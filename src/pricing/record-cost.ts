import type { TOKEN_CLASSES, UsageRecord } from '../model/usage-record.ts';
import type { CostLayer } from './price-override.ts';

/** What the pricer reads from a usage record: who billed, when, how many tokens of each class. */
export type PricingInput = Pick<
  UsageRecord,
  | 'provider'
  | 'model'
  | 'occurredAtMs'
  | (typeof TOKEN_CLASSES)[number]
  | 'requests'
  | 'webSearchRequests'
  | 'isBatch'
  | 'serviceTier'
>;

/**
 * A record's list cost, or why it has none. An unpriced record is never a cost of 0: reports count and
 * show it. `modelId` is the price-book key that priced it (`anthropic/claude-sonnet-4-5`), `layer` where
 * the price came from.
 */
export type RecordCost =
  | {
      readonly kind: 'priced';
      readonly costPico: bigint;
      readonly modelId: string;
      readonly layer: CostLayer;
    }
  | { readonly kind: 'unpriced'; readonly reason: string };
