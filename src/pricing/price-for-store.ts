import { totalTokens, type UsageRecord } from '../model/usage-record.ts';
import type { UsagePricing } from '../store/stored-usage.ts';
import type { PricingInput, RecordCost } from './record-cost.ts';

const FREE: UsagePricing = { costPico: 0n, pricedModel: null, unpricedReason: null, priceLayer: null };

/**
 * What the store keeps of a record's pricing, at ingest and at reprice alike. A request that used
 * nothing (a failed call) costs nothing, whatever its model; otherwise the pricer's answer, or unpriced
 * with its reason (never 0 for an unknown model).
 */
export function priceForStore(usage: UsageRecord, price: (usage: PricingInput) => RecordCost): UsagePricing {
  if (totalTokens(usage) === 0 && usage.webSearchRequests === 0) return FREE;
  const cost = price(usage);
  return cost.kind === 'priced'
    ? { costPico: cost.costPico, pricedModel: cost.modelId, unpricedReason: null, priceLayer: cost.layer }
    : { costPico: null, pricedModel: null, unpricedReason: cost.reason, priceLayer: null };
}
