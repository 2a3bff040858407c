import { existsSync } from 'node:fs';
import { buildReport, type Report, type ReportLayout } from '../../analysis/build-report.ts';
import { compareReport, type CompareMode } from '../../analysis/compare-report.ts';
import type { CurrencyConversion } from '../../analysis/convert-currency.ts';
import { periodOf, periodRange, type PeriodUnit } from '../../analysis/period.ts';
import { reproducibilityStamp } from '../../analysis/reproducibility-stamp.ts';
import type { DimensionFilter } from '../../model/dimension.ts';
import { groupSourceOverlaps } from '../../model/source-overlap.ts';
import { renderReportChart } from '../../output/render-report-chart.ts';
import { renderReportMarkdown } from '../../output/render-report-markdown.ts';
import { renderReportTable } from '../../output/render-report-table.ts';
import { reportAbout } from '../../output/report-about.ts';
import { renderReportJson } from '../../output/report-json.ts';
import { openStore } from '../../store/open-store.ts';
import { selectSourceOverlaps } from '../../store/select-source-overlaps.ts';
import { selectStampInputs } from '../../store/select-stamp-inputs.ts';
import { selectUnpricedUsage } from '../../store/select-usage-aggregates.ts';
import type { Context } from '../context.ts';
import { InputError, UsageError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { loadExchangeRates } from '../load-exchange-rates.ts';
import { loadPricing } from '../load-pricing.ts';
import { endOf, parseDateFlag, startOf } from '../parse-date-flag.ts';
import { readReportSlices, type SliceRequest } from '../read-report-slices.ts';
import type { Settings } from '../settings.ts';
import { writeInFormat, writeOutput } from '../write-output.ts';
import type { ReportOptions } from './report.ts';
import { usageFilterOf } from '../usage-filter-of.ts';

export async function runReport(options: ReportOptions, settings: Settings, ctx: Context): Promise<ExitCode> {
  const { timeZone } = settings;
  const sinceMs =
    options.since === undefined ? null : startOf(parseDateFlag(options.since, '--since'), timeZone);
  const untilFlagMs =
    options.until === undefined ? null : endOf(parseDateFlag(options.until, '--until'), timeZone);
  const untilMs = Math.min(untilFlagMs ?? settings.asOfMs, settings.asOfMs);
  if (sinceMs !== null && sinceMs >= untilMs) {
    throw new UsageError('--since must be before --until (and before --as-of)');
  }
  if (options.chart === true && settings.format !== 'table') {
    throw new UsageError(
      `--chart draws under the terminal table only; drop it or --format ${settings.format}`,
    );
  }
  if (options.compare !== undefined && options.economics) {
    throw new UsageError('--economics and --compare show different columns: run them one at a time');
  }
  if (options.compare === undefined && options.sort === 'delta') {
    throw new UsageError('--sort delta needs --compare');
  }
  if (!existsSync(settings.dbPath)) {
    throw new InputError(
      `no database at ${settings.dbPath}: ingest some usage first (llmcost ingest <files>)`,
    );
  }

  const rates = loadExchangeRates(settings, ctx.cwd);
  const store = openStore(settings.dbPath);
  try {
    const request = (fromMs: number | null, toMs: number, by = options.by): SliceRequest => ({
      fromMs,
      toMs,
      by,
      groupBy: options.groupBy,
      where: options.where,
    });
    const price = options.economics ? loadPricing(settings).price : undefined;
    const unpriced = selectUnpricedUsage(
      store,
      usageFilterOf(settings, sinceMs, untilMs, options.where),
      settings.costMode,
    );
    const stampInputs = selectStampInputs(store);
    const stampFor = (exchange: CurrencyConversion | null) =>
      reproducibilityStamp(stampInputs, {
        by: options.by,
        groupBy: options.groupBy,
        where: options.where,
        top: options.top ?? null,
        sinceMs,
        untilMs,
        timeZone,
        costMode: settings.costMode,
        exchange,
        compare: options.compare ?? null,
        economics: options.economics,
        ...(settings.preferKind === 'billing' ? {} : { prefer: 'logs' }),
        ...(settings.teamRules.length === 0 ? {} : { teams: settings.teamRules }),
      });
    const overlap = groupSourceOverlaps(
      selectSourceOverlaps(store, {
        fromMs: sinceMs,
        toMs: untilMs,
        provider: providerFilter(options.where),
      }),
      settings.preferKind,
    );
    const layout: ReportLayout = {
      economics: options.economics,
      costMode: settings.costMode,
      currency: settings.currency,
      by: options.by,
      timeZone,
      groupBy: options.groupBy,
      top: options.top ?? null,
    };
    const rangeStamp = { sinceMs, untilMs: untilFlagMs, asOfMs: settings.asOfMs };
    const provenance = { range: rangeStamp, where: options.where, generatedAtMs: ctx.nowMs };
    const baselineRange =
      options.compare === undefined
        ? null
        : compareRange(options.compare, options.by, sinceMs, untilMs, timeZone);
    // CSV and XLSX stream from the store to the file; the terminal and script formats (and HTML)
    // build the report in memory.
    if (settings.format === 'csv' || settings.format === 'xlsx') {
      const { streamReportFile } = await import('../stream-report-file.ts');
      await streamReportFile(
        store,
        {
          slices: request(sinceMs, untilMs),
          layout,
          rates,
          ...(price === undefined ? {} : { price }),
          unpriced,
          overlap,
          stamp: stampFor,
          provenance,
          compare:
            baselineRange === null
              ? null
              : {
                  slices: request(baselineRange.fromMs, baselineRange.toMs, baselineRange.by),
                  mode: baselineRange.mode,
                  sortByDelta: options.sort === 'delta',
                },
        },
        settings,
        ctx,
      );
      return EXIT.OK;
    }
    const { slices, exchange } = readReportSlices(store, request(sinceMs, untilMs), settings, rates, price);
    const reportOptions = { ...layout, overlap, stamp: stampFor(exchange), exchange };
    let report: Report = buildReport(slices, unpriced, reportOptions);
    if (baselineRange !== null) {
      const baseline = buildReport(
        readReportSlices(
          store,
          request(baselineRange.fromMs, baselineRange.toMs, baselineRange.by),
          settings,
          rates,
        ).slices,
        [],
        { ...reportOptions, by: baselineRange.by, top: null },
      );
      report = compareReport(report, baseline, baselineRange.mode, options.sort === 'delta');
    }
    if (settings.format === 'html') {
      const { renderReportHtml } = await import('../../output/render-report-html.ts');
      const byModel = buildReport(
        readReportSlices(store, { ...request(sinceMs, untilMs), groupBy: ['model'] }, settings, rates).slices,
        unpriced,
        {
          ...reportOptions,
          by: 'none',
          groupBy: ['model'],
          top: null,
        },
      );
      writeOutput(ctx, settings, renderReportHtml(report, byModel, reportAbout(report, provenance)));
      return EXIT.OK;
    }
    writeInFormat(ctx, settings, settings.format, {
      json: () => renderReportJson(report, rangeStamp),
      md: () => renderReportMarkdown(report),
      table: () =>
        report.rows.length === 0
          ? 'No usage in this range.\n'
          : renderReportTable(report, ctx.display) +
            (options.chart === true ? `\n${renderReportChart(report, ctx.display)}` : ''),
    });
    return EXIT.OK;
  } finally {
    store.close();
  }
}

/**
 * The range and bucketing of the baseline `--compare` reads: for `previous`, from the period before
 * the first shown one (or, with `--by none`, the equally long range before `--since`) to the end; for a
 * period label (`2026-09`, `2026-W40`, `2026-10-05`), that period as one bucket.
 */
function compareRange(
  compare: string,
  by: PeriodUnit,
  sinceMs: number | null,
  untilMs: number,
  timeZone: string,
): { fromMs: number | null; toMs: number; by: PeriodUnit; mode: CompareMode } {
  if (compare === 'previous') {
    if (by === 'none') {
      if (sinceMs === null) throw new UsageError('--compare previous with --by none needs --since');
      return { fromMs: sinceMs - (untilMs - sinceMs), toMs: sinceMs, by: 'none', mode: { kind: 'previous' } };
    }
    // by is not 'none' here, so every period has a start.
    const firstStart = sinceMs === null ? null : (periodOf(sinceMs, by, timeZone).startMs ?? sinceMs);
    const fromMs = firstStart === null ? null : periodOf(firstStart - 1, by, timeZone).startMs;
    return { fromMs, toMs: untilMs, by, mode: { kind: 'previous' } };
  }
  const range = periodRange(compare, timeZone);
  if (range === null) {
    throw new UsageError(
      `--compare: expected "previous" or a period such as 2026-09, 2026-W40 or 2026-10-05, got "${compare}"`,
    );
  }
  return { fromMs: range.startMs, toMs: range.endMs, by: 'none', mode: { kind: 'period', label: compare } };
}

/** The provider a `--where provider=…` filter keeps, or null. */
function providerFilter(where: readonly DimensionFilter[]): string | null {
  return where.find((filter) => filter.dimension === 'provider')?.value ?? null;
}
