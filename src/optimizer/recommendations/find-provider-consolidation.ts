import type { ModelResolver } from '../../pricing/create-model-resolver.ts';
import type { ReplayRow } from '../replay-row.ts';
import { evidenceConfidence } from './confidence.ts';
import { modelName, sameModel, type Proposal } from './proposal.ts';

/**
 * Providers to consolidate: one model (first-party identity, `identify`) bought through two or more
 * providers (the vendor, a cloud, a gateway). One proposal per provider the model could all go to
 * (its price-book key, `priceKeyOf`), unless that key is retired (`isRetired`); the caller keeps the
 * cheapest that saves money. Effort medium (keys, quotas and client changes); quality unchanged (the
 * same weights).
 */
export function findProviderConsolidations(
  rows: readonly ReplayRow[],
  identify: ModelResolver,
  priceKeyOf: ModelResolver,
  isRetired: (key: string) => boolean,
): Proposal[] {
  const byModel = new Map<string, { rows: ReplayRow[]; keys: Map<string, number> }>();
  for (const row of rows) {
    const model = identify(row.provider, row.model);
    const key = priceKeyOf(row.provider, row.model);
    if (model === null || key === null) continue;
    let entry = byModel.get(model);
    if (entry === undefined) {
      entry = { rows: [], keys: new Map() };
      byModel.set(model, entry);
    }
    entry.rows.push(row);
    entry.keys.set(key, (entry.keys.get(key) ?? 0) + (row.requests ?? 0));
  }
  return [...byModel]
    .filter(([, entry]) => entry.keys.size >= 2)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([model, entry]) => {
      const requests = [...entry.keys.values()].reduce((sum, count) => sum + count, 0);
      const times = entry.rows.map((row) => row.occurredAtMs);
      const confidence = evidenceConfidence(requests, Math.max(...times) - Math.min(...times));
      const via = [...entry.keys.keys()].sort();
      // Most requests first: verify replays the usage after the change back at the first of them.
      const byRequests = [...entry.keys]
        .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
        .map(([key]) => key);
      return via
        .filter((target) => !isRetired(target))
        .map((target) => ({
          change: {
            kind: 'consolidate-providers' as const,
            scope: { model },
            parameters: { to: target, from: byRequests.filter((key) => key !== target).join(',') },
          },
          title: `Buy ${modelName(model)} through ${target.slice(0, target.indexOf('/'))} only`,
          rationale: `The same model is bought through ${via.length} providers (${via.join(', ')}); all of it replayed at ${target}'s prices.`,
          confidence,
          effort: 'medium' as const,
          qualityImpact: sameModel('none: the same model'),
          rows: entry.rows,
          replay: {
            kind: 'scenario' as const,
            scenario: {
              name: 'consolidate',
              operations: [
                { kind: 'model' as const, label: `→ ${target}`, from: null, when: null, to: target },
              ],
            },
          },
        }));
    });
}
