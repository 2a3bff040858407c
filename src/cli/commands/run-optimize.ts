import {
  adaptiveWeights,
  budgetOutlooks,
  budgetPressure,
} from '../../optimizer/strategies/budget-pressure.ts';
import { candidateModels } from '../../optimizer/strategies/candidate-models.ts';
import { strategyWeights } from '../../optimizer/strategies/choose-model.ts';
import type { OptimizeReport } from '../../optimizer/strategies/optimize-report.ts';
import { optimizeWorkloads } from '../../optimizer/strategies/optimize-workloads.ts';
import type { Scenario } from '../../optimizer/scenario.ts';
import { retirementFlags, screenRetiredModels } from '../../optimizer/strategies/screen-retired-models.ts';
import { RETIRING_SOON_DAYS } from '../../pricing/model-retirement.ts';
import { renderOptimizeCsv } from '../../output/render-optimize-csv.ts';
import { renderOptimizeJson } from '../../output/optimize-json.ts';
import { renderOptimizeMarkdown } from '../../output/render-optimize-markdown.ts';
import { renderOptimizeTable } from '../../output/render-optimize-table.ts';
import { openStore } from '../../store/open-store.ts';
import { asOfDay } from '../as-of-day.ts';
import type { Context } from '../context.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import {
  planOrFail,
  readObservedTtfts,
  readOptimizerInputs,
  readWorkloads,
} from '../read-optimizer-inputs.ts';
import { readBudgetVerdicts } from '../read-budget-verdicts.ts';
import { resolveReportRange } from '../resolve-report-range.ts';
import { requireFormat } from '../require-format.ts';
import { requireUsd } from '../require-usd.ts';
import type { Settings } from '../settings.ts';
import { writeInFormat } from '../write-output.ts';
import type { OptimizeOptions } from './optimize.ts';
import { usageFilterOf } from '../usage-filter-of.ts';

/** A scenario per candidate: every request of the replayed usage moved to that model. */
export function candidateScenarios(candidates: readonly string[]): Scenario[] {
  return candidates.map((key) => ({
    name: key,
    operations: [{ kind: 'model', label: `all → ${key}`, from: null, when: null, to: key }],
  }));
}

/**
 * `llmcost optimize`: groups the range's usage into workloads, replays each under every candidate model
 * (the whatif replay engine, so costs are the price book's), and applies the strategy.
 */
export function runOptimize(options: OptimizeOptions, settings: Settings, ctx: Context): ExitCode {
  const format = requireFormat(settings, 'optimize', ['table', 'json', 'csv', 'md']);
  requireUsd(settings, 'optimize');
  const range = resolveReportRange(options, settings);
  const store = openStore(settings.dbPath);
  try {
    const filter = usageFilterOf(settings, range.sinceMs, range.untilMs, options.where);
    const inputs = readOptimizerInputs(store, settings, filter);
    const day = asOfDay(settings);
    const screen = screenRetiredModels(
      candidateModels(inputs.index, inputs.book, options.candidates, inputs.usedProviders),
      inputs.book,
      day,
    );
    const candidates = screen.kept;
    const plan = planOrFail(candidateScenarios(candidates), inputs, settings);
    const workloads = readWorkloads(store, filter, plan, inputs, {
      dimension: options.groupBy,
      timeZone: settings.timeZone,
      isHourly: false,
    });
    const balanced = settings.optimizer.balancedWeights;
    let pressure: OptimizeReport['budgetPressure'] = null;
    if (options.strategy === 'adaptive') {
      const verdicts = readBudgetVerdicts(store, settings.budgets, settings, ctx.cwd, {
        isForecastAll: true,
        maxBreachProbability: null,
        intervalLevel: 0.8,
        isRecordingHistory: false,
      });
      const outlooks = budgetOutlooks(verdicts);
      pressure = { pressure: budgetPressure(outlooks), outlooks };
    }
    const weights = strategyWeights(
      options.strategy,
      pressure === null ? balanced : adaptiveWeights(balanced, pressure.pressure),
    );
    const results = optimizeWorkloads(workloads, {
      plan,
      index: inputs.index,
      identify: inputs.identify,
      priceKeyOf: inputs.priceKeyOf,
      errorShares: inputs.errorShares,
      observedTtfts: readObservedTtfts(store, filter, inputs),
      choice: {
        strategy: options.strategy,
        weights,
        maxQualityDrop: options.maxQualityDrop ?? settings.optimizer.maxQualityDrop,
      },
      timeZone: settings.timeZone,
    }).sort(
      (a, b) =>
        (a.baselineCostPico === b.baselineCostPico ? 0 : a.baselineCostPico > b.baselineCostPico ? -1 : 1) ||
        (a.workload.id < b.workload.id ? -1 : a.workload.id > b.workload.id ? 1 : 0),
    );
    const firstMs = workloads.reduce((min, { workload }) => Math.min(min, workload.firstMs), Infinity);
    const shown = results.slice(0, options.top);
    const shownModels = shown.flatMap(({ choice }) => choice.candidates.map((candidate) => candidate.model));
    const report: OptimizeReport = {
      strategy: options.strategy,
      weights,
      maxQualityDrop: options.maxQualityDrop ?? settings.optimizer.maxQualityDrop,
      budgetPressure: pressure,
      dimension: options.groupBy,
      window: {
        startMs: range.sinceMs ?? (Number.isFinite(firstMs) ? firstMs : null),
        endMs: range.untilMs,
      },
      candidates,
      retirement: {
        day,
        soonDays: RETIRING_SOON_DAYS,
        excluded: screen.excluded,
        flags: retirementFlags(new Set(shownModels), inputs.book, day),
      },
      sources: inputs.scores.sources,
      workloads: shown,
      hiddenWorkloads: Math.max(0, results.length - options.top),
      pricingVersion: inputs.pricingVersion,
    };
    writeInFormat(ctx, settings, format, {
      json: () => renderOptimizeJson(report, settings.timeZone),
      csv: () => renderOptimizeCsv(report),
      md: () => renderOptimizeMarkdown(report),
      table: () => renderOptimizeTable(report, ctx.display),
    });
    return EXIT.OK;
  } finally {
    store.close();
  }
}
