import { describe, expect, it } from 'vitest';
import { replayStoredUsage } from '../../src/cli/replay-stored-usage.ts';
import { replayUsage } from '../../src/optimizer/replay-usage.ts';
import type { Scenario } from '../../src/optimizer/scenario.ts';
import { planOverReplayBook, REPLAY_BOOK } from '../helpers/replay-book.ts';
import { makeReplayRecords, seededStore } from '../helpers/replay-records.ts';

const swap = (name: string, to: string): Scenario => ({
  name,
  operations: [{ kind: 'model', label: `*=${to}`, from: '*', when: null, to }],
});
const batchAll: Scenario = {
  name: 'batch',
  operations: [{ kind: 'batch', label: 'batch', share: { numerator: 1, denominator: 1 }, when: null }],
};

/** The stored replay (slices, rollups, unusual records) against the records replayed one by one. */
function compare(scenarios: readonly Scenario[]) {
  const records = makeReplayRecords();
  const store = seededStore(records);
  const options = { breakdownBy: ['model', 'day'] as const, timeZone: 'UTC' };
  const stored = replayStoredUsage(
    store,
    { fromMs: null, toMs: Date.UTC(2026, 11, 1), where: [], preferKind: 'billing' },
    scenarios,
    { book: REPLAY_BOOK, overrides: [], configuredTokenizerRatios: {}, ...options },
  );
  store.close();
  const rows = records.map((record) => ({ ...record, records: 1, recordedCostPico: record.costPico ?? 0n }));
  return { stored, single: replayUsage(rows, planOverReplayBook(scenarios), options) };
}

describe('replayStoredUsage', () => {
  it('slices by day and reads a model with half-hour prices finer: the row-by-row figures', () => {
    const { stored, single } = compare([swap('small', 'small'), batchAll]);
    expect(stored.sliceMs).toBe(86_400_000);
    expect(stored.result).toEqual(single);
  });

  it('slices everything by the half hour when requests may move to such a model', () => {
    const { stored, single } = compare([swap('plain', 'plain'), batchAll]);
    expect(stored.sliceMs).toBe(1_800_000);
    expect(stored.result).toEqual(single);
  });
});
