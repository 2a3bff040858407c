import { existsSync } from 'node:fs';
import { buildReport } from '../../analysis/build-report.ts';
import { renderReportCsv } from '../../output/render-report-csv.ts';
import { renderReportJson } from '../../output/report-json.ts';
import { renderReportMarkdown } from '../../output/render-report-markdown.ts';
import { renderReportTable } from '../../output/render-report-table.ts';
import { openStore } from '../../store/open-store.ts';
import { selectUnpricedUsage, selectUsageAggregates } from '../../store/select-usage-aggregates.ts';
import { chooseSliceMs } from '../choose-slice-ms.ts';
import type { Context } from '../context.ts';
import { InputError, UsageError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { endOf, parseDateFlag, startOf } from '../parse-date-flag.ts';
import type { Settings } from '../settings.ts';
import { writeOutput } from '../write-output.ts';
import type { ReportOptions } from './report.ts';

export function runReport(options: ReportOptions, settings: Settings, ctx: Context): ExitCode {
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
    const sliceMs = chooseSliceMs(timeZone, sinceMs ?? untilMs, untilMs, options.by === 'hour');
    const range = { fromMs: sinceMs, toMs: untilMs };
    const slices = selectUsageAggregates(store, {
      ...range,
      sliceMs,
      groupBy: options.groupBy,
      where: options.where,
    });
    const unpriced = selectUnpricedUsage(store, { ...range, where: options.where });
    const report = buildReport(slices, unpriced, {
      by: options.by,
      timeZone,
      groupBy: options.groupBy,
      top: options.top ?? null,
    });
    const rangeStamp = { sinceMs, untilMs: untilFlagMs, asOfMs: settings.asOfMs };
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
      default:
        return settings.format satisfies never;
    }
    return EXIT.OK;
  } finally {
    store.close();
  }
}
