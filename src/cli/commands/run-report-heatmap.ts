import { binSpendByWeekdayHour } from '../../analysis/bin-spend-by-weekday-hour.ts';
import { reproducibilityStamp } from '../../analysis/reproducibility-stamp.ts';
import { hasWholeHourOffsets, localParts } from '../../model/zoned-time.ts';
import { renderHeatmapCsv } from '../../output/render-heatmap-csv.ts';
import { renderHeatmapJson } from '../../output/heatmap-json.ts';
import { renderHeatmapMarkdown } from '../../output/render-heatmap-markdown.ts';
import { renderHeatmapTable } from '../../output/render-heatmap-table.ts';
import { openStore } from '../../store/open-store.ts';
import { selectStampInputs } from '../../store/select-stamp-inputs.ts';
import { selectUnpricedUsage } from '../../store/select-usage-aggregates.ts';
import type { Context } from '../context.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { resolveReportRange } from '../resolve-report-range.ts';
import { selectConvertedUsage } from '../select-converted-usage.ts';
import { requireFormat } from '../require-format.ts';
import type { Settings } from '../settings.ts';
import { writeInFormat } from '../write-output.ts';
import type { ReportRangeFlags } from './report-range-options.ts';
import { usageFilterOf } from '../usage-filter-of.ts';

const HOUR_MS = 3_600_000;
const QUARTER_HOUR_MS = 900_000;

export function runReportHeatmap(options: ReportRangeFlags, settings: Settings, ctx: Context): ExitCode {
  const { timeZone } = settings;
  const range = resolveReportRange(options, settings);
  const store = openStore(settings.dbPath);
  try {
    const filter = usageFilterOf(settings, range.sinceMs, range.untilMs, options.where);
    const years = [
      localParts(range.sinceMs ?? range.untilMs, 'UTC').year,
      localParts(range.untilMs, 'UTC').year,
    ];
    // Each slice must fall in one local hour: hours where offsets are whole hours, else quarter hours.
    const sliceMs = hasWholeHourOffsets(timeZone, years) ? HOUR_MS : QUARTER_HOUR_MS;
    const { slices, exchange } = selectConvertedUsage(
      store,
      { ...filter, sliceMs, groupBy: [], costMode: settings.costMode },
      settings,
      ctx.cwd,
    );
    const stamp = reproducibilityStamp(selectStampInputs(store), {
      view: 'heatmap',
      where: options.where,
      sinceMs: range.sinceMs,
      untilMs: range.untilMs,
      timeZone,
      costMode: settings.costMode,
      exchange,
    });
    const heatmap = binSpendByWeekdayHour(slices, selectUnpricedUsage(store, filter, settings.costMode), {
      timeZone,
      costMode: settings.costMode,
      currency: settings.currency,
      exchange,
      stamp,
    });
    const format = requireFormat(settings, 'report heatmap', ['table', 'json', 'csv', 'md']);
    writeInFormat(ctx, settings, format, {
      json: () =>
        renderHeatmapJson(heatmap, {
          sinceMs: range.sinceMs,
          untilMs: range.untilFlagMs,
          asOfMs: settings.asOfMs,
        }),
      csv: () => renderHeatmapCsv(heatmap),
      md: () => renderHeatmapMarkdown(heatmap),
      table: () => renderHeatmapTable(heatmap, ctx.display),
    });
    return EXIT.OK;
  } finally {
    store.close();
  }
}
