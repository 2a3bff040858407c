import { existsSync } from 'node:fs';
import { summarizeReprice } from '../../analysis/summarize-reprice.ts';
import { priceForStore } from '../../pricing/price-for-store.ts';
import {
  renderRepriceCsv,
  renderRepriceJson,
  renderRepriceMarkdown,
  renderRepriceTable,
  type RepriceRun,
} from '../../output/render-reprice.ts';
import { openStore } from '../../store/open-store.ts';
import { repriceUsage } from '../../store/reprice-usage.ts';
import type { Context } from '../context.ts';
import { InputError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { loadPricing } from '../load-pricing.ts';
import { parseDateFlag, startOf } from '../parse-date-flag.ts';
import type { Settings } from '../settings.ts';
import { requireFormat } from '../require-format.ts';
import { writeInFormat } from '../write-output.ts';
import type { RepriceOptions } from './reprice.ts';

export function runReprice(options: RepriceOptions, settings: Settings, ctx: Context): ExitCode {
  const format = requireFormat(settings, 'reprice', ['table', 'json', 'csv', 'md']);
  const sinceMs =
    options.since === undefined ? null : startOf(parseDateFlag(options.since, '--since'), settings.timeZone);
  if (!existsSync(settings.dbPath)) {
    throw new InputError(
      `no database at ${settings.dbPath}: ingest some usage first (llmcost ingest <files>)`,
    );
  }
  const pricing = loadPricing(settings);
  const store = openStore(settings.dbPath);
  try {
    const result = repriceUsage(store, (usage) => priceForStore(usage, pricing.price), pricing.version, {
      fromMs: sinceMs,
      isDryRun: options.dryRun,
    });
    const summary = summarizeReprice(result.changes, settings.timeZone);
    const run: RepriceRun = {
      isDryRun: options.dryRun,
      pricingVersion: pricing.version,
      since: sinceMs === null ? null : new Date(sinceMs).toISOString(),
      examined: result.examined,
      timeZone: settings.timeZone,
    };
    writeInFormat(ctx, settings, format, {
      json: () => renderRepriceJson(summary, run),
      csv: () => renderRepriceCsv(summary),
      md: () => renderRepriceMarkdown(summary, run),
      table: () => renderRepriceTable(summary, run, ctx.display),
    });
    return EXIT.OK;
  } finally {
    store.close();
  }
}
