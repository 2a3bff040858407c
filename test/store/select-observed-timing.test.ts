import { describe, expect, it } from 'vitest';
import { selectObservedTiming } from '../../src/store/select-observed-timing.ts';
import { makeStored } from '../helpers/make-record.ts';
import { seededStore } from '../helpers/replay-records.ts';

const DAY = Date.UTC(2026, 10, 2);

const timed = (model: string, latencyMs: number | null, timeToFirstTokenMs: number | null, extra = {}) =>
  makeStored({ model, occurredAtMs: DAY, latencyMs, timeToFirstTokenMs, ...extra });

const ALL = { fromMs: null, toMs: null, where: [], preferKind: 'billing' as const };

describe('selectObservedTiming', () => {
  const store = seededStore([
    timed('gpt-4o', 100, 10),
    timed('gpt-4o', 200, 20),
    timed('gpt-4o', 300, 30),
    timed('gpt-4o', 400, null),
    // Failed, outside the range, or without timing: left out.
    timed('gpt-4o', 5, 1, { status: 'error' }),
    timed('gpt-4o', 9_000, 9_000, { occurredAtMs: DAY + 86_400_000 }),
    timed('gpt-4o', null, null),
    // A dated snapshot of the same model, and a model nobody asked about.
    timed('gpt-4o-2024-08-06', 1_000, 40),
    timed('o3', 50, 50),
  ]);
  const groups = [
    { provider: 'openai', model: 'gpt-4o', label: 'openai/gpt-4o' },
    { provider: 'openai', model: 'gpt-4o-2024-08-06', label: 'openai/gpt-4o' },
  ];

  it('gives the median and interpolated 95th percentile of the successful timed requests in range', () => {
    const summaries = selectObservedTiming(store, { ...ALL, toMs: DAY + 86_400_000 }, groups.slice(0, 1));
    expect([...summaries]).toEqual([
      [
        'openai/gpt-4o',
        {
          // 100, 200, 300, 400: median (200 + 300) / 2; p95 at rank 0.95 × 3 = 2.85 → 300 + 0.85 × 100.
          latency: { requests: 4, medianMs: 250, p95Ms: 385 },
          // 10, 20, 30: median 20; p95 at 0.95 × 2 = 1.9 → 20 + 0.9 × 10.
          timeToFirstToken: { requests: 3, medianMs: 20, p95Ms: 29 },
        },
      ],
    ]);
  });

  it('merges the pairs that share a label before taking quantiles, and applies --where', () => {
    const summaries = selectObservedTiming(store, { ...ALL, toMs: DAY + 86_400_000 }, groups);
    expect(summaries.get('openai/gpt-4o')?.latency).toEqual({ requests: 5, medianMs: 300, p95Ms: 880 });
    const none = selectObservedTiming(
      store,
      { ...ALL, where: [{ dimension: 'project', value: 'nothing' }] },
      groups,
    );
    expect(none.size).toBe(0);
    expect(selectObservedTiming(store, ALL, []).size).toBe(0);
  });

  it('has no figure for a model whose requests state no timing', () => {
    const untimed = seededStore([timed('gpt-4o', null, null)]);
    expect(selectObservedTiming(untimed, ALL, groups).size).toBe(0);
  });
});
