import { existsSync } from 'node:fs';
import { buildReport } from '../../analysis/build-report.ts';
import { reproducibilityStamp } from '../../analysis/reproducibility-stamp.ts';
import { convertSlices } from '../../analysis/convert-currency.ts';
import type { Dimension } from '../../model/dimension.ts';
import { hasWholeHourOffsets, isAlwaysUtc, localParts } from '../../model/zoned-time.ts';
import { renderReportCsv } from '../../output/render-report-csv.ts';
import { reportAbout } from '../../output/report-about.ts';
import { renderReportJson } from '../../output/report-json.ts';
import { renderReportMarkdown } from '../../output/render-report-markdown.ts';
import { renderReportTable } from '../../output/render-report-table.ts';
import { openStore } from '../../store/open-store.ts';
import { selectStampInputs } from '../../store/select-stamp-inputs.ts';
import { selectUnpricedUsage, selectUsageAggregates } from '../../store/select-usage-aggregates.ts';
import type { Context } from '../context.ts';
import { InputError, UsageError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { endOf, parseDateFlag, startOf } from '../parse-date-flag.ts';
import { loadExchangeRates } from '../load-exchange-rates.ts';
import type { Settings } from '../settings.ts';
import { streamBinaryOutput, writeOutput } from '../write-output.ts';
import type { ReportOptions } from './report.ts';

const HOUR_MS = 3_600_000;
const QUARTER_HOUR_MS = 900_000;
const DAY_MS = 86_400_000;

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
  if (!existsSync(settings.dbPath)) {
    throw new InputError(
      `no database at ${settings.dbPath}: ingest some usage first (llmcost ingest <files>)`,
    );
  }

  const store = openStore(settings.dbPath);
  try {
    const years = [localParts(sinceMs ?? untilMs, 'UTC').year, localParts(untilMs, 'UTC').year];
    // UTC calendar days are UTC days: read daily sums. Zones with :30/:45 offsets need quarter-hour
    // slices; all others bucket hourly sums.
    const sliceMs =
      options.by !== 'hour' && isAlwaysUtc(timeZone, years)
        ? DAY_MS
        : hasWholeHourOffsets(timeZone, years)
          ? HOUR_MS
          : QUARTER_HOUR_MS;
    const range = { fromMs: sinceMs, toMs: untilMs };
    const rates = loadExchangeRates(settings);
    // Slices of the report's usage grouped by `groupBy`, converted to the report's currency.
    const readSlices = (groupBy: readonly Dimension[]) => {
      const read = selectUsageAggregates(store, {
        ...range,
        sliceMs,
        groupBy,
        where: options.where,
        costMode: settings.costMode,
      });
      if (rates === null) return { slices: read, exchange: null };
      const converted = convertSlices(read, rates, settings.currency);
      if (!converted.ok) throw new InputError(converted.message);
      return { slices: converted.slices, exchange: converted.conversion };
    };
    const { slices, exchange } = readSlices(options.groupBy);
    const unpriced = selectUnpricedUsage(store, { ...range, where: options.where }, settings.costMode);
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
    });
    const reportOptions = {
      stamp,
      costMode: settings.costMode,
      currency: settings.currency,
      exchange,
      by: options.by,
      timeZone,
      groupBy: options.groupBy,
      top: options.top ?? null,
    };
    const report = buildReport(slices, unpriced, reportOptions);
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
          report.rows.length === 0 ? 'No usage in this range.\n' : renderReportTable(report, ctx.display),
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
        const byModel = buildReport(readSlices(['model']).slices, unpriced, {
          ...reportOptions,
          by: 'none',
          groupBy: ['model'],
          top: null,
        });
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
