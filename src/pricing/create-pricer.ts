import type { PriceBook } from './price-book.ts';
import type { PriceOverride } from './price-override.ts';
import type { PricingInput, RecordCost } from './record-cost.ts';
import { compileModel, computeRecordCost, type CompiledModel } from './compute-record-cost.ts';
import { createModelResolver } from './create-model-resolver.ts';

/** A resolved model with the user overrides that may apply to it, most specific first. */
interface PricedModel {
  readonly compiled: CompiledModel;
  readonly overrides: readonly PriceOverride[];
}

/**
 * Returns a function that prices usage records against one price book and the user's overrides (see
 * computeRecordCost for the arithmetic, createModelResolver for how a model string finds its entry).
 * Pure; called once per ingested record, so the model lookup is cached per (provider, model) string pair
 * and a repeated pair costs two map lookups, no regular expression.
 *
 * Overrides: those naming the record's model come before those naming its provider, within each the
 * ones for a service tier before the others, then config order; the first whose dates and tier cover
 * the record applies. Throws (naming the override) when an override's
 * model or provider is not in the book: a negotiated rate that prices nothing must not pass unnoticed.
 */
export function createPricer(
  book: PriceBook,
  overrides: readonly PriceOverride[] = [],
): (usage: PricingInput) => RecordCost {
  const resolve = createModelResolver(book);
  const overridesByKey = new Map<string, PriceOverride[]>();
  const overridesByProvider = new Map<string, PriceOverride[]>();
  for (const override of overrides) {
    if (override.scope.kind === 'model') {
      const key = resolve('', override.scope.model);
      if (key === null)
        throw new Error(
          `${override.name}: model "${override.scope.model}" matches no model in the price book`,
        );
      overridesByKey.set(key, [...(overridesByKey.get(key) ?? []), override]);
    } else {
      const { provider } = override.scope;
      if (book.providers[provider] === undefined) {
        throw new Error(
          `${override.name}: provider "${provider}" is not in the price book (known: ${Object.keys(book.providers).join(', ')})`,
        );
      }
      overridesByProvider.set(provider, [...(overridesByProvider.get(provider) ?? []), override]);
    }
  }

  const pricedModels = new Map<string, PricedModel>();
  const cache = new Map<string, Map<string, PricedModel | null>>();
  const lookUp = (provider: string, model: string): PricedModel | null => {
    let byModel = cache.get(provider);
    if (byModel === undefined) {
      byModel = new Map();
      cache.set(provider, byModel);
    }
    let found = byModel.get(model);
    if (found === undefined) {
      const key = resolve(provider, model);
      found = key === null ? null : pricedModel(key);
      byModel.set(model, found);
    }
    return found;
  };
  const pricedModel = (key: string): PricedModel | null => {
    const entry = book.models[key];
    if (entry === undefined) return null;
    let model = pricedModels.get(key);
    if (model === undefined) {
      model = {
        compiled: compileModel(key, entry, book.batchMultipliers[entry.provider]),
        overrides: [
          ...tierFirst(overridesByKey.get(key) ?? []),
          ...tierFirst(overridesByProvider.get(entry.provider) ?? []),
        ],
      };
      pricedModels.set(key, model);
    }
    return model;
  };
  return (usage) => {
    const model = lookUp(usage.provider, usage.model);
    if (model === null)
      return {
        kind: 'unpriced',
        reason: `no price for model "${usage.model}" (provider "${usage.provider}")`,
      };
    const at = usage.occurredAtMs;
    const tier = usage.serviceTier?.toLowerCase();
    const override =
      model.overrides.length === 0
        ? undefined
        : model.overrides.find(
            (o) =>
              (o.fromMs === null || o.fromMs <= at) &&
              (o.toMs === null || at < o.toMs) &&
              (o.serviceTier === undefined || o.serviceTier === tier),
          );
    return computeRecordCost(model.compiled, usage, override);
  };
}

function tierFirst(overrides: readonly PriceOverride[]): PriceOverride[] {
  return [
    ...overrides.filter((override) => override.serviceTier !== undefined),
    ...overrides.filter((override) => override.serviceTier === undefined),
  ];
}
