import { findModel } from '../../pricing/find-model.ts';
import { periodIndexInEffect } from '../../pricing/period-in-effect.ts';
import { modelShowJson, type ShownModel } from '../../output/pricing-json.ts';
import {
  renderModelShowCsv,
  renderModelShowMarkdown,
  renderModelShowText,
} from '../../output/render-model-show.ts';
import type { Context } from '../context.ts';
import { InputError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { resolvePriceDate } from '../price-date.ts';
import { readActivePriceBook } from '../read-active-price-book.ts';
import type { Settings } from '../settings.ts';
import { requireFormat } from '../require-format.ts';
import { writeInFormat } from '../write-output.ts';
import type { PricingShowOptions } from './pricing.ts';

export function runPricingShow(
  model: string,
  options: PricingShowOptions,
  asOf: string | undefined,
  settings: Settings,
  ctx: Context,
): ExitCode {
  const format = requireFormat(settings, 'pricing show', ['table', 'json', 'csv', 'md']);
  const book = readActivePriceBook(settings);
  const date = resolvePriceDate(options.at, asOf, settings);
  const found = findModel(book, model, options.provider);
  if (found.kind === 'unknown') {
    const within = options.provider === undefined ? '' : ` for provider "${options.provider}"`;
    const hint =
      found.suggestions.length > 0
        ? `; nearest known: ${found.suggestions.join(', ')}`
        : '; llmcost pricing list --search <part of the id> lists similar models';
    throw new InputError(`no model "${model}"${within} in the price book (${book.version})${hint}`);
  }
  const entry = book.models[found.key];
  if (entry === undefined) throw new Error(`findModel returned an unknown key ${found.key}`);
  const index = periodIndexInEffect(entry.periods, date.atMs);
  const shown: ShownModel = {
    query: { model, provider: options.provider ?? null },
    key: found.key,
    entry,
    providerName: book.providers[entry.provider]?.name ?? null,
    batchMultiplier: book.batchMultipliers[entry.provider] ?? null,
    periodInEffect: index < 0 ? null : index,
    at: date.label,
    day: date.day,
    priceBookVersion: book.version,
  };
  writeInFormat(ctx, settings, format, {
    json: () => `${JSON.stringify(modelShowJson(shown), null, 2)}\n`,
    csv: () => renderModelShowCsv(shown),
    md: () => renderModelShowMarkdown(shown),
    table: () => renderModelShowText(shown, ctx.display),
  });
  return EXIT.OK;
}
