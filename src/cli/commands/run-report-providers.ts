import { compareProviders, timingKey } from '../../analysis/compare-providers.ts';
import { reproducibilityStamp } from '../../analysis/reproducibility-stamp.ts';
import { renderProvidersCsv } from '../../output/render-providers-csv.ts';
import { renderProvidersJson } from '../../output/providers-json.ts';
import { renderProvidersMarkdown } from '../../output/render-providers-markdown.ts';
import { renderProvidersTable } from '../../output/render-providers-table.ts';
import { openStore } from '../../store/open-store.ts';
import { selectObservedTiming } from '../../store/select-observed-timing.ts';
import { selectStoredModels } from '../../store/select-replay-rows.ts';
import { selectStampInputs } from '../../store/select-stamp-inputs.ts';
import { selectUnpricedUsage } from '../../store/select-usage-aggregates.ts';
import type { Context } from '../context.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { resolveReportRange } from '../resolve-report-range.ts';
import { selectConvertedUsage } from '../select-converted-usage.ts';
import { requireFormat } from '../require-format.ts';
import type { Settings } from '../settings.ts';
import { writeInFormat } from '../write-output.ts';
import type { ReportProvidersOptions } from './report-providers.ts';
import { usageFilterOf } from '../usage-filter-of.ts';

/** UTC-day slices: the rollups answer them, and currency conversion takes each day's rate. */
const DAY_MS = 86_400_000;

export function runReportProviders(
  options: ReportProvidersOptions,
  settings: Settings,
  ctx: Context,
): ExitCode {
  const range = resolveReportRange(options, settings);
  const store = openStore(settings.dbPath);
  try {
    const filter = usageFilterOf(settings, range.sinceMs, range.untilMs, options.where);
    const groupBy = options.per === 'model' ? (['provider', 'model'] as const) : (['provider'] as const);
    const { slices, exchange } = selectConvertedUsage(
      store,
      { ...filter, sliceMs: DAY_MS, groupBy, costMode: settings.costMode },
      settings,
      ctx.cwd,
    );
    const stamp = reproducibilityStamp(selectStampInputs(store), {
      view: 'providers',
      per: options.per,
      where: options.where,
      sinceMs: range.sinceMs,
      untilMs: range.untilMs,
      timeZone: settings.timeZone,
      costMode: settings.costMode,
      exchange,
    });
    // Timing per row of the level: each stored pair of the range counts under its provider (and model).
    const timingGroups = selectStoredModels(store, filter).map(({ provider, model }) => ({
      provider,
      model,
      label: timingKey(provider, options.per === 'model' ? model : null),
    }));
    const comparison = compareProviders(slices, selectUnpricedUsage(store, filter, settings.costMode), {
      level: options.per,
      costMode: settings.costMode,
      currency: settings.currency,
      exchange,
      stamp,
      timing: selectObservedTiming(store, filter, timingGroups),
    });
    const jsonRange = { sinceMs: range.sinceMs, untilMs: range.untilFlagMs, asOfMs: settings.asOfMs };
    const format = requireFormat(settings, 'report providers', ['table', 'json', 'csv', 'md']);
    writeInFormat(ctx, settings, format, {
      json: () => renderProvidersJson(comparison, { timeZone: settings.timeZone, range: jsonRange }),
      csv: () => renderProvidersCsv(comparison),
      md: () => renderProvidersMarkdown(comparison),
      table: () => renderProvidersTable(comparison, ctx.display),
    });
    return EXIT.OK;
  } finally {
    store.close();
  }
}
