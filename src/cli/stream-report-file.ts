import type { ReportLayout, ReportSummary } from '../analysis/build-report.ts';
import {
  compareRowsInOrder,
  comparisonHeading,
  reportComparison,
  type ComparedReport,
  type CompareMode,
} from '../analysis/compare-report.ts';
import { createSliceConverter, type CurrencyConversion } from '../analysis/convert-currency.ts';
import { groupReportRows, rankTopGroups, sumRowsInto } from '../analysis/group-report-rows.ts';
import type { ReproducibilityStamp } from '../analysis/reproducibility-stamp.ts';
import type { ExchangeRates } from '../currency/exchange-rates.ts';
import type { SourceOverlap } from '../model/source-overlap.ts';
import type { UnpricedUsage } from '../model/unpriced-usage.ts';
import { createTotalsAccumulator } from '../model/usage-totals.ts';
import { renderReportCsvChunks } from '../output/render-report-csv.ts';
import type { FileLayout } from '../output/report-file-columns.ts';
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
  /** `--compare`: the baseline's slices and how rows are compared with it, or null. */
  readonly compare: {
    readonly slices: SliceRequest;
    readonly mode: CompareMode;
    readonly sortByDelta: boolean;
  } | null;
}

/**
 * Writes a report as CSV or XLSX straight from the store: slices are read in time order, grouped into
 * rows one period at a time and written as they come, and the totals are summed from the same rows on
 * the way. Memory holds the rows of one period (with `--by none`, every group), never the whole
 * report. With `--top`, the range is read twice: once to rank the groups (one sum per group), once to
 * write. With `--compare`, the baseline is read alongside, one period ahead of the rows it is compared
 * with (a fixed period or `--by none`: read whole first, one sum per group). Same rows, columns and
 * totals as the in-memory report (`buildReport`, `compareReport`) written as a file.
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
  const grouping = { timeZone: layout.timeZone, groupBy: layout.groupBy };
  const current = groupReportRows(
    streamReportSlices(store, request.slices, settings, converter, request.price),
    { ...grouping, by: layout.by, keptGroups },
  );
  const { compare } = request;
  const baselineTotal = { pico: 0n };
  // The baseline has its own converter: the rates the report states are those of its own range.
  const baselineConverter =
    request.rates === null ? null : createSliceConverter(request.rates, layout.currency);
  const compared =
    compare === null
      ? current
      : compareRowsInOrder(
          current,
          groupReportRows(streamReportSlices(store, compare.slices, settings, baselineConverter), {
            ...grouping,
            by: compare.slices.by,
            keptGroups: null,
          }),
          { ...layout, mode: compare.mode, sortByDelta: compare.sortByDelta },
          baselineTotal,
        );
  const totals = createTotalsAccumulator();
  const rows = sumRowsInto(compared, totals);
  const fileLayout: FileLayout =
    compare === null
      ? layout
      : { ...layout, comparison: { mode: compare.mode, heading: comparisonHeading(compare.mode) } };
  const summary = (): ReportSummary & Partial<Pick<ComparedReport, 'comparison'>> => {
    const exchange = converter === null ? null : converter.conversion();
    return {
      ...layout,
      exchange,
      stamp: request.stamp(exchange),
      totals,
      unpriced: request.unpriced,
      overlap: request.overlap,
      ...(compare === null ? {} : { comparison: reportComparison(compare.mode, baselineTotal.pico) }),
    };
  };
  if (settings.format === 'csv') {
    await streamOutput(ctx, settings, (stream) =>
      writeChunks(renderReportCsvChunks(fileLayout, rows), stream),
    );
    return;
  }
  const { streamReportXlsx } = await import('../output/write-report-xlsx.ts');
  await streamBinaryOutput(ctx, settings, (stream) =>
    streamReportXlsx(
      {
        layout: fileLayout,
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
