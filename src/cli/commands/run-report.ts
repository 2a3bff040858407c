import { existsSync } from 'node:fs';
import { buildReport, type Report, type UsageSlice } from '../../analysis/build-report.ts';
import { withCacheSavings } from '../../analysis/cache-savings.ts';
import { compareReport, type CompareMode } from '../../analysis/compare-report.ts';
import { periodOf, periodRange, type PeriodUnit } from '../../analysis/period.ts';
import type { ExchangeRates } from '../../currency/exchange-rates.ts';
import { reproducibilityStamp } from '../../analysis/reproducibility-stamp.ts';
import { convertSlices, type CurrencyConversion } from '../../analysis/convert-currency.ts';
import { renderReportCsv } from '../../output/render-report-csv.ts';
import { reportAbout } from '../../output/report-about.ts';
import { renderReportJson } from '../../output/report-json.ts';
import { renderReportChart } from '../../output/render-report-chart.ts';
import { renderReportMarkdown } from '../../output/render-report-markdown.ts';
import { renderReportTable } from '../../output/render-report-table.ts';
import { openStore, type Store } from '../../store/open-store.ts';
import { selectStampInputs } from '../../store/select-stamp-inputs.ts';
import { selectSourceOverlaps } from '../../store/select-source-overlaps.ts';
import { groupSourceOverlaps } from '../../model/source-overlap.ts';
import type { DimensionFilter } from '../../model/dimension.ts';
import { selectUnpricedUsage, selectUsageAggregates } from '../../store/select-usage-aggregates.ts';
import { chooseSliceMs } from '../choose-slice-ms.ts';
import type { Context } from '../context.ts';
import { InputError, UsageError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { endOf, parseDateFlag, startOf } from '../parse-date-flag.ts';
import { loadExchangeRates } from '../load-exchange-rates.ts';
import { loadPricing, type LoadedPricing } from '../load-pricing.ts';
import type { Settings } from '../settings.ts';
import { streamBinaryOutput, writeOutput } from '../write-output.ts';
import type { ReportOptions } from './report.ts';

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
  if (!existsSync(settings.dbPath)) {
    throw new InputError(
      `no database at ${settings.dbPath}: ingest some usage first (llmcost ingest <files>)`,
    );
  }

  const rates = loadExchangeRates(settings, ctx.cwd);
  const store = openStore(settings.dbPath);
  try {
    const read = (
      fromMs: number | null,
      toMs: number,
      price?: LoadedPricing['price'],
    ): { slices: UsageSlice[]; exchange: CurrencyConversion | null } =>
      readSlices(store, { fromMs, toMs }, options, settings, rates, price);
    const { slices, exchange } = read(
      sinceMs,
      untilMs,
      options.economics ? loadPricing(settings).price : undefined,
    );
    const unpriced = selectUnpricedUsage(
      store,
      {
        fromMs: sinceMs,
        toMs: untilMs,
        where: options.where,
        preferKind: settings.preferKind,
        teamRules: settings.teamRules,
      },
      settings.costMode,
    );
    const stamp = reproducibilityStamp(selectStampInputs(store), {
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
    const reportOptions = {
      overlap,
      stamp,
      economics: options.economics,
      costMode: settings.costMode,
      currency: settings.currency,
      exchange,
      by: options.by,
      timeZone,
      groupBy: options.groupBy,
      top: options.top ?? null,
    };
    let report: Report = buildReport(slices, unpriced, reportOptions);
    if (options.compare !== undefined && options.economics) {
      throw new UsageError('--economics and --compare show different columns: run them one at a time');
    }
    if (options.compare !== undefined) {
      const baselineRange = compareRange(options.compare, options.by, sinceMs, untilMs, timeZone);
      const baseline = buildReport(read(baselineRange.fromMs, baselineRange.toMs).slices, [], {
        ...reportOptions,
        by: baselineRange.by,
        top: null,
      });
      report = compareReport(report, baseline, baselineRange.mode, options.sort === 'delta');
    } else if (options.sort === 'delta') {
      throw new UsageError('--sort delta needs --compare');
    }
    const rangeStamp = { sinceMs, untilMs: untilFlagMs, asOfMs: settings.asOfMs };
    const about = () =>
      reportAbout(report, { range: rangeStamp, where: options.where, generatedAtMs: ctx.nowMs });
    switch (settings.format) {
      case 'json':
        writeOutput(ctx, settings, renderReportJson(report, rangeStamp));
        break;
      case 'csv':
        writeOutput(ctx, settings, renderReportCsv(report));
        break;
      case 'md':
        writeOutput(ctx, settings, renderReportMarkdown(report));
        break;
      case 'table':
        writeOutput(
          ctx,
          settings,
          report.rows.length === 0
            ? 'No usage in this range.\n'
            : renderReportTable(report, ctx.display) +
                (options.chart === true ? `\n${renderReportChart(report, ctx.display)}` : ''),
        );
        break;
      case 'xlsx': {
        const { writeReportXlsx } = await import('../../output/write-report-xlsx.ts');
        await streamBinaryOutput(ctx, settings, (stream) =>
          writeReportXlsx(report, about(), stream, ctx.nowMs),
        );
        break;
      }
      case 'html': {
        const { renderReportHtml } = await import('../../output/render-report-html.ts');
        const byModel = buildReport(
          readSlices(
            store,
            { fromMs: sinceMs, toMs: untilMs },
            { ...options, groupBy: ['model'] },
            settings,
            rates,
          ).slices,
          unpriced,
          {
            ...reportOptions,
            by: 'none',
            groupBy: ['model'],
            top: null,
          },
        );
        writeOutput(ctx, settings, renderReportHtml(report, byModel, about()));
        break;
      }
      default:
        return settings.format satisfies never;
    }
    return EXIT.OK;
  } finally {
    store.close();
  }
}

/** Usage slices of a range, summed as finely as the zone needs, converted to the report currency. */
function readSlices(
  store: Store,
  range: { readonly fromMs: number | null; readonly toMs: number },
  options: ReportOptions,
  settings: Settings,
  rates: ExchangeRates | null,
  price?: LoadedPricing['price'],
): { slices: UsageSlice[]; exchange: CurrencyConversion | null } {
  const sliceMs = chooseSliceMs(
    settings.timeZone,
    range.fromMs ?? range.toMs,
    range.toMs,
    options.by === 'hour',
  );
  // Cache savings are priced per model, so the slices are split by provider and model first.
  const aggregates = selectUsageAggregates(store, {
    ...range,
    sliceMs,
    groupBy: price === undefined ? options.groupBy : [...options.groupBy, 'provider', 'model'],
    where: options.where,
    costMode: settings.costMode,
    preferKind: settings.preferKind,
    teamRules: settings.teamRules,
  });
  const slices =
    price === undefined ? aggregates : withCacheSavings(aggregates, options.groupBy.length, price);
  if (rates === null) return { slices, exchange: null };
  const converted = convertSlices(slices, rates, settings.currency);
  if (!converted.ok) throw new InputError(converted.message);
  return { slices: [...converted.slices], exchange: converted.conversion };
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
