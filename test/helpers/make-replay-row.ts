import type { ReplayRow } from '../../src/optimizer/replay-row.ts';
import { makePricingInput } from './make-pricing-input.ts';

/** One stored request at 2026-11-01T12:00Z, standard tier, no tokens, unless overridden. */
export function makeReplayRow(
  overrides: Partial<ReplayRow> & Pick<ReplayRow, 'provider' | 'model'>,
): ReplayRow {
  return {
    ...makePricingInput({ provider: overrides.provider, model: overrides.model }),
    records: 1,
    project: null,
    tags: {},
    recordedCostPico: 0n,
    ...overrides,
  };
}
