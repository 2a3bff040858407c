import type { CostedUsage } from '../model/costed-usage.ts';
import type { AllocationKey } from './allocation-key.ts';
import type { FocusLineClass } from './focus-line-classes.ts';

/**
 * The usage of one UTC day, model and allocation key summed: what a FOCUS export turns into one line
 * per line class. Counts are what was consumed (tokens, searches, requests, records); money is exact
 * pico-USD:
 * - `costPico`: the cost in the report's cost mode (the source's stated cost, or the list price);
 * - `contractedPico`: what your price book and your negotiated overrides make it (the stored cost),
 *   or the cost-mode cost where the book has no price;
 * - `listPico`: the same without your overrides (override-priced records repriced from the book alone),
 *   or the contracted cost where only an override prices the usage.
 */
export interface FocusGroup {
  readonly key: AllocationKey;
  readonly quantities: Record<Exclude<FocusLineClass, 'stated-cost'>, number>;
  records: number;
  costPico: bigint;
  contractedPico: bigint;
  listPico: bigint;
  /** The price-book key that priced the usage (the first one seen), or null. */
  pricedModel: string | null;
}

export function createFocusGroup(key: AllocationKey): FocusGroup {
  return {
    key,
    quantities: {
      input: 0,
      'cache-read': 0,
      'cache-write-5m': 0,
      'cache-write-1h': 0,
      output: 0,
      'web-search': 0,
      'request-fee': 0,
    },
    records: 0,
    costPico: 0n,
    contractedPico: 0n,
    listPico: 0n,
    pricedModel: null,
  };
}

/**
 * Adds one record to its group. `listWithoutOverrides` reprices a record an override priced (a
 * negotiated rate) from the price book alone; null when only the override prices it.
 */
export function addToFocusGroup(
  group: FocusGroup,
  usage: CostedUsage,
  listWithoutOverrides: (usage: CostedUsage) => bigint | null,
): void {
  const { quantities } = group;
  quantities.input += usage.inputTokens;
  quantities['cache-read'] += usage.cacheReadTokens;
  quantities['cache-write-5m'] += usage.cacheWrite5mTokens + usage.cacheWriteTokens;
  quantities['cache-write-1h'] += usage.cacheWrite1hTokens;
  quantities.output += usage.outputTokens;
  quantities['web-search'] += usage.webSearchRequests;
  quantities['request-fee'] += usage.requests ?? 0;
  group.records += 1;
  const contracted = usage.bookCostPico ?? usage.costPico;
  group.costPico += usage.costPico;
  group.contractedPico += contracted;
  group.listPico +=
    usage.priceLayer === 'override' ? (listWithoutOverrides(usage) ?? contracted) : contracted;
  group.pricedModel ??= usage.pricedModel;
}
