import type { RankedRecommendation } from '../../optimizer/recommendations/recommendation.ts';
import {
  proposalScenarios,
  proposeRecommendations,
  recommend,
} from '../../optimizer/recommendations/find-recommendations.ts';
import { candidateModels } from '../../optimizer/strategies/candidate-models.ts';
import {
  retirementFlags,
  screenRetiredModels,
  type RetirementNotes,
} from '../../optimizer/strategies/screen-retired-models.ts';
import { modelRetirement, RETIRING_SOON_DAYS } from '../../pricing/model-retirement.ts';
import { strategyWeights } from '../../optimizer/strategies/choose-model.ts';
import { optimizeWorkloads } from '../../optimizer/strategies/optimize-workloads.ts';
import { NEAR_LIMIT_SHARE } from '../../optimizer/recommendations/find-oversized-prompts.ts';
import type { ScoreSource } from '../../optimizer/scores/model-scores.ts';
import { renderRecommendCsv } from '../../output/render-recommend-csv.ts';
import { renderRecommendJson } from '../../output/recommend-json.ts';
import { renderRecommendMarkdown } from '../../output/render-recommend-markdown.ts';
import { renderRecommendTable } from '../../output/render-recommend-table.ts';
import type { Store } from '../../store/open-store.ts';
import { openStore } from '../../store/open-store.ts';
import {
  selectRecommendationDecisions,
  type RecommendationDecision,
} from '../../store/recommendation-decisions.ts';
import { selectCacheActivity } from '../../store/select-replay-rows.ts';
import { asOfDay } from '../as-of-day.ts';
import type { Context } from '../context.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { planOrFail, readOptimizerInputs, readWorkloads } from '../read-optimizer-inputs.ts';
import { MIN_CACHEABLE_PROMPT_TOKENS } from '../replay-stored-usage.ts';
import { readBudgetVerdicts } from '../read-budget-verdicts.ts';
import { resolveReportRange } from '../resolve-report-range.ts';
import { requireFormat } from '../require-format.ts';
import { requireUsd } from '../require-usd.ts';
import type { Settings } from '../settings.ts';
import { writeInFormat } from '../write-output.ts';
import type { RecommendOptions } from './recommend.ts';
import { candidateScenarios } from './run-optimize.ts';
import { usageFilterOf } from '../usage-filter-of.ts';

/** The ranked recommendations of a range, and what they were computed from. */
export interface RecommendationRun {
  readonly recommendations: readonly RankedRecommendation[];
  /** The replayed usage's span: `--since` (else the first usage) to `--until`/`--as-of`. */
  readonly window: { readonly startMs: number; readonly endMs: number };
  readonly pricingVersion: string;
  readonly sources: readonly ScoreSource[];
  /** Candidate models left out as retired; recommendation targets retiring soon. */
  readonly retirement: RetirementNotes;
}

/**
 * Reads the range's usage and computes every recommendation (recommend, accept and reject all find
 * ids this way, so an id printed by one is found by the others with the same flags).
 */
