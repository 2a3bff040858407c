import { describe, expect, it } from 'vitest';
import { openIngestSession } from '../../src/store/file-ingest.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import {
  iterateUsageAggregates,
  type AggregateQuery,
  type UsageAggregate,
} from '../../src/store/select-usage-aggregates.ts';
import { makeStored } from '../helpers/make-record.ts';
import { TEST_SOURCE_STATE } from '../helpers/source-state.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** 300 records over about five days, from two providers and three models, some in several projects. */
function seededStore(): Store {
  const store = openStore(':memory:');
  const session = openIngestSession(store, 'book-1');
  const file = session.beginFile('/usage.jsonl', 'test', 'requests', 100);
  for (let index = 0; index < 300; index += 1) {
    const record = makeStored({
      dedupKey: `r${index}`,
      occurredAtMs: Date.UTC(2026, 9, 1) + index * 1_434_567,
      provider: index % 5 === 0 ? 'anthropic' : 'openai',
      model: ['gpt-4o', 'o3', 'claude-sonnet-4-5'][index % 3] ?? 'x',
      project: `p${index % 4}`,
      team: 'platform',
      inputTokens: index,
    });
    file.write(record, record);
  }
  file.commit(TEST_SOURCE_STATE);
  session.close();
  return store;
}

const query = (overrides: Partial<AggregateQuery>): AggregateQuery => ({
  fromMs: Date.UTC(2026, 9, 1, 5, 30),
  toMs: Date.UTC(2026, 9, 5, 7, 15),
  sliceMs: DAY,
  costMode: 'list',
  preferKind: 'billing',
  groupBy: ['provider', 'model'],
  where: [],
  ...overrides,
});

const keyOf = (aggregate: UsageAggregate) => `${aggregate.sliceStartMs} ${aggregate.groupValues.join(',')}`;

describe('iterateUsageAggregates', () => {
  it.each([
    ['daily slices, ragged bounds: daily rollup, hourly rollup and usage rows', query({})],
    ['hourly slices: hourly rollup and usage rows', query({ sliceMs: HOUR })],
    ['daily slices by project: usage rows only', query({ groupBy: ['project', 'model'] })],
  ])('reads in ascending slice order, each slice and group once: %s', (_, aggregateQuery) => {
    const aggregates = [...iterateUsageAggregates(seededStore(), aggregateQuery)];
    const starts = aggregates.map((aggregate) => aggregate.sliceStartMs);
    expect(aggregates.length).toBeGreaterThan(10);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Set(aggregates.map(keyOf)).size).toBe(aggregates.length);
  });

  it('sums the same as the usage rows, whatever the source', () => {
    const store = seededStore();
    const sums = (aggregates: Iterable<UsageAggregate>) =>
      Object.fromEntries(
        [...aggregates].map((aggregate) => [keyOf(aggregate), aggregate.totals.inputTokens]),
      );
    // Filtering on a dimension the rollups lack forces the usage rows; every record is in that team.
    const fromRows = iterateUsageAggregates(
      store,
      query({ where: [{ dimension: 'team', value: 'platform' }] }),
    );
    expect(sums(iterateUsageAggregates(store, query({})))).toEqual(sums(fromRows));
  });
});
