import type { ReportLayout, ReportSummary } from '../analysis/build-report.ts';
import { createSliceConverter, type CurrencyConversion } from '../analysis/convert-currency.ts';
import { groupReportRows, rankTopGroups, sumRowsInto } from '../analysis/group-report-rows.ts';
import type { ReproducibilityStamp } from '../analysis/reproducibility-stamp.ts';
import type { ExchangeRates } from '../currency/exchange-rates.ts';
import type { SourceOverlap } from '../model/source-overlap.ts';
import type { UnpricedUsage } from '../model/unpriced-usage.ts';
import { createTotalsAccumulator } from '../model/usage-totals.ts';
import { renderReportCsvChunks } from '../output/render-report-csv.ts';
import { reportAbout, type ReportProvenance } from '../output/report-about.ts';
import { shrinkPageCacheForReading, type Store } from '../store/open-store.ts';
import type { Context } from './context.ts';
import type { LoadedPricing } from './load-pricing.ts';
import { streamReportSlices, type SliceRequest } from './read-report-slices.ts';
import type { Settings } from './settings.ts';
import { streamBinaryOutput, streamOutput, writeChunks } from './write-output.ts';

/** What a streamed report file is made of besides its rows. */
export interface ReportFileRequest {
  readonly slices: SliceRequest;
  readonly layout: ReportLayout;
  readonly rates: ExchangeRates | null;
  /** Prices cache savings (`--economics`). */
  readonly price?: LoadedPricing['price'];
  readonly unpriced: readonly UnpricedUsage[];
  readonly overlap: readonly SourceOverlap[];
  /** The stamp, once the rates used are known. */
  readonly stamp: (exchange: CurrencyConversion | null) => ReproducibilityStamp;
  readonly provenance: ReportProvenance;
}

/**
 * Writes a report as CSV or XLSX straight from the store: slices are read in time order, grouped into
 * rows one period at a time and written as they come, and the totals are summed from the same rows on
 * the way. Memory holds the rows of one period (with `--by none`, every group), never the whole
 * report. With `--top`, the range is read twice: once to rank the groups (one sum per group), once to
 * write. Same rows, columns and totals as the in-memory report (`buildReport`) written as a file.
 */
export async function streamReportFile(
  store: Store,
  request: ReportFileRequest,
  settings: Settings,
  ctx: Context,
): Promise<void> {
  const { layout } = request;
  shrinkPageCacheForReading(store);
  const converter = request.rates === null ? null : createSliceConverter(request.rates, layout.currency);
  const keptGroups =
    layout.top === null
      ? null
      : rankTopGroups(streamReportSlices(store, request.slices, settings, converter), layout.top);
  const totals = createTotalsAccumulator();
  const rows = sumRowsInto(
    groupReportRows(streamReportSlices(store, request.slices, settings, converter, request.price), {
      by: layout.by,
      timeZone: layout.timeZone,
      groupBy: layout.groupBy,
      keptGroups,
    }),
    totals,
  );
  const summary = (): ReportSummary => {
    const exchange = converter === null ? null : converter.conversion();
    return {
      ...layout,
      exchange,
      stamp: request.stamp(exchange),
      totals,
      unpriced: request.unpriced,
      overlap: request.overlap,
    };
  };
  if (settings.format === 'csv') {
    await streamOutput(ctx, settings, (stream) => writeChunks(renderReportCsvChunks(layout, rows), stream));
    return;
  }
  const { streamReportXlsx } = await import('../output/write-report-xlsx.ts');
  await streamBinaryOutput(ctx, settings, (stream) =>
    streamReportXlsx(
      {
        layout,
        rows,
        summary: () => {
          const report = summary();
          return { report, about: reportAbout(report, request.provenance) };
        },
      },
      stream,
      ctx.nowMs,
    ),
  );
}
