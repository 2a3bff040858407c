import { listModels } from '../../pricing/list-models.ts';
import {
  renderModelListCsv,
  renderModelListMarkdown,
  renderModelListTable,
} from '../../output/render-model-list.ts';
import { modelListJson } from '../../output/pricing-json.ts';
import type { Context } from '../context.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { resolvePriceDate } from '../price-date.ts';
import { readActivePriceBook } from '../read-active-price-book.ts';
import type { Settings } from '../settings.ts';
import { requireFormat } from '../require-format.ts';
import { writeInFormat } from '../write-output.ts';
import type { PricingListOptions } from './pricing.ts';

export function runPricingList(
  options: PricingListOptions,
  asOf: string | undefined,
  settings: Settings,
  ctx: Context,
): ExitCode {
  const format = requireFormat(settings, 'pricing list', ['table', 'json', 'csv', 'md']);
  const book = readActivePriceBook(settings);
  const date = resolvePriceDate(undefined, asOf, settings);
  const rows = listModels(book, {
    atMs: date.atMs,
    ...(options.provider === undefined ? {} : { provider: options.provider }),
    ...(options.search === undefined ? {} : { search: options.search }),
  });
  const meta = { at: date.label, priceBookVersion: book.version };
  writeInFormat(ctx, settings, format, {
    json: () => `${JSON.stringify(modelListJson(rows, meta.at, date.day, meta.priceBookVersion), null, 2)}\n`,
    csv: () => renderModelListCsv(rows),
    md: () => renderModelListMarkdown(rows, meta),
    table: () => renderModelListTable(rows, meta, ctx.display),
  });
  return EXIT.OK;
}
