/** The classes billed per unit of usage (tokens, searches): every class but the fee and a stated cost. */
export const USAGE_LINE_CLASSES = [
  'input',
  'cache-read',
  'cache-write-5m',
  'cache-write-1h',
  'output',
  'web-search',
] as const;

/**
 * What one line of a FOCUS export charges for: a token class, web searches, per-request fees, or a
 * cost a billing export states without saying what it bought. Each has the units FOCUS 1.2 asks for
 * (§ Attributes › Unit Format: `<unit-quantity> <plural-units>`, count units capitalised and plural):
 * - PricingUnit is the unit providers' price lists use (§ Columns › PricingUnit: "semantically equal to
 *   the price list"): tokens are priced per million (`$3 / 1M tokens`), so `1000000 Tokens`, and the
 *   PricingQuantity of 12,345 tokens is 0.012345; web searches per thousand (`1000 Searches`);
 * - ConsumedUnit counts what was used, one by one (`Tokens`, `Searches`, `Requests`).
 * Cache writes whose TTL the source did not state are billed at the 5-minute price and counted with
 * them; reasoning tokens are part of output (usage-record.ts).
 */
export const FOCUS_LINE_CLASSES = [...USAGE_LINE_CLASSES, 'request-fee', 'stated-cost'] as const;

export type FocusLineClass = (typeof FOCUS_LINE_CLASSES)[number];

export interface FocusLineUnits {
  /** FOCUS ConsumedUnit. */
  readonly consumedUnit: string;
  /** FOCUS PricingUnit. */
  readonly pricingUnit: string;
  /** How many consumed units one pricing unit holds (PricingQuantity = consumed / this). */
  readonly unitsPerPricingUnit: bigint;
  /** Words for ChargeDescription, after the model id. */
  readonly label: string;
}

export const FOCUS_LINE_UNITS: Readonly<Record<FocusLineClass, FocusLineUnits>> = {
  input: tokens('input tokens'),
  'cache-read': tokens('cache read tokens'),
  'cache-write-5m': tokens('cache write tokens (5-minute or unstated TTL)'),
  'cache-write-1h': tokens('cache write tokens (1-hour TTL)'),
  output: tokens('output tokens (reasoning included)'),
  'web-search': {
    consumedUnit: 'Searches',
    pricingUnit: '1000 Searches',
    unitsPerPricingUnit: 1000n,
    label: 'web searches',
  },
  'request-fee': {
    consumedUnit: 'Requests',
    pricingUnit: 'Requests',
    unitsPerPricingUnit: 1n,
    label: 'per-request fees',
  },
  // A billing export's cost line (e.g. OpenAI's Costs API) states money, not usage: one unit per line.
  'stated-cost': {
    consumedUnit: 'Units',
    pricingUnit: 'Units',
    unitsPerPricingUnit: 1n,
    label: 'cost stated by the billing export (no usage counts)',
  },
};

function tokens(label: string): FocusLineUnits {
  return { consumedUnit: 'Tokens', pricingUnit: '1000000 Tokens', unitsPerPricingUnit: 1_000_000n, label };
}
