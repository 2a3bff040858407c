import { ZERO_TOKENS } from '../../src/model/usage-record.ts';
import type { ReplayRow } from '../../src/optimizer/replay-row.ts';

/** One stored request at 2026-11-01T12:00Z, standard tier, no tokens, unless overridden. */
export function makeReplayRow(
  overrides: Partial<ReplayRow> & Pick<ReplayRow, 'provider' | 'model'>,
): ReplayRow {
  return {
    occurredAtMs: Date.parse('2026-11-01T12:00:00Z'),
    ...ZERO_TOKENS,
    requests: 1,
    webSearchRequests: 0,
    isBatch: false,
    serviceTier: null,
    records: 1,
    project: null,
    tags: {},
    recordedCostPico: 0n,
    ...overrides,
  };
}
