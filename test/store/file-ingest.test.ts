import { describe, expect, it } from 'vitest';
import { openIngestSession } from '../../src/store/file-ingest.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { selectUnpricedUsage, selectUsageAggregates } from '../../src/store/select-usage-aggregates.ts';
import { selectSourceOverlaps } from '../../src/store/select-source-overlaps.ts';
import type { StoredUsage } from '../../src/store/stored-usage.ts';
import type { SourceKind } from '../../src/model/source-kind.ts';
import { makeStored } from '../helpers/make-record.ts';
import { TEST_SOURCE_STATE } from '../helpers/source-state.ts';
import { INSERT_GROUP_ROWS } from '../../src/store/ingest-statements.ts';
import { NUMBER, NUMBER_FIELDS, packUsageBatch, type UsageBatch } from '../../src/store/usage-batch.ts';
import { rebuildRollups } from '../../src/store/rebuild-rollups.ts';
import { rowToStoredUsage, type UsageRow } from '../../src/store/usage-row.ts';

const state = TEST_SOURCE_STATE;

function ingest(
  store: Store,
  path: string,
  records: readonly StoredUsage[],
  kind: SourceKind = 'requests',
): string[] {
  const session = openIngestSession(store, 'book-1');
  const transaction = session.beginFile(path, 'test', kind, 100);
  const outcomes = records.map((record) => transaction.write(record, record));
  transaction.commit(state);
  session.close();
  return outcomes;
}

const everything = (store: Store, groupBy: Parameters<typeof selectUsageAggregates>[1]['groupBy'] = []) =>
  selectUsageAggregates(store, {
    fromMs: null,
    toMs: null,
    sliceMs: null,
    costMode: 'list',
    preferKind: 'billing',
    groupBy,
    where: [],
  }).map((row) => row.totals);

