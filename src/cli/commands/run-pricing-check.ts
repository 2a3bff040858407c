import { existsSync } from 'node:fs';
import { explainUnpriced } from '../../pricing/explain-unpriced.ts';
import { renderPricingCheckJson, renderPricingCheckText } from '../../output/render-pricing-check.ts';
import { openStore } from '../../store/open-store.ts';
import { selectUnpricedUsage } from '../../store/select-usage-aggregates.ts';
import type { Context } from '../context.ts';
import { InputError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { parseDateFlag, startOf } from '../parse-date-flag.ts';
import { readActivePriceBook } from '../read-active-price-book.ts';
import type { Settings } from '../settings.ts';
import { requireFormat } from '../require-format.ts';
import { writeOutput } from '../write-output.ts';
import { usageFilterOf } from '../usage-filter-of.ts';

export interface PricingCheckOptions {
  readonly since?: string;
  readonly failOnUnpriced: boolean;
}

/**
 * Lists the stored usage without a list price and explains each against the active price book. Exit 3
 * with `--fail-on-unpriced` when there is any (a CI gate), else 0.
 */
export function runPricingCheck(options: PricingCheckOptions, settings: Settings, ctx: Context): ExitCode {
  const format = requireFormat(settings, 'pricing check', ['table', 'md', 'json']);
  const sinceMs =
    options.since === undefined ? null : startOf(parseDateFlag(options.since, '--since'), settings.timeZone);
  if (!existsSync(settings.dbPath)) {
    throw new InputError(
      `no database at ${settings.dbPath}: ingest some usage first (llmcost ingest <files>)`,
    );
  }
  const book = readActivePriceBook(settings);
  const store = openStore(settings.dbPath);
  let unpriced;
  try {
    unpriced = selectUnpricedUsage(store, usageFilterOf(settings, sinceMs, settings.asOfMs), 'list');
  } finally {
    store.close();
  }
  const explanations = explainUnpriced(book, unpriced);
  writeOutput(
    ctx,
    settings,
    format === 'json'
      ? renderPricingCheckJson(explanations)
      : renderPricingCheckText(explanations, ctx.display),
  );
  return options.failOnUnpriced && explanations.length > 0 ? EXIT.GATE : EXIT.OK;
}
