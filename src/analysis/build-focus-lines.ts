import type { CostedUsage } from '../model/costed-usage.ts';
import type { UsageParties } from '../pricing/create-party-namer.ts';
import type { UnitListPrices } from '../pricing/create-unit-list-pricer.ts';
import { parseSortedTags, type AllocationKey, type CostCenterOf } from './allocation-key.ts';
import { USAGE_LINE_CLASSES, type FocusLineClass } from './focus-line-classes.ts';
import { addToFocusGroup, createFocusGroup, type FocusGroup } from './focus-group.ts';
import { splitLargestRemainder } from '../chargeback/largest-remainder.ts';

const DAY_MS = 86_400_000;
const SECOND_MS = 1000;

/** One line of a FOCUS export: one line class of one UTC day, model and allocation key. */
export interface FocusLine {
  readonly lineClass: FocusLineClass;
  /** The UTC day, clipped to the exported range (whole seconds). */
  readonly chargePeriodStartMs: number;
  readonly chargePeriodEndMs: number;
  /** The UTC calendar month holding the charge period. */
  readonly billingPeriodStartMs: number;
  readonly billingPeriodEndMs: number;
  readonly key: AllocationKey;
  readonly parties: UsageParties;
  /** The price-book key that priced the usage (`openai/gpt-4o`), else `<provider>/<model>`. */
  readonly skuModel: string;
  /** Units consumed (FOCUS_LINE_UNITS: tokens, searches, requests, cost lines); always > 0. */
  readonly consumedQuantity: bigint;
  /** Exact pico-USD; see FocusGroup for what each amount is. */
  readonly costPico: bigint;
  readonly contractedPico: bigint;
  readonly listPico: bigint;
  readonly costCenter: string | null;
}

/** What building lines needs besides the usage: the range, prices, names and cost centers. */
export interface FocusLineSources {
  /** The exported range: inclusive start (null: from the first record) and exclusive end. */
  readonly fromMs: number | null;
  readonly toMs: number;
  readonly unitListPrices: (provider: string, model: string, atMs: number) => UnitListPrices | null;
  readonly listWithoutOverrides: (usage: CostedUsage) => bigint | null;
  readonly partiesOf: (provider: string, model: string) => UsageParties;
  readonly costCenterOf: CostCenterOf;
}

/**
 * Turns usage records, ordered by UTC day, provider and model (store/iterate-costed-usage.ts), into
 * FOCUS lines, lazily: one day of one model is summed per allocation key at a time, so memory follows
 * the largest such block, not the store. Each group becomes one line per line class it used, and each
 * of its three amounts is split over those lines in proportion to their list price (the class's units
 * × the model's unit list price that day: batch discounts, negotiated multipliers and stated costs
 * scale every class alike), by largest remainder, so the lines add up exactly to the group and the
 * export to the report. Without a list price, tokens weigh one each; usage with a cost but no counts
 * (a billing export's cost line) is one `stated-cost` line. Lines come out in day, provider, model,
 * allocation-key (as JSON) and line-class order.
 */
export function* buildFocusLines(
  usage: Iterable<CostedUsage>,
  sources: FocusLineSources,
): Generator<FocusLine> {
  let block: Map<string, FocusGroup> | null = null;
  let tagsSeen = new Map<string | null, { readonly tags: AllocationKey['tags']; readonly text: string }>();
  let current: CostedUsage | null = null;
  for (const record of usage) {
    if (
      current === null ||
      record.dayStartMs !== current.dayStartMs ||
      record.provider !== current.provider ||
      record.model !== current.model
    ) {
      if (block !== null && current !== null) yield* linesOfBlock(block, current, sources);
      block = new Map();
      tagsSeen = new Map();
      current = record;
    }
    let tags = tagsSeen.get(record.tagsJson);
    if (tags === undefined) {
      const parsed = parseSortedTags(record.tagsJson);
      tags = { tags: parsed, text: JSON.stringify(parsed) };
      tagsSeen.set(record.tagsJson, tags);
    }
    const keyText = JSON.stringify([
      record.project,
      record.team,
      record.user,
      record.apiKey,
      record.workspace,
      tags.text,
    ]);
    let group = block?.get(keyText);
    if (group === undefined) {
      group = createFocusGroup({
        provider: record.provider,
        model: record.model,
        project: record.project,
        team: record.team,
        user: record.user,
        apiKey: record.apiKey,
        workspace: record.workspace,
        tags: tags.tags,
      });
      block?.set(keyText, group);
    }
    addToFocusGroup(group, record, sources.listWithoutOverrides);
  }
  if (block !== null && current !== null) yield* linesOfBlock(block, current, sources);
}

