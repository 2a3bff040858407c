import { describe, expect, it } from 'vitest';
import { groupWorkloads } from '../../src/optimizer/workloads/group-workloads.ts';
import { sizeClassOf } from '../../src/optimizer/workloads/size-class.ts';
import { makeReplayRow } from '../helpers/make-replay-row.ts';

describe('sizeClassOf (prompt tokens per request)', () => {
  it.each([
    [1_999, 1, 'small'],
    [2_000, 1, 'medium'],
    [15_999, 1, 'medium'],
    [16_000, 1, 'large'],
    [99_999, 1, 'large'],
    [100_000, 1, 'xlarge'],
    [3_998, 2, 'small'],
    [4_000, 2, 'medium'],
    [500, null, 'unknown'],
    [500, 0, 'unknown'],
  ] as const)('%d tokens over %s requests: %s', (tokens, requests, expected) => {
    expect(sizeClassOf(tokens, requests)).toBe(expected);
  });
});

describe('groupWorkloads', () => {
  const rows = [
    makeReplayRow({ provider: 'openai', model: 'big', project: 'bot', inputTokens: 1_000, requests: 1 }),
    makeReplayRow({
      provider: 'openai',
      model: 'big',
      project: 'bot',
      inputTokens: 1_500,
      cacheReadTokens: 400,
      requests: 1,
    }),
    makeReplayRow({
      provider: 'openai',
      model: 'big',
      project: 'bot',
      inputTokens: 4_500,
      requests: 3,
      records: 3,
    }),
    makeReplayRow({ provider: 'openai', model: 'big', project: 'bot', inputTokens: 5_000, requests: 1 }),
    makeReplayRow({ provider: 'openai', model: 'small', project: 'bot', inputTokens: 100, requests: 1 }),
    makeReplayRow({
      provider: 'openai',
      model: 'big',
      project: null,
      inputTokens: 100,
      requests: null,
      tags: { team: 'x' },
    }),
  ];

  it('keeps group value, prompt size class and model apart, largest prompt volume first', () => {
    const workloads = groupWorkloads(rows, 'project').map(({ workload, rows: members }) => [
      workload.id,
      workload.records,
      workload.requests,
      workload.requestsUnknown,
      workload.promptTokens,
      members.length,
    ]);
    expect(workloads).toEqual([
      // 1,000 + (1,500 + 400) + 4,500 over 3 requests (1,500 each): all under 2,000 per request
      ['bot|small|openai|big', 5, 5, 0, 7_400, 3],
      ['bot|medium|openai|big', 1, 1, 0, 5_000, 1],
      ['bot|small|openai|small', 1, 1, 0, 100, 1],
      ['-|unknown|openai|big', 1, 0, 1, 100, 1],
    ]);
  });

  it('groups by a tag when asked', () => {
    const ids = groupWorkloads(rows, 'tag:team').map(({ workload }) => workload.id);
    expect(ids).toContain('x|unknown|openai|big');
    expect(ids).toContain('-|small|openai|big');
  });
});
