import type {
  ModelEntry,
  PriceBook,
  PriceLayer,
  PricePeriod,
  PriceSet,
  ProviderEntry,
} from '../price-book.ts';
import { PRICE_SET_OPTIONAL_FIELDS, PRICE_SET_REQUIRED_FIELDS } from '../price-book.ts';
import { compareText } from '../build/match-logic-to-rules.ts';
import { findLargePriceChanges } from '../build/find-large-price-changes.ts';
import { periodInEffect } from '../period-in-effect.ts';
import { completePriceSet, type ConvertedSource, type ImportedModel } from './imported-model.ts';
import { matchImportedModels, type MatchedImport } from './match-imported-models.ts';

const PRICE_FIELDS = [...PRICE_SET_REQUIRED_FIELDS, ...PRICE_SET_OPTIONAL_FIELDS];

/** One price that moves: `where` is `base`, `above 200000` (a tier) or `daily windows`. */
export interface PriceChange {
  readonly where: string;
  readonly field: keyof PriceSet | 'windows';
  /** micro-USD per 1M tokens (per request, per 1,000 searches); null where there was or is no price. */
  readonly from: number | null;
  readonly to: number | null;
}

export interface ImportDiff {
  readonly effectiveFrom: string;
  readonly added: readonly { readonly key: string; readonly sourceKey: string }[];
  readonly changed: readonly {
    readonly key: string;
    readonly sourceKey: string;
    readonly previousFrom: string;
    /** `overlay`: the import replaces a hand-checked correction of the bundled book; worth a second look. */
    readonly previousLayer: PriceLayer | null;
    readonly changes: readonly PriceChange[];
  }[];
  readonly unchanged: number;
  readonly aliases: MatchedImport['aliases'];
  readonly ambiguous: MatchedImport['ambiguous'];
  /** Models whose prices differ but that already have a scheduled period after the import date: not updated. */
  readonly scheduled: readonly { readonly key: string; readonly scheduledFrom: string }[];
  readonly skipped: ConvertedSource['skipped'];
  readonly rounded: ConvertedSource['rounded'];
  /** Token prices that moved 5× or more (find-large-price-changes.ts): written only when accepted. */
  readonly largeChanges: readonly string[];
}

export type MergeOutcome =
  | { readonly ok: true; readonly book: Omit<PriceBook, 'version'>; readonly diff: ImportDiff }
  | { readonly ok: false; readonly problems: readonly string[] };

export interface MergeOptions {
  /** ISO date or UTC instant the new prices start; also the date the source's prices are compared at. */
  readonly effectiveFrom: string;
  readonly citation: string;
  /** The real now: a period starting after it is a scheduled price change, not history. */
  readonly nowMs: number;
}

/**
 * Merges a converted source into a price book without rewriting history: a model the book has gets
 * ONE new period starting `effectiveFrom`, and only when a price the source states differs from the
 * period in effect at that date (prices the source does not state, and tiers or windows it does not
 * list, carry over). A new model is added whole. Nothing is deleted. A needed period that would not come
 * after the model's last one is a problem (periods stay in date order; the caller refuses the import),
 * unless that last period is still in the future (a scheduled price change): then the model is left as
 * it is and listed as `scheduled`.
 */