describe('beginFileIngest', () => {
  it('stores new usage once, whichever file repeats it', () => {
    const store = openStore(':memory:');
    const records = [
      makeStored({ dedupKey: 'a', inputTokens: 10 }),
      makeStored({ dedupKey: 'b', inputTokens: 20 }),
    ];
    expect(ingest(store, '/x.jsonl', records)).toEqual(['stored', 'stored']);
    expect(ingest(store, '/copy.jsonl', records)).toEqual(['duplicate', 'duplicate']);
    expect(everything(store)[0]).toMatchObject({ records: 2, inputTokens: 30, costPico: 2_000_000n });
  });

  it('keeps the largest copy of a message and moves the rollup with it', () => {
    const store = openStore(':memory:');
    const outcomes = ingest(store, '/s.jsonl', [
      makeStored({ dedupKey: 'msg', outputTokens: 5, costPico: 5n }),
      makeStored({ dedupKey: 'msg', outputTokens: 50, costPico: 50n }),
      makeStored({ dedupKey: 'msg', outputTokens: 20, costPico: 20n }),
    ]);
    expect(outcomes).toEqual(['stored', 'replaced', 'duplicate']);
    expect(everything(store)[0]).toMatchObject({ records: 1, outputTokens: 50, costPico: 50n });
  });

  it('moves the rollup when a later ingest replaces usage with a larger copy', () => {
    const store = openStore(':memory:');
    ingest(store, '/first.jsonl', [makeStored({ dedupKey: 'msg', outputTokens: 5, costPico: 5n })]);
    ingest(store, '/second.jsonl', [makeStored({ dedupKey: 'msg', outputTokens: 50, costPico: 50n })]);
    const rollup = everything(store, ['model']);
    const rows = selectUsageAggregates(store, {
      fromMs: null,
      toMs: null,
      sliceMs: null,
      costMode: 'list',
      preferKind: 'billing',
      groupBy: ['model'],
      where: [{ dimension: 'status', value: 'ok' }],
    });
    expect(rollup).toEqual(rows.map((row) => row.totals));
    expect(rollup[0]).toMatchObject({ records: 1, outputTokens: 50, costPico: 50n });
  });

  it('rolls back one rejected file and keeps the others of the same transaction', () => {
    const store = openStore(':memory:');
    const session = openIngestSession(store, 'book-1');
    const kept = makeStored({ dedupKey: 'kept', inputTokens: 7 });
    const first = session.beginFile('/kept.jsonl', 'test', 'requests', 100);
    first.write(kept, kept);
    first.commit(state);
    const gone = makeStored({ dedupKey: 'gone', inputTokens: 1_000 });
    const second = session.beginFile('/gone.jsonl', 'test', 'requests', 100);
    second.write(gone, gone);
    second.rollback();
    session.close();
    expect(everything(store)[0]).toMatchObject({ records: 1, inputTokens: 7 });
    expect(store.prepare('SELECT path FROM sources').all()).toEqual([{ path: '/kept.jsonl' }]);
  });

  it('rolls back the whole open transaction for a file that cannot roll back alone (no savepoint)', () => {
    const store = openStore(':memory:');
    const session = openIngestSession(store, 'book-1');
    const kept = makeStored({ dedupKey: 'kept', inputTokens: 7 });
    const first = session.beginFile('/kept.jsonl', 'test', 'requests', 100, false);
    first.write(kept, kept);
    first.commit(state);
    const failed = makeStored({ dedupKey: 'failed', inputTokens: 1_000 });
    const second = session.beginFile('/failed.jsonl', 'test', 'requests', 100, false);
    second.write(failed, failed);
    second.rollback();
    session.close();
    expect(everything(store)).toEqual([]);
    expect(store.prepare('SELECT COUNT(*) AS n FROM sources').get()).toEqual({ n: 0 });
    // The session goes on with a new transaction.
    expect(ingest(store, '/again.jsonl', [kept])).toEqual(['stored']);
  });

  it('leaves nothing behind when the session is aborted before it commits (a crash)', () => {
    const store = openStore(':memory:');
    const session = openIngestSession(store, 'book-1');
    const file = session.beginFile('/x.jsonl', 'test', 'requests', 100);
    const record = makeStored({ dedupKey: 'x' });
    file.write(record, record);
    file.commit(state);
    session.abort();
    expect(everything(store)).toEqual([]);
    expect(store.prepare('SELECT COUNT(*) AS n FROM sources').get()).toEqual({ n: 0 });
  });

  it('counts unpriced usage apart from cost, never as zero-cost usage', () => {
    const store = openStore(':memory:');
    ingest(store, '/x.jsonl', [
      makeStored({ dedupKey: 'p', inputTokens: 100, costPico: 7n }),
      makeStored({
        dedupKey: 'u',
        model: 'mystery-1',
        inputTokens: 40,
        outputTokens: 2,
        costPico: null,
        unpricedReason: 'no price',
      }),
    ]);
    expect(everything(store)[0]).toMatchObject({
      costPico: 7n,
      unpricedRecords: 1,
      unpricedRequests: 1,
      unpricedTokens: 42,
    });
  });
});

