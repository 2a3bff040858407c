import { createModelResolver, type ModelResolver } from '../../pricing/create-model-resolver.ts';
import type { PriceBook } from '../../pricing/price-book.ts';
import type { ModelScores } from './model-scores.ts';

/**
 * Resolves a usage record's (provider, model) to the first-party price-book key its scores are filed
 * under: `aws-bedrock` + `anthropic.claude-3-haiku-20240307-v1:0` and `openrouter` +
 * `openai/gpt-4o-2024-08-06` mean the same weights as `anthropic/claude-3-haiku` and `openai/gpt-4o`.
 * It searches only the models of providers that scores are filed under (all of their models, so an
 * unscored `claude-sonnet-4-5` resolves to itself and stays unscored rather than matching another).
 */
export function createScoredModelResolver(book: PriceBook, scores: ModelScores): ModelResolver {
  const providers = new Set(scores.scores.map((score) => score.model.slice(0, score.model.indexOf('/'))));
  const models = Object.fromEntries(
    Object.entries(book.models).filter(([, entry]) => providers.has(entry.provider)),
  );
  const providerEntries = Object.fromEntries(
    Object.entries(book.providers).filter(([id]) => providers.has(id)),
  );
  const resolve = createModelResolver({ ...book, providers: providerEntries, models });
  // The record's own provider (a gateway or cloud) means nothing here: match on the model id alone.
  return (_provider, model) => resolve('', model);
}
