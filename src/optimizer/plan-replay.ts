import { createModelResolver } from '../pricing/create-model-resolver.ts';
import { createPricer } from '../pricing/create-pricer.ts';
import type { ModelEntry, PriceBook, Rational } from '../pricing/price-book.ts';
import type { PriceOverride } from '../pricing/price-override.ts';
import type { PricingInput, RecordCost } from '../pricing/record-cost.ts';
import { suggestModelIds } from '../pricing/suggest-model-ids.ts';
import { compileGlob } from './match-glob.ts';
import { compileRowCondition, type RowTest } from './row-condition.ts';
import type { RowCondition, Scenario } from './scenario.ts';
import {
  decimalToRational,
  tokenizerFamilyOf,
  type TokenizerFamily,
  type TokenizerRatios,
} from './tokenizer-ratios.ts';

/** Prices one usage record (createPricer's function). */
export type Pricer = (usage: PricingInput) => RecordCost;

/** What every scenario of a run is replayed against. */
export interface ReplaySettings {
  /** The active price book: prices the baseline, and every scenario without a price list of its own. */
  readonly book: PriceBook;
  /** The config's `priceOverrides` (negotiated rates) on top of the book. */
  readonly overrides: readonly PriceOverride[];
  /** Tokens per tokenizer family for the same text (tokenizer-ratios.ts). */
  readonly tokenizerRatios: TokenizerRatios;
  /**
   * The shortest prompt per request that prompt caching applies to. Anthropic caches prompts from 1,024
   * tokens (Sonnet and Opus; 2,048 for Haiku) and OpenAI from 1,024 tokens, so 1,024 by default.
   */
  readonly minCacheablePromptTokens: number;
  /**
   * The cache hit rate observed in the replayed usage (cache reads ÷ prompt tokens of the requests that
   * used the cache), for `hitRate: 'observed'`; null when the usage shows no caching.
   */
  readonly observedCacheHitRate: number | null;
}

/** A scenario ready to replay: models resolved, globs and conditions compiled, pricers built. */
export interface CompiledScenario {
  readonly name: string;
  /** The book the scenario prices with: the active one, or its own price list's. */
  readonly book: PriceBook;
  /** The scenario's pricer: the baseline's unless it has a price list of its own. */
  readonly price: Pricer;
  /** The price list's label (`--price-book new.json`), or null when the scenario uses the active prices. */
  readonly priceListLabel: string | null;
  readonly modelChanges: readonly CompiledModelChange[];
  readonly caches: readonly CompiledCache[];
  readonly tiers: readonly CompiledTier[];
  readonly batches: readonly CompiledBatch[];
  /** Caveats a reader must see next to the figures (unchecked limits, an assumed ratio…). */
  readonly notes: readonly string[];
}

export interface CompiledModelChange {
  readonly label: string;
  /** Whether the change's `from` glob matches a request's stored model or its book entry. */
  readonly matchesModel: (storedModel: string, sourceKey: string) => boolean;
  readonly when: RowTest | null;
  readonly targetKey: string;
  readonly target: ModelEntry;
  readonly family: TokenizerFamily | null;
  readonly hasCachePrices: boolean;
}

export interface CompiledCache {
  readonly label: string;
  /** The hit rate as an exact fraction (6 decimals kept), so the store can test records against it. */
  readonly hitRate: Rational;
  readonly ttl: '5m' | '1h';
  readonly when: RowTest | null;
}

export interface CompiledTier {
  readonly label: string;
  readonly tier: string;
  readonly when: RowTest | null;
}

export interface CompiledBatch {
  readonly label: string;
  readonly share: Rational;
  readonly when: RowTest | null;
}

/** Everything a replay needs: the baseline pricer, the compiled scenarios, the settings. */
export interface ReplayPlan {
  readonly settings: ReplaySettings;
  readonly baselinePrice: Pricer;
  readonly scenarios: readonly CompiledScenario[];
  /** Every condition of every scenario, for the store's grouping (replay-grouping.ts). */
  readonly conditions: readonly RowCondition[];
  /** Price books the scenarios price with (the active one first). */
  readonly books: readonly PriceBook[];
}

export type PlanOutcome =
  | { readonly ok: true; readonly plan: ReplayPlan }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Checks and compiles scenarios against the price book: swap and route targets must be models of the
 * book (unknown ones are problems, with suggestions), a tier needs a tier price somewhere, an override
 * must name a model or provider of its book. Pure; throws nothing on bad input.
 */
export function planReplay(scenarios: readonly Scenario[], settings: ReplaySettings): PlanOutcome {
  const problems: string[] = [];
  const baselinePrice = createPricer(settings.book, settings.overrides);
  const compiled: CompiledScenario[] = [];
  const conditions: RowCondition[] = [];
  const books: PriceBook[] = [settings.book];
  const names = new Set<string>();
  for (const scenario of scenarios) {
    if (names.has(scenario.name)) problems.push(`scenario "${scenario.name}" is named twice`);
    names.add(scenario.name);
    const result = compileScenario(scenario, settings, baselinePrice);
    if (!result.ok) {
      problems.push(...result.problems.map((problem) => `scenario "${scenario.name}": ${problem}`));
      continue;
    }
    compiled.push(result.scenario);
    conditions.push(...result.conditions);
    if (!books.includes(result.book)) books.push(result.book);
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, plan: { settings, baselinePrice, scenarios: compiled, conditions, books } };
}

