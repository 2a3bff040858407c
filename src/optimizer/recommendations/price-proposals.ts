import type { ReplayPlan } from '../plan-replay.ts';
import { countedRequests } from '../replay-row.ts';
import { replayUsage } from '../replay-usage.ts';
import type { Proposal } from './proposal.ts';
import type { Recommendation } from './recommendation.ts';
import { recommendationId } from './recommendation-id.ts';

const DAY_MS = 86_400_000;
/** A month for savings: 365.25 / 12 days. */
export const MONTH_MS = 30.4375 * DAY_MS;

/**
 * Prices proposals with the replay engine and turns them into recommendations. `plan` compiles the
 * scenario proposals' scenarios in proposal order (their own `scenarios`, one per scenario proposal)
 * and prices transformed rows with its baseline pricer. The monthly saving is (baseline − scenario)
 * over the window, × 30.4375 days / the window's length. Proposals that save nothing are dropped, except
 * budget adjustments (they save nothing by design). Of several proposals with one id prefix per scope
 * (consolidation targets), the caller chooses.
 */
export function priceProposals(
  proposals: readonly Proposal[],
  plan: ReplayPlan,
  window: { readonly startMs: number; readonly endMs: number },
  timeZone: string,
): Recommendation[] {
  const windowMs = Math.max(window.endMs - window.startMs, DAY_MS);
  let scenarioIndex = 0;
  return proposals.flatMap((proposal) => {
    const base = {
      id: recommendationId(proposal.change),
      kind: proposal.change.kind,
      title: proposal.title,
      rationale: proposal.rationale,
      confidence: proposal.confidence,
      effort: proposal.effort,
      qualityImpact: proposal.qualityImpact,
      change: proposal.change,
    };
    const { replay } = proposal;
    if (replay.kind === 'none')
      return [
        { ...base, baselineRequests: 0, baselineCostPico: 0n, scenarioCostPico: 0n, monthlySavingsPico: 0n },
      ];
    let baselineCostPico: bigint;
    let scenarioCostPico: bigint;
    let baselineRequests: number;
    if (replay.kind === 'scenario') {
      const scenario = plan.scenarios[scenarioIndex];
      scenarioIndex += 1;
      if (scenario === undefined) throw new Error('priceProposals: the plan lacks a proposal scenario');
      const result = replayUsage(
        proposal.rows,
        { ...plan, scenarios: [scenario] },
        { breakdownBy: [], timeZone },
      );
      baselineCostPico = result.baseline.costPico;
      baselineRequests = result.baseline.requests;
      scenarioCostPico = result.scenarios[0]?.costPico ?? baselineCostPico;
    } else {
      const noScenarios = { ...plan, scenarios: [] };
      const before = replayUsage(proposal.rows, noScenarios, { breakdownBy: [], timeZone });
      const after = replayUsage(proposal.rows.map(replay.transform), noScenarios, {
        breakdownBy: [],
        timeZone,
      });
      baselineCostPico = before.baseline.costPico;
      baselineRequests = proposal.rows.reduce((sum, row) => sum + countedRequests(row), 0);
      scenarioCostPico = after.baseline.costPico;
    }
    const savings = baselineCostPico - scenarioCostPico;
    if (savings <= 0n) return [];
    return [
      {
        ...base,
        baselineRequests,
        baselineCostPico,
        scenarioCostPico,
        monthlySavingsPico: (savings * BigInt(Math.round(MONTH_MS))) / BigInt(Math.round(windowMs)),
      },
    ];
  });
}
