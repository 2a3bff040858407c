import { describe, expect, it } from 'vitest';
import { openIngestSession } from '../../src/store/file-ingest.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { rebuildRollups } from '../../src/store/rebuild-rollups.ts';
import { makeStored } from '../helpers/make-record.ts';
import { TEST_SOURCE_STATE } from '../helpers/source-state.ts';

const state = TEST_SOURCE_STATE;

const dump = (store: Store, table: string): unknown[] =>
  store.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4, 5`).safeIntegers(true).all();

describe('rebuildRollups', () => {
  it('gives exactly the rollups the ingest accumulated, in full and from a point in time', () => {
    const store = openStore(':memory:');
    const session = openIngestSession(store, 'book-1');
    const records = Array.from({ length: 300 }, (_, index) =>
      makeStored({
        dedupKey: `r${index}`,
        occurredAtMs: Date.UTC(2026, 9, 1) + index * 987_654,
        model: ['gpt-4o', 'o3', 'claude-sonnet-4-5'][index % 3] ?? 'x',
        status: index % 13 === 0 ? 'error' : 'ok',
        inputTokens: index * 3,
        cacheWrite1hTokens: index % 4,
        outputTokens: index,
        costPico: index % 10 === 0 ? null : BigInt(index * 1_000_003),
        reportedCost:
          index % 6 === 0
            ? { amountPico: BigInt(index * 7), currency: index % 12 === 0 ? 'EUR' : 'USD' }
            : null,
        requests: index % 11 === 0 ? null : 1 + (index % 3),
      }),
    );
    // Every fifth record comes from a billing export, the others from request logs.
    for (const [path, kind, remainder] of [
      ['/x.jsonl', 'requests', 1],
      ['/export.json', 'billing', 0],
    ] as const) {
      const file = session.beginFile(path, 'test', kind, 100);
      for (const [index, record] of records.entries())
        if ((index % 5 === 0 ? 0 : 1) === remainder) file.write(record, record);
      file.commit(state);
    }
    session.close();
    const incremental = { hourly: dump(store, 'usage_hourly'), daily: dump(store, 'usage_daily') };
    expect(incremental.hourly.length).toBeGreaterThan(50);
    expect(new Set(incremental.daily.map((row) => (row as { source_kind: string }).source_kind))).toEqual(
      new Set(['billing', 'requests']),
    );

    rebuildRollups(store, null);
    expect({ hourly: dump(store, 'usage_hourly'), daily: dump(store, 'usage_daily') }).toEqual(incremental);
    rebuildRollups(store, Date.UTC(2026, 9, 2, 7, 30));
    expect({ hourly: dump(store, 'usage_hourly'), daily: dump(store, 'usage_daily') }).toEqual(incremental);
  });
});
