import type { FocusLine } from '../analysis/build-focus-lines.ts';
import { FOCUS_LINE_UNITS } from '../analysis/focus-line-classes.ts';
import { picoToDecimalString } from '../model/money.ts';

/**
 * The columns of `llmcost export --focus`, in FOCUS 1.2 order (§ Attributes › Column Naming and
 * Ordering: FOCUS columns first, sorted by Column ID, then the custom `x_` columns, sorted): the 21
 * mandatory columns, the conditional ones local usage can fill (ConsumedQuantity, ConsumedUnit,
 * ResourceId, SkuId, Tags), the recommended ChargeFrequency and ServiceSubcategory, and three custom
 * columns. Spec: https://focus.finops.org/focus-specification/v1-2/ (column definitions in
 * FinOps-Open-Cost-and-Usage-Spec/FOCUS_Spec, specification/columns/<columnid>.md).
 */
export const FOCUS_COLUMNS = [
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'EffectiveCost',
  'InvoiceIssuerName',
  'ListCost',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'ResourceId',
  'ServiceCategory',
  'ServiceName',
  'ServiceSubcategory',
  'SkuId',
  'Tags',
  'x_CostCenter',
  'x_Model',
  'x_TokenClass',
] as const;

export type FocusColumn = (typeof FOCUS_COLUMNS)[number];

/** A row's values as text; null is FOCUS's null (an empty CSV cell, § Attributes › Null Handling). */
export type FocusRow = Readonly<Record<FocusColumn, string | null>>;

/** Prefix of the tags llmcost adds from its own attribution fields (§ Columns › Tags: provider-defined tags are prefixed). */
export const LLMCOST_TAG_PREFIX = 'llmcost/';

/**
 * One FOCUS line as column values. The choices, with the spec section each follows:
 * - Costs (§ Columns › BilledCost, EffectiveCost, ContractedCost, ListCost; all Decimal, never null):
 *   BilledCost and EffectiveCost are the cost in the report's cost mode (`--cost`: by default what the
 *   source states, else the list price), so the export sums to `llmcost report`'s total; local usage
 *   has no prepaid commitments to amortise, so EffectiveCost equals BilledCost. ContractedCost is the
 *   price book with your `priceOverrides` (negotiated rates), ListCost the price book alone. Where the
 *   book has no price, both fall back to BilledCost (ContractedCost/ListCost: "MUST match the
 *   BilledCost" when the unit price is null). Exact decimals of pico-USD: up to 12 decimal places,
 *   trailing zeros dropped, no exponent, no sign for positives (§ Attributes › Numeric Format).
 * - Billing account (§ Columns › BillingAccountId/Name): llmcost knows no provider account ids, so each
 *   provider counts as one billing account, identified by llmcost's provider id (`openai`,
 *   `aws-bedrock`) and named by the price book (`OpenAI`, `AWS Bedrock`).
 * - ChargeCategory `Usage`, ChargeClass null (no row corrects an invoiced period), ChargeFrequency
 *   `Usage-Based`; ServiceCategory `AI and Machine Learning`, ServiceSubcategory `Generative AI`,
 *   ServiceName `<provider name> API`; ProviderName and InvoiceIssuerName the provider that served
 *   and billed the usage, PublisherName the model's maker (Anthropic for Claude on Bedrock).
 * - Periods (§ Attributes › Date/Time Format): `YYYY-MM-DDTHH:mm:ssZ`, UTC. ChargePeriod is the UTC
 *   day (clipped to the exported range), BillingPeriod its UTC calendar month.
 * - Quantities (§ Columns › PricingQuantity/PricingUnit, ConsumedQuantity/ConsumedUnit): see
 *   focus-line-classes.ts; PricingQuantity is exact (12,345 tokens → 0.012345 of `1000000 Tokens`).
 * - SkuId `<price-book model>/<line class>` (`openai/gpt-4o/output`); ResourceId the API key id the
 *   usage ran under (an id or hash, never a secret), null when the source does not say.
 * - Tags (§ Columns › Tags, § Attributes › Key-Value Format): a JSON object of the record's own tags,
 *   keys unaltered, plus `llmcost/project`, `llmcost/team`, `llmcost/user`, `llmcost/workspace` where
 *   set; null when there are none.
 * - Custom columns (§ Attributes › Column Naming and Ordering: `x_` prefix): x_CostCenter (chargeback
 *   rules; null without rules), x_Model (the model id as the source wrote it), x_TokenClass (the line
 *   class: input, cache-read, cache-write-5m, cache-write-1h, output, web-search, request-fee,
 *   stated-cost).
 */