describe('writeBatch', () => {
  const batchOf = (records: readonly StoredUsage[]): UsageBatch =>
    packUsageBatch(records, records, 'requests');
  const writeBatches = (store: Store, path: string, batches: readonly UsageBatch[]) => {
    const session = openIngestSession(store, 'book-1');
    const file = session.beginFile(path, 'test', 'requests', 100);
    const outcomes = batches.map((batch) => file.writeBatch(batch));
    file.commit(state);
    session.close();
    return outcomes;
  };
  /** The rollups as stored, and as rebuilt from the usage rows: the batch sums must match the rows. */
  const rollupsAgree = (store: Store) => {
    const read = () => store.prepare('SELECT * FROM usage_hourly ORDER BY 1, 2, 3').all();
    const stored = read();
    rebuildRollups(store, null);
    expect(stored).toEqual(read());
  };
  const records = (count: number, from = 0, tokens = 10) =>
    Array.from({ length: count }, (_, index) =>
      makeStored({
        dedupKey: `k${from + index}`,
        inputTokens: tokens,
        occurredAtMs: Date.UTC(2026, 9, 1, (from + index) % 24),
        model: index % 3 === 0 ? 'gpt-4o' : 'gpt-4o-mini',
        costPico: index % 5 === 0 ? null : 1_000n,
      }),
    );

  it('stores a batch larger than a group, then finds every record of it again', () => {
    const store = openStore(':memory:');
    const batch = batchOf(records(INSERT_GROUP_ROWS * 2 + 3));
    expect(writeBatches(store, '/a.jsonl', [batch])).toEqual([
      { stored: INSERT_GROUP_ROWS * 2 + 3, replaced: 0, duplicate: 0, unpricedRecords: 4 },
    ]);
    expect(writeBatches(store, '/b.jsonl', [batch])).toEqual([
      { stored: 0, replaced: 0, duplicate: INSERT_GROUP_ROWS * 2 + 3, unpricedRecords: 0 },
    ]);
    expect(everything(store)[0]).toMatchObject({ records: INSERT_GROUP_ROWS * 2 + 3, unpricedRecords: 4 });
    rollupsAgree(store);
  });

  it('stores the new records of a group some of whose records were stored before, and replaces larger copies', () => {
    const store = openStore(':memory:');
    const stored = records(INSERT_GROUP_ROWS, 0);
    writeBatches(store, '/a.jsonl', [batchOf([stored[1], stored[4], stored[6]] as StoredUsage[])]);
    // The group: k0..k7 again, k4 now larger; then one more record alone.
    const again = records(INSERT_GROUP_ROWS + 1, 0).map((record) =>
      record.dedupKey === 'k4' ? { ...record, inputTokens: 500 } : record,
    );
    expect(writeBatches(store, '/b.jsonl', [batchOf(again)])).toEqual([
      { stored: INSERT_GROUP_ROWS - 2, replaced: 1, duplicate: 2, unpricedRecords: 2 },
    ]);
    expect(everything(store)[0]).toMatchObject({
      records: INSERT_GROUP_ROWS + 1,
      inputTokens: 10 * INSERT_GROUP_ROWS + 500,
    });
    rollupsAgree(store);
  });

  it('keeps the larger of two copies of a record that meet in one group', () => {
    const store = openStore(':memory:');
    const group = records(INSERT_GROUP_ROWS);
    group[5] = { ...(group[2] as StoredUsage), inputTokens: 70, costPico: 7n };
    group[6] = { ...(group[2] as StoredUsage), inputTokens: 3 };
    expect(writeBatches(store, '/a.jsonl', [batchOf(group)])).toEqual([
      { stored: INSERT_GROUP_ROWS - 2, replaced: 1, duplicate: 1, unpricedRecords: 1 },
    ]);
    expect(store.prepare("SELECT input_tokens AS tokens FROM usage WHERE dedup_key = 'k2'").all()).toEqual([
      { tokens: 70 },
    ]);
    rollupsAgree(store);
  });

  it('probes on when two keys share a hash, and finds the second key again on the next ingest', () => {
    const store = openStore(':memory:');
    const collide = (batch: UsageBatch): UsageBatch => {
      // Give k3 the hash of k1: a collision of 53-bit hashes, too rare to find by chance.
      const numbers = batch.numbers.slice();
      numbers[3 * NUMBER_FIELDS + NUMBER.dedupHash] = numbers[1 * NUMBER_FIELDS + NUMBER.dedupHash] as number;
      return { ...batch, numbers };
    };
    const batch = collide(batchOf(records(INSERT_GROUP_ROWS)));
    expect(writeBatches(store, '/a.jsonl', [batch])[0]).toMatchObject({ stored: INSERT_GROUP_ROWS });
    expect(writeBatches(store, '/b.jsonl', [batch])[0]).toMatchObject({ duplicate: INSERT_GROUP_ROWS });
    expect(store.prepare('SELECT COUNT(DISTINCT dedup_key) AS n FROM usage').get()).toEqual({
      n: INSERT_GROUP_ROWS,
    });
    rollupsAgree(store);
  });

  it('leaves no rollup row for a record found stored already', () => {
    const store = openStore(':memory:');
    const first = makeStored({ dedupKey: 'm', model: 'gpt-4o', inputTokens: 50 });
    writeBatches(store, '/a.jsonl', [batchOf([first])]);
    const copy = { ...first, model: 'gpt-4o-2024-08-06', inputTokens: 5 };
    expect(writeBatches(store, '/b.jsonl', [batchOf([copy])])[0]).toMatchObject({ duplicate: 1 });
    for (const table of ['usage_hourly', 'usage_daily']) {
      expect(store.prepare(`SELECT model, records FROM ${table}`).all()).toEqual([
        { model: 'gpt-4o', records: 1 },
      ]);
    }
  });

  it('stores the timing of each record, in groups and alone, null where unknown, and reads it back', () => {
    const store = openStore(':memory:');
    const timed = records(INSERT_GROUP_ROWS + 2).map((record, index) => ({
      ...record,
      latencyMs: index % 3 === 0 ? null : 1_000 + index,
      timeToFirstTokenMs: index % 2 === 0 ? null : index,
    }));
    writeBatches(store, '/a.jsonl', [batchOf(timed)]);
    const rows = store
      .prepare('SELECT dedup_key AS key, latency_ms AS latency, ttft_ms AS ttft FROM usage ORDER BY id')
      .all();
    expect(rows).toEqual(
      timed.map((record) => ({
        key: record.dedupKey,
        latency: record.latencyMs,
        ttft: record.timeToFirstTokenMs,
      })),
    );
    const row = store.prepare("SELECT * FROM usage WHERE dedup_key = 'k1'").safeIntegers(true).get();
    expect(rowToStoredUsage(row as UsageRow)).toMatchObject({ latencyMs: 1_001, timeToFirstTokenMs: 1 });
  });

  it('keeps the stored timing for a duplicate (no backfill) and takes the timing of a larger copy', () => {
    const store = openStore(':memory:');
    const untimed = makeStored({ dedupKey: 'm', inputTokens: 10 });
    writeBatches(store, '/a.jsonl', [batchOf([untimed])]);
    const sameWithTiming = { ...untimed, latencyMs: 900, timeToFirstTokenMs: 300 };
    expect(writeBatches(store, '/a.jsonl', [batchOf([sameWithTiming])])[0]).toMatchObject({ duplicate: 1 });
    const timing = () => store.prepare('SELECT latency_ms AS latency, ttft_ms AS ttft FROM usage').all();
    expect(timing()).toEqual([{ latency: null, ttft: null }]);
    const larger = { ...sameWithTiming, inputTokens: 20 };
    expect(writeBatches(store, '/b.jsonl', [batchOf([larger])])[0]).toMatchObject({ replaced: 1 });
    expect(timing()).toEqual([{ latency: 900, ttft: 300 }]);
  });

  it('refuses a batch read from a source of another kind', () => {
    const store = openStore(':memory:');
    const session = openIngestSession(store, 'book-1');
    const file = session.beginFile('/a.csv', 'test', 'billing', 100);
    expect(() => file.writeBatch(batchOf(records(1)))).toThrow(/requests batch offered to a billing source/);
    file.rollback();
    session.abort();
  });
});