function* linesOfBlock(
  block: ReadonlyMap<string, FocusGroup>,
  first: CostedUsage,
  sources: FocusLineSources,
): Generator<FocusLine> {
  const { dayStartMs, provider, model } = first;
  const fromMs = sources.fromMs === null ? dayStartMs : Math.floor(sources.fromMs / SECOND_MS) * SECOND_MS;
  const day = new Date(dayStartMs);
  const period = {
    chargePeriodStartMs: Math.max(dayStartMs, fromMs),
    chargePeriodEndMs: Math.min(dayStartMs + DAY_MS, Math.ceil(sources.toMs / SECOND_MS) * SECOND_MS),
    billingPeriodStartMs: Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1),
    billingPeriodEndMs: Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1),
  };
  const prices = sources.unitListPrices(provider, model, dayStartMs);
  const parties = sources.partiesOf(provider, model);
  const keys = [...block.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const keyText of keys) {
    const group = block.get(keyText);
    if (group === undefined) continue;
    const lines = chooseLines(group, prices);
    if (lines.length === 0) continue;
    const weights = lines.map((line) => line.weight);
    const cost = splitLargestRemainder(group.costPico, weights);
    const contracted = splitLargestRemainder(group.contractedPico, weights);
    const list = splitLargestRemainder(group.listPico, weights);
    const costCenter = sources.costCenterOf(group.key);
    const skuModel = group.pricedModel ?? `${provider}/${model}`;
    for (const [index, line] of lines.entries()) {
      yield {
        chargePeriodStartMs: period.chargePeriodStartMs,
        chargePeriodEndMs: period.chargePeriodEndMs,
        billingPeriodStartMs: period.billingPeriodStartMs,
        billingPeriodEndMs: period.billingPeriodEndMs,
        lineClass: line.lineClass,
        key: group.key,
        parties,
        skuModel,
        consumedQuantity: line.quantity,
        costPico: cost[index] ?? 0n,
        contractedPico: contracted[index] ?? 0n,
        listPico: list[index] ?? 0n,
        costCenter,
      };
    }
  }
}

interface ChosenLine {
  readonly lineClass: FocusLineClass;
  readonly quantity: bigint;
  readonly weight: bigint;
}

/**
 * The lines of a group with the weight each takes of its money: the list price of its units where the
 * book prices the model (a per-request fee is a line only where the model has one), else one per
 * token, else one per search; a group with money but no counts is one `stated-cost` line of its
 * records; a group with neither has no line.
 */
function chooseLines(group: FocusGroup, prices: UnitListPrices | null): ChosenLine[] {
  const { quantities } = group;
  const used = USAGE_LINE_CLASSES.filter((lineClass) => quantities[lineClass] > 0);
  if (prices !== null) {
    const unitPrice: Readonly<Record<(typeof USAGE_LINE_CLASSES)[number], bigint>> = {
      input: prices.input,
      'cache-read': prices.cacheRead,
      'cache-write-5m': prices.cacheWrite5m,
      'cache-write-1h': prices.cacheWrite1h,
      output: prices.output,
      'web-search': prices.webSearch ?? 0n,
    };
    const priced: ChosenLine[] = used.map((lineClass) => {
      const quantity = BigInt(quantities[lineClass]);
      return { lineClass, quantity, weight: quantity * unitPrice[lineClass] };
    });
    if (prices.requestFee > 0n && quantities['request-fee'] > 0) {
      const quantity = BigInt(quantities['request-fee']);
      priced.push({ lineClass: 'request-fee', quantity, weight: quantity * prices.requestFee });
    }
    if (priced.some((line) => line.weight > 0n)) return priced;
  }
  const byTokens = used.map((lineClass) => {
    const quantity = BigInt(quantities[lineClass]);
    return { lineClass, quantity, weight: lineClass === 'web-search' ? 0n : quantity };
  });
  if (byTokens.some((line) => line.weight > 0n)) return byTokens;
  if (used.length > 0) return byTokens.map((line) => ({ ...line, weight: line.quantity }));
  const hasMoney = group.costPico !== 0n || group.contractedPico !== 0n || group.listPico !== 0n;
  return hasMoney ? [{ lineClass: 'stated-cost', quantity: BigInt(group.records), weight: 1n }] : [];
}