export function toFocusRow(line: FocusLine): FocusRow {
  const units = FOCUS_LINE_UNITS[line.lineClass];
  const { key, parties } = line;
  const billed = picoToDecimalString(line.costPico);
  return {
    BilledCost: billed,
    BillingAccountId: key.provider,
    BillingAccountName: parties.providerName,
    BillingCurrency: 'USD',
    BillingPeriodEnd: isoSeconds(line.billingPeriodEndMs),
    BillingPeriodStart: isoSeconds(line.billingPeriodStartMs),
    ChargeCategory: 'Usage',
    ChargeClass: null,
    ChargeDescription: `${key.model} ${units.label}`,
    ChargeFrequency: 'Usage-Based',
    ChargePeriodEnd: isoSeconds(line.chargePeriodEndMs),
    ChargePeriodStart: isoSeconds(line.chargePeriodStartMs),
    ConsumedQuantity: line.consumedQuantity.toString(),
    ConsumedUnit: units.consumedUnit,
    ContractedCost: picoToDecimalString(line.contractedPico),
    EffectiveCost: billed,
    InvoiceIssuerName: parties.providerName,
    ListCost: picoToDecimalString(line.listPico),
    PricingQuantity: scaledDecimal(line.consumedQuantity, units.unitsPerPricingUnit),
    PricingUnit: units.pricingUnit,
    ProviderName: parties.providerName,
    PublisherName: parties.publisherName,
    ResourceId: key.apiKey === '' ? null : key.apiKey,
    ServiceCategory: 'AI and Machine Learning',
    ServiceName: `${parties.providerName} API`,
    ServiceSubcategory: 'Generative AI',
    SkuId: `${line.skuModel}/${line.lineClass}`,
    Tags: tagsJson(line),
    x_CostCenter: line.costCenter,
    x_Model: key.model,
    x_TokenClass: line.lineClass,
  };
}

/** The last few instants formatted: consecutive lines share their periods. */
const isoCache = new Map<number, string>();

/** `2026-11-02T00:00:00Z`: ISO 8601 extended, UTC, whole seconds (FOCUS Date/Time Format). */
function isoSeconds(ms: number): string {
  let text = isoCache.get(ms);
  if (text === undefined) {
    if (isoCache.size > 64) isoCache.clear();
    text = `${new Date(ms).toISOString().slice(0, 19)}Z`;
    isoCache.set(ms, text);
  }
  return text;
}

/** `value / divisor` as an exact decimal (divisor a power of ten), trailing zeros dropped. */
function scaledDecimal(value: bigint, divisor: bigint): string {
  const whole = value / divisor;
  const places = divisor.toString().length - 1;
  if (places === 0) return whole.toString();
  const fraction = (value % divisor).toString().padStart(places, '0').replace(/0+$/, '');
  return fraction === '' ? whole.toString() : `${whole}.${fraction}`;
}

/** Tags JSON per allocation key: every line of a key shares the key object. */
const tagsCache = new WeakMap<FocusLine['key'], string | null>();

function tagsJson(line: FocusLine): string | null {
  const { key } = line;
  const cached = tagsCache.get(key);
  if (cached !== undefined) return cached;
  const tags: Record<string, string> = { ...key.tags };
  const own: readonly (readonly [string, string | null])[] = [
    ['project', key.project],
    ['team', key.team],
    ['user', key.user],
    ['workspace', key.workspace],
  ];
  for (const [name, value] of own) {
    if (value !== null && value !== '') tags[`${LLMCOST_TAG_PREFIX}${name}`] = value;
  }
  const text = Object.keys(tags).length === 0 ? null : JSON.stringify(tags);
  tagsCache.set(key, text);
  return text;
}