describe('selectUsageAggregates', () => {
  const costModes = ['list', 'reported', 'auto'] as const;
  it.each([
    ['hourly slices, whole hours', Date.UTC(2026, 9, 2), Date.UTC(2026, 9, 3, 6), 3_600_000],
    [
      'daily slices, ragged bounds (daily, hourly and row sums)',
      Date.UTC(2026, 9, 1, 5, 30),
      Date.UTC(2026, 9, 4, 7, 15),
      86_400_000,
    ],
    ['one slice, no bounds', null, null, null],
  ])('gives the same sums from the rollups and from the usage rows: %s', (_, fromMs, toMs, sliceMs) => {
    const store = openStore(':memory:');
    const records = Array.from({ length: 200 }, (_, index) =>
      makeStored({
        dedupKey: `r${index}`,
        occurredAtMs: Date.UTC(2026, 9, 1) + index * 1_234_567,
        provider: index % 5 === 0 ? 'anthropic' : 'openai',
        model: ['gpt-4o', 'o3', 'claude-sonnet-4-5'][index % 3] ?? 'x',
        project: index % 4 === 0 ? null : `p${index % 5}`,
        session: `s${index % 7}`,
        inputTokens: index * 3,
        outputTokens: index,
        costPico: index % 10 === 0 ? null : BigInt(index * 1_000_003),
        reportedCost: index % 6 === 0 ? { amountPico: BigInt(index * 7_000_001), currency: 'USD' } : null,
        requests: index % 11 === 0 ? null : 1,
      }),
    );
    // A billing export holds every fourth record of the first two days (both kinds overlap there);
    // request logs hold the others.
    const isBilled = (record: StoredUsage, index: number) =>
      index % 4 === 0 && record.occurredAtMs < Date.UTC(2026, 9, 3);
    ingest(
      store,
      '/x.jsonl',
      records.filter((record, index) => !isBilled(record, index)),
    );
    ingest(store, '/export.json', records.filter(isBilled), 'billing');
    for (const [costMode, preferKind] of costModes.flatMap((mode) =>
      (['billing', 'requests'] as const).map((kind) => [mode, kind] as const),
    )) {
      const query = { fromMs, toMs, sliceMs, costMode, preferKind };
      const fromRollup = selectUsageAggregates(store, {
        ...query,
        groupBy: ['provider', 'model'],
        where: [],
      });
      // Filtering on session forces the raw path; every record matches one of the sessions, so summing
      // the per-session results must reproduce the rollup's answer.
      const fromRows = Array.from({ length: 7 }, (_, session) =>
        selectUsageAggregates(store, {
          ...query,
          groupBy: ['provider', 'model'],
          where: [{ dimension: 'session', value: `s${session}` }],
        }),
      ).flat();
      const sumBy = (rows: typeof fromRollup) => {
        const sums = new Map<string, string>();
        for (const row of rows) {
          const key = `${row.sliceStartMs}|${row.groupValues.join('|')}`;
          const [cost, list, reported, unpriced, input] = (sums.get(key) ?? '0 0 0 0 0')
            .split(' ')
            .map(BigInt);
          const { totals } = row;
          sums.set(
            key,
            [
              (cost ?? 0n) + totals.costPico,
              (list ?? 0n) + totals.listCostPico,
              (reported ?? 0n) + totals.reportedCostPico,
              (unpriced ?? 0n) + BigInt(totals.unpricedRecords * 1000 + totals.unpricedTokens),
              (input ?? 0n) + BigInt(totals.inputTokens),
            ].join(' '),
          );
        }
        return sums;
      };
      expect(fromRollup.length).toBeGreaterThanOrEqual(3);
      expect(sumBy(fromRows), `${costMode}, ${preferKind}`).toEqual(sumBy(fromRollup));
    }
  });

  it('costs each record by the mode: list, stated by the source, or stated else list', () => {
    const store = openStore(':memory:');
    const at = Date.UTC(2026, 9, 1, 12);
    ingest(store, '/x.jsonl', [
      makeStored({
        dedupKey: 'both',
        occurredAtMs: at,
        costPico: 100n,
        reportedCost: { amountPico: 90n, currency: 'USD' },
      }),
      makeStored({ dedupKey: 'list only', occurredAtMs: at, costPico: 50n }),
      makeStored({
        dedupKey: 'stated only',
        occurredAtMs: at,
        costPico: null,
        reportedCost: { amountPico: 7n, currency: 'USD' },
      }),
      makeStored({ dedupKey: 'neither', occurredAtMs: at, costPico: null, inputTokens: 5 }),
    ]);
    const totalsIn = (costMode: (typeof costModes)[number]) =>
      selectUsageAggregates(store, {
        fromMs: null,
        toMs: null,
        sliceMs: null,
        costMode,
        preferKind: 'billing',
        groupBy: [],
        where: [],
      })[0]?.totals;
    expect(totalsIn('list')).toMatchObject({
      costPico: 150n,
      listCostPico: 150n,
      reportedCostPico: 97n,
      unpricedRecords: 2,
    });
    expect(totalsIn('reported')).toMatchObject({ costPico: 97n, unpricedRecords: 2 });
    expect(totalsIn('auto')).toMatchObject({ costPico: 147n, unpricedRecords: 1, unpricedTokens: 5 });
  });
});

