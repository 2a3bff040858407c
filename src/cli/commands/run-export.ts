import type { CostCenterOf } from '../../analysis/allocation-key.ts';
import { buildFocusLines, type FocusLine } from '../../analysis/build-focus-lines.ts';
import { createCostCenterMatcher } from '../../chargeback/match-cost-center.ts';
import { focusExportNotes } from '../../output/focus-export-notes.ts';
import { renderFocusCsvHeader, renderFocusCsvRows } from '../../output/render-focus-csv.ts';
import { createPartyNamer } from '../../pricing/create-party-namer.ts';
import { createPricer } from '../../pricing/create-pricer.ts';
import { createUnitListPricer } from '../../pricing/create-unit-list-pricer.ts';
import { iterateCostedUsage } from '../../store/iterate-costed-usage.ts';
import { openStore } from '../../store/open-store.ts';
import { selectUnpricedUsage } from '../../store/select-usage-aggregates.ts';
import type { Context } from '../context.ts';
import { UsageError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { loadPricing } from '../load-pricing.ts';
import { requireUsd } from '../require-usd.ts';
import { resolveReportRange } from '../resolve-report-range.ts';
import type { Settings } from '../settings.ts';
import { streamTextOutput } from '../stream-text-output.ts';
import type { ExportOptions } from './export.ts';
import { usageFilterOf } from '../usage-filter-of.ts';

/** FOCUS lines rendered and written per chunk: a few hundred KiB of CSV at a time. */
const LINES_PER_CHUNK = 2000;

/** Without chargeback rules in the config there are no cost centers: x_CostCenter stays null. */
const NO_COST_CENTERS: CostCenterOf = () => null;

/**
 * `llmcost export --focus`: the usage `llmcost report` would sum for the same range, filters, cost mode
 * and source preference, as a FOCUS 1.2 CSV (output/focus-row.ts says what each column holds), streamed
 * from the store to `--out` or stdout a chunk at a time. Usage without a cost in the cost mode is left
 * out and listed on stderr, with the row count and the exact BilledCost total. With chargeback rules in
 * the config (`chargeback.rules`), x_CostCenter is the cost center the rules give each allocation key,
 * `Unallocated` where none matches: direct allocation, before `llmcost chargeback` splits shared pools.
 */
export async function runExport(options: ExportOptions, settings: Settings, ctx: Context): Promise<ExitCode> {
  if (options.focus !== true) {
    throw new UsageError('export needs a format: --focus (a FinOps FOCUS 1.2 CSV; the only one so far)');
  }
  if (settings.format !== 'csv' && settings.format !== 'table') {
    throw new UsageError(
      `export --focus writes CSV, not ${settings.format}: use --out <file>.csv, or no --out for stdout`,
    );
  }
  requireUsd(settings, 'export --focus');
  const range = resolveReportRange(options, settings);
  const { book } = loadPricing(settings);
  const costCenterOf: CostCenterOf =
    settings.chargeback === null
      ? NO_COST_CENTERS
      : (
          (match) => (key) =>
            match(key).costCenter
        )(createCostCenterMatcher(settings.chargeback));
  const listPrice = createPricer(book);
  const store = openStore(settings.dbPath);
  try {
    const filter = usageFilterOf(settings, range.sinceMs, range.untilMs, options.where);
    const lines = buildFocusLines(iterateCostedUsage(store, filter, settings.costMode), {
      fromMs: range.sinceMs,
      toMs: range.untilMs,
      unitListPrices: createUnitListPricer(book),
      listWithoutOverrides: (usage) => {
        const cost = listPrice(usage);
        return cost.kind === 'priced' ? cost.costPico : null;
      },
      partiesOf: createPartyNamer(book),
      costCenterOf,
    });
    let rows = 0;
    let billedPico = 0n;
    await streamTextOutput(ctx, settings, async (write) => {
      await write(renderFocusCsvHeader());
      let chunk: FocusLine[] = [];
      for (const line of lines) {
        chunk.push(line);
        rows += 1;
        billedPico += line.costPico;
        if (chunk.length === LINES_PER_CHUNK) {
          await write(renderFocusCsvRows(chunk));
          chunk = [];
        }
      }
      await write(renderFocusCsvRows(chunk));
    });
    if (!settings.isQuiet) {
      const unpriced = selectUnpricedUsage(store, filter, settings.costMode);
      const notes = focusExportNotes({ rows, billedPico, costMode: settings.costMode, unpriced });
      for (const note of notes) ctx.stderr.write(note.startsWith(' ') ? `${note}\n` : `llmcost: ${note}\n`);
    }
    return EXIT.OK;
  } finally {
    store.close();
  }
}