export function mergeImportedModels(
  book: PriceBook,
  source: ConvertedSource,
  options: MergeOptions,
): MergeOutcome {
  const atMs = Date.parse(options.effectiveFrom);
  const matched = matchImportedModels(book, source.models);
  const models: Record<string, ModelEntry> = { ...book.models };
  const providers: Record<string, ProviderEntry> = { ...book.providers };
  const changed: ImportDiff['changed'][number][] = [];
  const problems: string[] = [];
  const scheduled: { key: string; scheduledFrom: string }[] = [];
  let unchanged = 0;

  for (const { key, imported } of matched.existing) {
    const entry = book.models[key];
    if (entry === undefined) continue;
    const current = periodInEffect(entry.periods, atMs);
    const next = nextPeriod(current, imported, options);
    const changes = current === undefined ? [] : diffPeriods(current, next);
    if (current !== undefined && changes.length === 0) {
      unchanged++;
      continue;
    }
    const last = entry.periods.at(-1);
    if (last !== undefined && Date.parse(last.effectiveFrom) >= atMs) {
      if (Date.parse(last.effectiveFrom) > options.nowMs) {
        scheduled.push({ key, scheduledFrom: last.effectiveFrom });
        continue;
      }
      problems.push(
        `${key}: its prices changed, but its last period starts ${last.effectiveFrom}, not before ${options.effectiveFrom}`,
      );
      continue;
    }
    models[key] = { ...entry, periods: [...entry.periods, next] };
    changed.push({
      key,
      sourceKey: imported.sourceKey,
      previousFrom: current?.effectiveFrom ?? '',
      previousLayer: current?.layer ?? null,
      changes,
    });
  }
  for (const { key, imported } of matched.added) {
    models[key] = imported.newEntry;
    providers[imported.provider] ??= source.providers[imported.provider] ?? newProvider(imported.provider);
  }
  if (problems.length > 0) return { ok: false, problems };

  const sortedModels = Object.fromEntries(Object.entries(models).sort(([a], [b]) => compareText(a, b)));
  const sortedProviders = Object.fromEntries(Object.entries(providers).sort(([a], [b]) => compareText(a, b)));
  return {
    ok: true,
    book: {
      generatedFrom: book.generatedFrom,
      batchMultipliers: book.batchMultipliers,
      providers: sortedProviders,
      models: sortedModels,
    },
    diff: {
      effectiveFrom: options.effectiveFrom,
      added: matched.added
        .map(({ key, imported }) => ({ key, sourceKey: imported.sourceKey }))
        .sort((a, b) => compareText(a.key, b.key)),
      changed: changed.sort((a, b) => compareText(a.key, b.key)),
      unchanged,
      aliases: matched.aliases,
      ambiguous: matched.ambiguous,
      scheduled,
      skipped: source.skipped,
      rounded: source.rounded,
      largeChanges: findLargePriceChanges(book.models, sortedModels, new Set()),
    },
  };
}

/** The period the source's prices make, on top of the one in effect (whose unstated prices carry over). */
function nextPeriod(
  current: PricePeriod | undefined,
  imported: ImportedModel,
  options: MergeOptions,
): PricePeriod {
  const prices = completePriceSet(imported.prices, current?.prices);
  const tiers =
    imported.tiers.length === 0
      ? current?.tiers
      : imported.tiers.map((tier) => ({
          aboveInputTokens: tier.aboveInputTokens,
          prices: completePriceSet(
            tier.prices,
            current?.tiers?.find((old) => old.aboveInputTokens === tier.aboveInputTokens)?.prices ?? prices,
          ),
        }));
  const timeOfDay = imported.timeOfDay ?? current?.timeOfDay;
  return {
    effectiveFrom: options.effectiveFrom,
    layer: 'catalogue',
    citation: options.citation,
    prices,
    ...(tiers === undefined || tiers.length === 0 ? {} : { tiers }),
    ...(timeOfDay === undefined || timeOfDay.length === 0 ? {} : { timeOfDay }),
  };
}

function diffPeriods(old: PricePeriod, next: PricePeriod): PriceChange[] {
  const changes = diffPriceSets('base', old.prices, next.prices);
  const thresholds = [
    ...new Set([...(old.tiers ?? []), ...(next.tiers ?? [])].map((tier) => tier.aboveInputTokens)),
  ].sort((a, b) => a - b);
  for (const above of thresholds) {
    const before = old.tiers?.find((tier) => tier.aboveInputTokens === above)?.prices;
    const after = next.tiers?.find((tier) => tier.aboveInputTokens === above)?.prices;
    changes.push(...diffPriceSets(`above ${above}`, before, after));
  }
  if (JSON.stringify(old.timeOfDay ?? []) !== JSON.stringify(next.timeOfDay ?? []))
    changes.push({ where: 'daily windows', field: 'windows', from: null, to: null });
  return changes;
}

function diffPriceSets(where: string, old: PriceSet | undefined, next: PriceSet | undefined): PriceChange[] {
  const value = (prices: PriceSet | undefined, field: keyof PriceSet): number | null => {
    if (prices === undefined) return null;
    // No reasoning price means reasoning is billed as output.
    return prices[field] ?? (field === 'reasoning' ? prices.output : null);
  };
  // Reasoning is listed only where a side states its own price, not whenever output moves.
  const statesReasoning = old?.reasoning !== undefined || next?.reasoning !== undefined;
  return PRICE_FIELDS.flatMap((field) => {
    const [from, to] = [value(old, field), value(next, field)];
    if (from === to || (field === 'reasoning' && !statesReasoning)) return [];
    return [{ where, field, from, to }];
  });
}

function newProvider(id: string): ProviderEntry {
  return {
    name: id,
    providerMatch: { exact: [id.toLowerCase()], prefixes: [] },
    modelMatch: { exact: [], prefixes: [] },
  };
}
