import { formatMoney } from '../../output/format-money.ts';
import { openStore } from '../../store/open-store.ts';
import { upsertRecommendationDecision } from '../../store/recommendation-decisions.ts';
import type { Context } from '../context.ts';
import { InputError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { resolveReportRange } from '../resolve-report-range.ts';
import { requireUsd } from '../require-usd.ts';
import type { Settings } from '../settings.ts';
import type { RecommendDecisionOptions, RecommendOptions } from './recommend.ts';
import { computeRecommendations } from './run-recommend.ts';

/**
 * `recommend accept|reject <id>`: finds the id among the current recommendations (computed with the
 * same flags) and records the decision with the prediction as it stands now. An id that names none is
 * exit 1 (like `anomalies ack`): the id is well formed, but the data no longer yields it.
 */
export function runRecommendDecision(
  id: string,
  decision: 'accept' | 'reject',
  options: RecommendDecisionOptions,
  recommendOptions: RecommendOptions,
  settings: Settings,
  ctx: Context,
): ExitCode {
  requireUsd(settings, `recommend ${decision}`);
  resolveReportRange(recommendOptions, settings);
  const store = openStore(settings.dbPath);
  try {
    const run = computeRecommendations(store, recommendOptions, settings, ctx);
    const recommendation = run.recommendations.find((candidate) => candidate.id === id);
    if (recommendation === undefined) {
      throw new InputError(
        `no current recommendation has id "${id}": run llmcost recommend (with the same --since, --until, ` +
          '--where, --group-by and --candidates) to list the ids',
      );
    }
    upsertRecommendationDecision(store, {
      recommendationId: recommendation.id,
      kind: recommendation.kind,
      title: recommendation.title,
      decision: decision === 'accept' ? 'accepted' : 'rejected',
      reason: options.reason ?? null,
      decidedAtMs: settings.asOfMs,
      change: recommendation.change,
      windowStartMs: run.window.startMs,
      windowEndMs: run.window.endMs,
      baselineRequests: recommendation.baselineRequests,
      baselineCostPico: recommendation.baselineCostPico,
      scenarioCostPico: recommendation.scenarioCostPico,
      monthlySavingsPico: recommendation.monthlySavingsPico,
      pricingVersion: run.pricingVersion,
    });
    if (!settings.isQuiet) {
      ctx.stderr.write(
        decision === 'accept'
          ? `Accepted ${id}: ${recommendation.title} (predicted ${formatMoney(recommendation.monthlySavingsPico, 'USD')} a month). ` +
              `Check it later with llmcost recommend verify ${id}.\n`
          : `Rejected ${id}: ${recommendation.title}. It is no longer listed (recommend --all shows it).\n`,
      );
    }
    return EXIT.OK;
  } finally {
    store.close();
  }
}
