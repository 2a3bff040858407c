import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { serializePriceBook } from '../../pricing/build/serialize-price-book.ts';
import { convertGenaiPricesData } from '../../pricing/import/convert-genai-prices-data.ts';
import { convertLitellmPrices } from '../../pricing/import/convert-litellm-prices.ts';
import type { ConvertedSource } from '../../pricing/import/imported-model.ts';
import { litellmProviderMapper } from '../../pricing/import/map-litellm-provider.ts';
import { mergeImportedModels } from '../../pricing/import/merge-imported-models.ts';
import type { PriceBook } from '../../pricing/price-book.ts';
import { validatePriceBook } from '../../pricing/validate-price-book.ts';
import { importDiffJson, renderImportDiff, type ImportSummary } from '../../output/render-import-diff.ts';
import type { Context } from '../context.ts';
import { InputError, UsageError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { parseDateFlag } from '../parse-date-flag.ts';
import { readActivePriceBook, readPriceBookOrFail } from '../read-active-price-book.ts';
import { userPriceBookPath, type Settings } from '../settings.ts';
import { requireFormat } from '../require-format.ts';
import { writeOutput } from '../write-output.ts';
import type { PricingImportOptions } from './pricing.ts';

/**
 * `pricing import`: converts a downloaded price file, merges it into a price book (new dated periods
 * only where prices differ; new models added), prints the differences and writes the book atomically.
 * The book imported into is `--into` if that file exists, else the active one; it is written to `--into`,
 * else to the active `pricingFile`, else to the user's book (which then becomes the active one).
 */
export function runPricingImport(
  file: string,
  options: PricingImportOptions,
  asOf: string | undefined,
  settings: Settings,
  ctx: Context,
): ExitCode {
  const format = requireFormat(settings, 'pricing import', ['table', 'json', 'csv', 'md']);
  const effectiveFrom = importDate(asOf, ctx.nowMs);
  const target = resolve(ctx.cwd, options.into ?? settings.pricingFile ?? userPriceBookPath(ctx));
  const book = existsSync(target) ? readPriceBookOrFail(target) : readActivePriceBook(settings);
  const source = convertSource(resolve(ctx.cwd, file), options.as, book, effectiveFrom);
  const merged = mergeImportedModels(book, source, {
    effectiveFrom,
    citation: `imported from ${basename(file)} (${options.as}) on ${effectiveFrom}`,
    nowMs: ctx.nowMs,
  });
  if (!merged.ok) {
    throw new UsageError(
      `--as-of ${effectiveFrom}: a new price period must start after a model's last one; nothing written:\n  ${merged.problems.join('\n  ')}`,
    );
  }
  const { diff } = merged;
  const hasChanges = diff.added.length > 0 || diff.changed.length > 0;
  const isBlocked = diff.largeChanges.length > 0 && !options.acceptLargeChanges;
  const willWrite = hasChanges && !options.dryRun && !isBlocked;
  const summary: ImportSummary = {
    file,
    sourceFormat: options.as,
    into: target,
    isDryRun: options.dryRun,
    isWritten: willWrite,
  };
  if (willWrite) writePriceBookAtomically(target, merged.book);
  writeOutput(
    ctx,
    settings,
    format === 'json'
      ? `${JSON.stringify(importDiffJson(diff, summary), null, 2)}\n`
      : renderImportDiff(diff, summary, ctx.display),
  );
  for (const change of diff.largeChanges)
    ctx.stderr.write(`llmcost: warning: price moved 5x or more: ${change}\n`);
  if (!settings.isQuiet) {
    for (const note of source.rounded) ctx.stderr.write(`llmcost: note: ${note}\n`);
    if (willWrite) ctx.stderr.write(`llmcost: wrote ${target}\n`);
    else if (!hasChanges && !options.dryRun)
      ctx.stderr.write(`llmcost: no price changed; ${target} left as it was\n`);
  }
  if (isBlocked && !options.dryRun) {
    throw new InputError(
      `${diff.largeChanges.length} price(s) moved 5x or more (listed above), far likelier a typo in the source than a price change; nothing written. Check each against the vendor's page, then run again with --accept-large-changes.`,
    );
  }
  return EXIT.OK;
}

/** The date new periods start: `--as-of` as given (a date, or an instant in UTC), else today in UTC. */
function importDate(asOf: string | undefined, nowMs: number): string {
  if (asOf === undefined) return new Date(nowMs).toISOString().slice(0, 10);
  const flag = parseDateFlag(asOf, '--as-of');
  if (flag.kind === 'date') return asOf;
  return new Date(flag.ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function convertSource(
  path: string,
  format: PricingImportOptions['as'],
  book: PriceBook,
  effectiveFrom: string,
): ConvertedSource {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(
      `${path}: cannot read the price file: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  const citation = `imported from ${basename(path)} (${format}) on ${effectiveFrom}`;
  try {
    return format === 'litellm'
      ? convertLitellmPrices(json, { providerOf: litellmProviderMapper(book.providers), citation })
      : convertGenaiPricesData(json, { effectiveAt: effectiveFrom, citation });
  } catch (error) {
    throw new InputError(
      `${path}: not a ${format} price file: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
}

/** Serializes with a fresh version hash, re-validates, then writes a temp file and renames it over the target. */
function writePriceBookAtomically(target: string, book: Omit<PriceBook, 'version'>): void {
  const text = serializePriceBook(book);
  const checked = validatePriceBook(JSON.parse(text));
  if (!checked.ok)
    throw new Error(`the merged price book is invalid (a bug):\n  ${checked.problems.join('\n  ')}`);
  mkdirSync(dirname(target), { recursive: true });
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new InputError(
      `${target}: cannot write the price book: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
}
