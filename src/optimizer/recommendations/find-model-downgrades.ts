import type { WorkloadOptimization } from '../strategies/optimize-workloads.ts';
import type { ReplayRow } from '../replay-row.ts';
import type { WorkloadDimension } from '../workloads/workload.ts';
import { evidenceConfidence, lowerConfidence } from './confidence.ts';
import { modelName, scopeOf, type Proposal } from './proposal.ts';

/**
 * Model downgrades for simple workloads: small prompts (under 2,000 tokens per request) whose `cost`
 * strategy pick (the cheapest model rated within the quality floor of the current one) is another,
 * cheaper model. Effort: easy within the current provider, medium across providers (another API and key).
 * Confidence from the usage volume, one level lower when the pick is rated below the current model.
 */
export function findModelDowngrades(
  optimizations: readonly WorkloadOptimization[],
  rowsOf: (workloadId: string) => readonly ReplayRow[],
  dimension: WorkloadDimension,
): Proposal[] {
  return optimizations.flatMap((result) => {
    const { workload, choice, currentKey } = result;
    const pick = choice.pick;
    if (workload.sizeClass !== 'small' || pick.isCurrent || currentKey === null) return [];
    if (pick.costPico === null || pick.costPico >= result.baselineCostPico || pick.quality === null)
      return [];
    const delta = pick.quality.deltaPoints;
    const evidence = evidenceConfidence(workload.requests, workload.lastMs - workload.firstMs);
    const sameProvider =
      currentKey.slice(0, currentKey.indexOf('/')) === pick.model.slice(0, pick.model.indexOf('/'));
    return [
      {
        change: {
          kind: 'model-downgrade',
          scope: { workload: workload.id, dimension },
          parameters: { from: currentKey, to: pick.model },
        },
        title: `Downgrade ${scopeOf(workload)}: ${workload.model} → ${modelName(pick.model)}`,
        rationale: `Prompts under 2,000 tokens; ${pick.model} is the cheapest model rated within the quality floor (${delta >= 0 ? '+' : ''}${delta} arena points, ${pick.quality.source.id}).`,
        confidence: delta < 0 ? lowerConfidence(evidence) : evidence,
        effort: sameProvider ? 'easy' : 'medium',
        qualityImpact: {
          direction: delta < 0 ? 'lower' : delta > 0 ? 'higher' : 'none',
          deltaPoints: delta,
          source: pick.quality.source.id,
          note: `${delta >= 0 ? '+' : ''}${delta} arena points (${pick.quality.source.id})`,
        },
        rows: rowsOf(workload.id),
        replay: {
          kind: 'scenario',
          scenario: {
            name: 'downgrade',
            operations: [{ kind: 'model', label: `→ ${pick.model}`, from: null, when: null, to: pick.model }],
          },
        },
      },
    ];
  });
}
