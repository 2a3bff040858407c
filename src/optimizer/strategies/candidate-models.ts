import { compileGlob } from '../match-glob.ts';
import type { PriceBook } from '../../pricing/price-book.ts';
import { hasQualityScore, type ScoreIndex } from '../scores/score-index.ts';

/**
 * The models the optimizer considers: every model with a quality score that the price book prices,
 * narrowed to `patterns` (globs on the `provider/model` key, e.g. `openai/*`) when given, else to the
 * first-party providers of the analysed usage (`usedProviders`). Sorted by key.
 */
export function candidateModels(
  index: ScoreIndex,
  book: PriceBook,
  patterns: readonly string[] | null,
  usedProviders: ReadonlySet<string>,
): string[] {
  const matchers = patterns?.map(compileGlob) ?? null;
  return [...index.byModel.keys()]
    .filter((key) => book.models[key] !== undefined && hasQualityScore(index, key))
    .filter((key) =>
      matchers === null
        ? usedProviders.has(key.slice(0, key.indexOf('/')))
        : matchers.some((matches) => matches(key)),
    )
    .sort();
}
