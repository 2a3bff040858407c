import type { PriceBook } from './price-book.ts';
import type { PricingInput, RecordCost } from './record-cost.ts';
import { compileModel, computeRecordCost, type CompiledModel } from './compute-record-cost.ts';
import { createModelResolver } from './create-model-resolver.ts';

/**
 * Returns a function that prices usage records against one price book (see computeRecordCost for the
 * arithmetic, createModelResolver for how a model string finds its entry). Pure; called once per
 * ingested record, so the model lookup is cached per (provider, model) string pair and a repeated pair
 * costs two map lookups, no regular expression.
 */
export function createPricer(book: PriceBook): (usage: PricingInput) => RecordCost {
  const resolve = createModelResolver(book);
  const compiled = new Map<string, CompiledModel>();
  const cache = new Map<string, Map<string, CompiledModel | null>>();
  const lookUp = (provider: string, model: string): CompiledModel | null => {
    let byModel = cache.get(provider);
    if (byModel === undefined) {
      byModel = new Map();
      cache.set(provider, byModel);
    }
    let found = byModel.get(model);
    if (found === undefined) {
      const key = resolve(provider, model);
      found = key === null ? null : compiledModel(key);
      byModel.set(model, found);
    }
    return found;
  };
  const compiledModel = (key: string): CompiledModel | null => {
    const entry = book.models[key];
    if (entry === undefined) return null;
    let model = compiled.get(key);
    if (model === undefined) {
      model = compileModel(key, entry, book.batchMultipliers[entry.provider]);
      compiled.set(key, model);
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
    return computeRecordCost(model, usage);
  };
}
