import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReplayRow } from '../../src/optimizer/replay-row.ts';
import { halfwaySlice, type ReplayRowQuery } from '../../src/store/select-replay-rows.ts';
import type { Store } from '../../src/store/open-store.ts';
import type { UsageFilter } from '../../src/store/select-usage-aggregates.ts';
import { makeReplayRecords, seededStore } from '../helpers/replay-records.ts';

// The split scan starts dist/store/query-worker.js in a worker thread, so this test runs the built
// code (npm test builds first): a worker cannot load the TypeScript sources.
type SelectReplayRows = (
  store: Store,
  filter: UsageFilter,
  query: ReplayRowQuery,
  options?: { parallelMinRows?: number },
) => Generator<ReplayRow>;
const built = (await import(join(process.cwd(), 'dist/store/select-replay-rows.js'))) as {
  selectReplayRows: SelectReplayRows;
};

const DAY_MS = 86_400_000;
const directory = mkdtempSync(join(tmpdir(), 'llmcost-parallel-replay-'));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

const QUERY: ReplayRowQuery = {
  sliceMs: DAY_MS,
  fineModels: [{ provider: 'acme', model: 'plain' }],
  fineSliceMs: 1_800_000,
  attributes: [],
  sizeTests: [
    {
      promptCoefficient: 1,
      outputCoefficient: 0,
      comparison: '>=',
      perRequestTokens: 1024,
      usualAnswer: true,
    },
    {
      promptCoefficient: 1,
      outputCoefficient: 1,
      comparison: '>',
      perRequestTokens: 128_000,
      usualAnswer: false,
    },
  ],
  rollup: null,
};

function rowsBothWays(
  filter: Partial<UsageFilter>,
  query: ReplayRowQuery,
): { serial: ReplayRow[]; split: ReplayRow[] } {
  const store = seededStore(makeReplayRecords(), join(directory, `${Math.random()}.db`));
  const full: UsageFilter = { fromMs: null, toMs: null, where: [], preferKind: 'billing', ...filter };
  try {
    // The split happens: these tests would compare one thread with itself otherwise.
    expect(halfwaySlice(store, full, DAY_MS, 0)).not.toBeNull();
    const serial = [...built.selectReplayRows(store, full, query, { parallelMinRows: Infinity })];
    const split = [...built.selectReplayRows(store, full, query, { parallelMinRows: 0 })];
    return { serial, split };
  } finally {
    store.close();
  }
}

describe('selectReplayRows over two threads', () => {
  it('splits at the start of the slice holding the middle row in range, and only large scans', () => {
    const store = seededStore(makeReplayRecords(), join(directory, 'halfway.db'));
    const filter: UsageFilter = { fromMs: null, toMs: null, where: [], preferKind: 'billing' };
    try {
      // 600 records from 2026-11-01 every 431 s: the 300th is on 2026-11-02.
      expect(halfwaySlice(store, filter, DAY_MS, 600)).toBe(Date.UTC(2026, 10, 2));
      expect(halfwaySlice(store, filter, DAY_MS, 601)).toBeNull();
      // All of the range in one slice: nothing to split.
      expect(halfwaySlice(store, filter, 7 * DAY_MS, 0)).toBeNull();
    } finally {
      store.close();
    }
    const memory = seededStore(makeReplayRecords());
    expect(halfwaySlice(memory, filter, DAY_MS, 0)).toBeNull();
    memory.close();
  });

  it('gives the rows of one thread, in the same order, from usage rows', () => {
    const { serial, split } = rowsBothWays({}, QUERY);
    expect(serial.length).toBeGreaterThan(100);
    expect(split).toEqual(serial);
  });

  it('gives the rows of one thread from rollups and the unusual records', () => {
    const query = { ...QUERY, attributes: [], rollup: { mergeableTiers: [''] } };
    const { serial, split } = rowsBothWays({}, query);
    expect(serial.length).toBeGreaterThan(10);
    expect(split).toEqual(serial);
  });

  it('splits inside a --since/--until range and by project', () => {
    const from = Date.UTC(2026, 10, 1, 12);
    const { serial, split } = rowsBothWays(
      { fromMs: from, toMs: from + 2 * DAY_MS },
      { ...QUERY, attributes: ['project'] },
    );
    expect(serial.length).toBeGreaterThan(10);
    expect(split).toEqual(serial);
  });
});