describe('the source preference', () => {
  const day = Date.UTC(2026, 10, 3);
  const otherDay = Date.UTC(2026, 10, 4);
  const sums = (store: Store, preferKind: SourceKind) =>
    selectUsageAggregates(store, {
      fromMs: null,
      toMs: null,
      sliceMs: 86_400_000,
      costMode: 'list',
      preferKind,
      groupBy: ['provider'],
      where: [],
    }).map((row) => [
      new Date(row.sliceStartMs).toISOString().slice(0, 10),
      row.groupValues[0],
      row.totals.inputTokens,
    ]);

  it('reads one kind where both cover a provider and day, each kind alone elsewhere', () => {
    const store = openStore(':memory:');
    ingest(
      store,
      '/session.jsonl',
      [
        makeStored({ provider: 'anthropic', occurredAtMs: day + 3_600_000, inputTokens: 90 }),
        makeStored({ provider: 'anthropic', occurredAtMs: day + 7_200_000, inputTokens: 5 }),
        makeStored({ provider: 'anthropic', occurredAtMs: otherDay + 60_000, inputTokens: 7 }),
        makeStored({ provider: 'openai', occurredAtMs: day + 60_000, inputTokens: 1 }),
      ],
      'requests',
    );
    ingest(
      store,
      '/usage.json',
      [makeStored({ provider: 'anthropic', occurredAtMs: day, inputTokens: 100 })],
      'billing',
    );
    expect(sums(store, 'billing')).toEqual([
      ['2026-11-03', 'anthropic', 100],
      ['2026-11-03', 'openai', 1],
      ['2026-11-04', 'anthropic', 7],
    ]);
    expect(sums(store, 'requests')).toEqual([
      ['2026-11-03', 'anthropic', 95],
      ['2026-11-03', 'openai', 1],
      ['2026-11-04', 'anthropic', 7],
    ]);
    expect(selectSourceOverlaps(store, { fromMs: null, toMs: null })).toEqual([
      { provider: 'anthropic', dayStartMs: day },
    ]);
    expect(selectSourceOverlaps(store, { fromMs: otherDay, toMs: null })).toEqual([]);
  });

  it('leaves unpriced usage of the kind not read out of the unpriced list', () => {
    const store = openStore(':memory:');
    const unpriced = { provider: 'anthropic', model: 'mystery', costPico: null, unpricedReason: 'no price' };
    ingest(store, '/session.jsonl', [makeStored({ ...unpriced, occurredAtMs: day, inputTokens: 3 })]);
    ingest(store, '/usage.json', [makeStored({ provider: 'anthropic', occurredAtMs: day })], 'billing');
    const filter = { fromMs: null, toMs: null, where: [] };
    expect(selectUnpricedUsage(store, { ...filter, preferKind: 'billing' }, 'list')).toEqual([]);
    expect(selectUnpricedUsage(store, { ...filter, preferKind: 'requests' }, 'list')).toMatchObject([
      { model: 'mystery', tokens: 3 },
    ]);
  });
});