export function computeRecommendations(
  store: Store,
  options: RecommendOptions,
  settings: Settings,
  ctx: Context,
): RecommendationRun {
  const range = resolveReportRange(options, settings);
  const filter = usageFilterOf(settings, range.sinceMs, range.untilMs, options.where);
  const inputs = readOptimizerInputs(store, settings, filter);
  const day = asOfDay(settings);
  const screen = screenRetiredModels(
    candidateModels(inputs.index, inputs.book, options.candidates, inputs.usedProviders),
    inputs.book,
    day,
  );
  const candidatePlan = planOrFail(candidateScenarios(screen.kept), inputs, settings);
  const contextWindowOf = (provider: string, model: string): number | null => {
    const key = inputs.priceKeyOf(provider, model);
    return (key === null ? undefined : inputs.book.models[key]?.contextWindow) ?? null;
  };
  const promptEdges = inputs.sourceKeys.flatMap((key) => {
    const window = inputs.book.models[key]?.contextWindow;
    return window === undefined ? [] : [Math.ceil(NEAR_LIMIT_SHARE * window)];
  });
  const workloads = readWorkloads(store, filter, candidatePlan, inputs, {
    dimension: options.groupBy,
    timeZone: settings.timeZone,
    isHourly: true,
    promptEdges,
  });
  const optimizations = optimizeWorkloads(
    workloads.filter(({ workload }) => workload.sizeClass === 'small'),
    {
      plan: candidatePlan,
      index: inputs.index,
      identify: inputs.identify,
      priceKeyOf: inputs.priceKeyOf,
      errorShares: inputs.errorShares,
      // The cost strategy weighs no performance: observed timing would change nothing, so none is read.
      observedTtfts: new Map(),
      choice: {
        strategy: 'cost',
        weights: strategyWeights('cost', settings.optimizer.balancedWeights),
        maxQualityDrop: options.maxQualityDrop ?? settings.optimizer.maxQualityDrop,
      },
      timeZone: settings.timeZone,
    },
  );
  const hitRateByProvider = new Map<string, number>();
  for (const provider of new Set(workloads.map(({ workload }) => workload.provider))) {
    const activity = selectCacheActivity(store, {
      ...filter,
      where: [...filter.where, { dimension: 'provider', value: provider }],
    });
    if (activity.promptTokens > 0)
      hitRateByProvider.set(provider, activity.cacheReadTokens / activity.promptTokens);
  }
  const verdicts = readBudgetVerdicts(store, settings.budgets, settings, ctx.cwd, {
    isForecastAll: true,
    maxBreachProbability: null,
    intervalLevel: 0.8,
    isRecordingHistory: false,
  });
  const firstMs = workloads.reduce((min, { workload }) => Math.min(min, workload.firstMs), range.untilMs);
  const window = { startMs: range.sinceMs ?? firstMs, endMs: range.untilMs };
  const proposals = proposeRecommendations({
    workloads,
    optimizations,
    dimension: options.groupBy,
    identify: inputs.identify,
    priceKeyOf: inputs.priceKeyOf,
    hitRateByProvider,
    minCacheableTokens: MIN_CACHEABLE_PROMPT_TOKENS,
    hasBatchPrice: (provider, model) => {
      const key = inputs.priceKeyOf(provider, model);
      const entry = key === null ? undefined : inputs.book.models[key];
      return entry !== undefined && inputs.book.batchMultipliers[entry.provider] !== undefined;
    },
    contextWindowOf,
    isRetired: (key) => {
      const entry = inputs.book.models[key];
      return entry !== undefined && modelRetirement(entry, day).status === 'retired';
    },
    verdicts,
    timeZone: settings.timeZone,
    window,
  });
  const plan = planOrFail(proposalScenarios(proposals), inputs, settings);
  const recommendations = recommend(proposals, plan, { window, timeZone: settings.timeZone });
  const targets = recommendations.flatMap(({ change }) => change.parameters.to ?? []);
  return {
    recommendations,
    window,
    pricingVersion: inputs.pricingVersion,
    sources: inputs.scores.sources,
    retirement: {
      day,
      soonDays: RETIRING_SOON_DAYS,
      excluded: screen.excluded,
      flags: retirementFlags(new Set(targets), inputs.book, day),
    },
  };
}

/** `llmcost recommend`: the ranked list, with each one's decision where one was recorded. */
export function runRecommend(options: RecommendOptions, settings: Settings, ctx: Context): ExitCode {
  const format = requireFormat(settings, 'recommend', ['table', 'json', 'csv', 'md']);
  requireUsd(settings, 'recommend');
  resolveReportRange(options, settings);
  const store = openStore(settings.dbPath);
  try {
    const run = computeRecommendations(store, options, settings, ctx);
    const decisions = new Map<string, RecommendationDecision>(
      selectRecommendationDecisions(store).map((decision) => [decision.recommendationId, decision]),
    );
    const shown = run.recommendations.filter(
      (recommendation) => options.all || decisions.get(recommendation.id)?.decision !== 'rejected',
    );
    const view = {
      ...run,
      recommendations: shown,
      decisions,
      hiddenRejected: run.recommendations.length - shown.length,
    };
    writeInFormat(ctx, settings, format, {
      json: () => renderRecommendJson(view, settings.timeZone),
      csv: () => renderRecommendCsv(view),
      md: () => renderRecommendMarkdown(view),
      table: () => renderRecommendTable(view, ctx.display),
    });
    return EXIT.OK;
  } finally {
    store.close();
  }
}
