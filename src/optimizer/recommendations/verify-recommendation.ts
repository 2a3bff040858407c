import type { ModelResolver } from '../../pricing/create-model-resolver.ts';
import type { ReplayPlan } from '../plan-replay.ts';
import { countedRequests, type ReplayRow } from '../replay-row.ts';
import { replayUsage } from '../replay-usage.ts';
import type { Scenario } from '../scenario.ts';
import type { Workload } from '../workloads/workload.ts';
import { MONTH_MS } from './price-proposals.ts';
import type { RecommendationChange } from './recommendation.ts';

/** What a verification compares. Money: pico-USD. */
export interface Verification {
  /** The usage after the decision: [decidedAtMs, asOf). */
  readonly windowMs: number;
  readonly requests: number;
  /** What that usage cost (replayed at today's prices, like the prediction). */
  readonly actualCostPico: bigint;
  /** What it would have cost without the change; null when it cannot be told (budget adjustments). */
  readonly counterfactualCostPico: bigint | null;
  /** Counterfactual − actual. */
  readonly realizedSavingsPico: bigint | null;
  /** The predicted monthly saving scaled to the window: monthly × window / 30.4375 days. */
  readonly predictedSavingsPico: bigint;
  /** Realized / predicted, null when either is unknown or the prediction is 0. */
  readonly ratio: number | null;
  /** How the counterfactual was computed, in a sentence. */
  readonly method: string;
}

/**
 * The scenario that undoes a change on usage made after it (replayed on that usage it gives what it
 * would have cost without the change), or null when the change is undone by a row transform or not at all.
 */
export function undoScenario(change: RecommendationChange): Scenario | null {
  const to = (key: string): Scenario => ({
    name: 'undo',
    operations: [{ kind: 'model', label: `back to ${key}`, from: null, when: null, to: key }],
  });
  switch (change.kind) {
    case 'model-downgrade':
      return to(change.parameters.from ?? '');
    case 'consolidate-providers':
      return to((change.parameters.from ?? '').split(',')[0] ?? '');
    case 'enable-caching':
    case 'move-to-batch':
    case 'trim-prompts':
    case 'budget-adjustment':
      return null;
    default:
      return change.kind satisfies never;
  }
}

/** The rows after the decision that the change concerns. */
export function rowsInScope(
  change: RecommendationChange,
  workloads: readonly { readonly workload: Workload; readonly rows: readonly ReplayRow[] }[],
  identify: ModelResolver,
): ReplayRow[] {
  const [group, sizeClass, provider, model] = (change.scope.workload ?? '').split('|');
  const inWorkload = (workload: Workload): boolean =>
    (workload.group ?? '-') === group && workload.sizeClass === sizeClass;
  switch (change.kind) {
    case 'model-downgrade':
      return workloads
        .filter(
          ({ workload }) =>
            inWorkload(workload) && identify(workload.provider, workload.model) === change.parameters.to,
        )
        .flatMap(({ rows }) => rows);
    case 'consolidate-providers':
      return workloads.flatMap(({ rows }) =>
        rows.filter((row) => identify(row.provider, row.model) === change.scope.model),
      );
    case 'enable-caching':
    case 'move-to-batch':
    case 'trim-prompts':
      return workloads
        .filter(
          ({ workload }) =>
            inWorkload(workload) && workload.provider === provider && workload.model === model,
        )
        .flatMap(({ rows }) => rows);
    case 'budget-adjustment':
      return [];
    default:
      return change.kind satisfies never;
  }
}

/**
 * Compares spend after an accepted change with the prediction. Realized saving = counterfactual −
 * actual, where the counterfactual is the same usage replayed with the change undone: a model change
 * (downgrade, consolidation) swapped back to the model or provider it replaced; cached requests with
 * their cache reads and writes billed as plain input; batch requests at standard prices; for trimmed
 * prompts, whose length before trimming is unknown, the pre-change cost per request × the requests since.
 * `plan` holds the undo scenario when there is one, else none.
 */
export function verifyRecommendation(
  change: RecommendationChange,
  prediction: {
    readonly monthlySavingsPico: bigint;
    readonly baselineCostPico: bigint;
    readonly baselineRequests: number;
  },
  rows: readonly ReplayRow[],
  plan: ReplayPlan,
  window: { readonly startMs: number; readonly endMs: number },
  timeZone: string,
): Verification {
  const windowMs = Math.max(0, window.endMs - window.startMs);
  const predictedSavingsPico =
    (prediction.monthlySavingsPico * BigInt(Math.round(windowMs))) / BigInt(Math.round(MONTH_MS));
  const noScenarios = { ...plan, scenarios: [] };
  const replay = (list: readonly ReplayRow[], withPlan: ReplayPlan) =>
    replayUsage(list, withPlan, { breakdownBy: [], timeZone });
  const actual = replay(rows, plan);
  const requests = rows.reduce((sum, row) => sum + countedRequests(row), 0);
  let counterfactual: bigint | null;
  let method: string;
  switch (change.kind) {
    case 'model-downgrade':
    case 'consolidate-providers':
      counterfactual = actual.scenarios[0]?.costPico ?? null;
      method = `the usage since, replayed on ${change.kind === 'model-downgrade' ? (change.parameters.from ?? '') : ((change.parameters.from ?? '').split(',')[0] ?? '')}, which it replaced`;
      break;
    case 'enable-caching':
      counterfactual = replay(rows.map(uncached), noScenarios).baseline.costPico;
      method = 'the usage since, with its cache reads and writes billed as plain input';
      break;
    case 'move-to-batch':
      counterfactual = replay(
        rows.map((row) => ({ ...row, isBatch: false })),
        noScenarios,
      ).baseline.costPico;
      method = 'the usage since, at standard (not batch) prices';
      break;
    case 'trim-prompts':
      counterfactual =
        prediction.baselineRequests > 0
          ? (prediction.baselineCostPico * BigInt(requests)) / BigInt(prediction.baselineRequests)
          : null;
      method =
        'the cost per request before the change × the requests since (the untrimmed prompts are not known)';
      break;
    case 'budget-adjustment':
      counterfactual = null;
      method = 'a budget change saves no money: nothing to compare';
      break;
    default:
      return change.kind satisfies never;
  }
  const actualCostPico = actual.baseline.costPico;
  const realizedSavingsPico = counterfactual === null ? null : counterfactual - actualCostPico;
  return {
    windowMs,
    requests,
    actualCostPico,
    counterfactualCostPico: counterfactual,
    realizedSavingsPico,
    predictedSavingsPico,
    ratio:
      realizedSavingsPico === null || predictedSavingsPico === 0n
        ? null
        : Number((realizedSavingsPico * 1_000_000n) / predictedSavingsPico) / 1_000_000,
    method,
  };
}

/** A request as if nothing came from or went to a prompt cache: every prompt token as plain input. */
function uncached(row: ReplayRow): ReplayRow {
  return {
    ...row,
    inputTokens:
      row.inputTokens +
      row.cacheReadTokens +
      row.cacheWrite5mTokens +
      row.cacheWrite1hTokens +
      row.cacheWriteTokens,
    cacheReadTokens: 0,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    cacheWriteTokens: 0,
  };
}