type CompileOutcome =
  | {
      readonly ok: true;
      readonly scenario: CompiledScenario;
      readonly conditions: readonly RowCondition[];
      readonly book: PriceBook;
    }
  | { readonly ok: false; readonly problems: readonly string[] };

function compileScenario(
  scenario: Scenario,
  settings: ReplaySettings,
  baselinePrice: Pricer,
): CompileOutcome {
  const problems: string[] = [];
  const notes: string[] = [];
  const conditions: RowCondition[] = [];
  const test = (condition: RowCondition | null): RowTest | null => {
    if (condition === null) return null;
    conditions.push(condition);
    return compileRowCondition(condition);
  };

  const priceLists = scenario.operations.filter((operation) => operation.kind === 'prices');
  if (priceLists.length > 1) problems.push('give at most one price list (--price-book, --overrides)');
  const priceList = priceLists[0];
  const book = priceList?.book ?? settings.book;
  const overrides =
    priceList === undefined ? settings.overrides : [...priceList.overrides, ...settings.overrides];
  let price: Pricer = baselinePrice;
  if (priceList !== undefined) {
    try {
      price = createPricer(book, overrides);
    } catch (error) {
      problems.push(`${priceList.label}: ${(error as Error).message}`);
    }
  }
  const resolve = createModelResolver(book);

  const modelChanges: CompiledModelChange[] = [];
  const caches: CompiledCache[] = [];
  const tiers: CompiledTier[] = [];
  const batches: CompiledBatch[] = [];
  for (const operation of scenario.operations) {
    switch (operation.kind) {
      case 'model': {
        const targetKey = book.models[operation.to] === undefined ? resolve('', operation.to) : operation.to;
        const target = targetKey === null ? undefined : book.models[targetKey];
        if (targetKey === null || target === undefined) {
          const suggestions = suggestModelIds(book, operation.to);
          problems.push(
            `${operation.label}: "${operation.to}" is not a model of the price book` +
              (suggestions.length > 0 ? ` (did you mean ${suggestions.join(', ')}?)` : ''),
          );
          continue;
        }
        if (target.contextWindow === undefined)
          notes.push(
            `${targetKey} has no context window in the price book: requests were not checked against it`,
          );
        if (target.maxOutputTokens === undefined)
          notes.push(
            `${targetKey} has no maximum output in the price book: requests were not checked against it`,
          );
        modelChanges.push({
          label: operation.label,
          matchesModel: modelMatcher(operation.from, book),
          when: test(operation.when),
          targetKey,
          target,
          family: tokenizerFamilyOf(target.model, target.provider),
          hasCachePrices: hasCachePrices(target),
        });
        break;
      }
      case 'cache': {
        const hitRate = operation.hitRate === 'observed' ? settings.observedCacheHitRate : operation.hitRate;
        if (hitRate === null) {
          problems.push(
            `${operation.label}: no cache reads in the replayed usage, so there is no observed hit rate; give one (--cache-hit-rate 0.5)`,
          );
          continue;
        }
        if (!(hitRate >= 0 && hitRate <= 1)) {
          problems.push(`${operation.label}: the hit rate must be between 0 and 1, got ${hitRate}`);
          continue;
        }
        caches.push({
          label: operation.label,
          hitRate: decimalToRational(hitRate),
          ttl: operation.ttl,
          when: test(operation.when),
        });
        break;
      }
      case 'tier': {
        const tier = operation.tier.toLowerCase();
        if (!overrides.some((override) => override.serviceTier === tier)) {
          problems.push(
            `${operation.label}: no "${tier}" prices: the price book prices the standard tier only, and no priceOverrides entry has "serviceTier": "${tier}" (add one to the config file or an --overrides file)`,
          );
          continue;
        }
        tiers.push({ label: operation.label, tier, when: test(operation.when) });
        break;
      }
      case 'batch': {
        const { numerator, denominator } = operation.share;
        if (!(numerator > 0 && numerator <= denominator)) {
          problems.push(`${operation.label}: the batch share must be above 0 and at most 1`);
          continue;
        }
        batches.push({ label: operation.label, share: operation.share, when: test(operation.when) });
        break;
      }
      case 'prices':
        break;
      default:
        return operation satisfies never;
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    scenario: {
      name: scenario.name,
      book,
      price,
      priceListLabel: priceList?.label ?? null,
      modelChanges,
      caches,
      tiers,
      batches,
      notes: [...new Set(notes)],
    },
    conditions,
    book,
  };
}

/**
 * Whether a model has prompt-cache prices: a cache read cheaper than input in its latest period. Models
 * without caching carry cache reads at the input price in the book (the sources' fallback).
 */
export function hasCachePrices(entry: ModelEntry): boolean {
  const latest = entry.periods[entry.periods.length - 1];
  return latest !== undefined && latest.prices.cacheRead < latest.prices.input;
}

/** A change's `from` test: the glob on the stored model, the canonical id, or the book key; null: any. */
function modelMatcher(from: string | null, book: PriceBook): CompiledModelChange['matchesModel'] {
  if (from === null) return () => true;
  const matches = compileGlob(from);
  const cache = new Map<string, boolean>();
  return (storedModel, sourceKey) => {
    const cacheKey = `${storedModel}\u0000${sourceKey}`;
    let answer = cache.get(cacheKey);
    if (answer === undefined) {
      const canonical = book.models[sourceKey]?.model;
      answer = matches(storedModel) || matches(sourceKey) || (canonical !== undefined && matches(canonical));
      cache.set(cacheKey, answer);
    }
    return answer;
  };
}
