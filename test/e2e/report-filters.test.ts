import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportJson } from '../../src/output/report-json.ts';
import { makeSeededSandbox, reportJson, runLlmcost } from '../helpers/run-llmcost.ts';

const USAGE = ['fixtures/llmcost-jsonl/usage.jsonl'];

// 18:20Z is 23:50 in Kolkata (UTC+05:30); 18:40Z and 18:35Z are already the next day there.
const NEAR_MIDNIGHT_FILE = join(mkdtempSync(join(tmpdir(), 'llmcost-e2e-input-')), 'near-midnight.jsonl');
writeFileSync(
  NEAR_MIDNIGHT_FILE,
  ['2026-11-02T18:20:00Z', '2026-11-02T18:40:00Z', '2026-11-03T18:35:00Z']
    .map(
      (ts) =>
        `${JSON.stringify({ ts, provider: 'openai', model: 'gpt-4o-2024-08-06', input_tokens: 1000, output_tokens: 10 })}\n`,
    )
    .join(''),
);

describe('llmcost report: filters, periods and time zones', () => {
  it('--since/--until are inclusive calendar dates', () => {
    const json = reportJson(makeSeededSandbox(USAGE), ['--since', '2026-11-03', '--until', '2026-11-04']);
    expect(json.rows.map((row) => [row.period, row.records])).toEqual([
      ['2026-11-03', 5],
      ['2026-11-04', 5],
    ]);
    expect(json.range).toEqual({
      since: '2026-11-03T00:00:00.000Z',
      until: '2026-11-05T00:00:00.000Z',
      asOf: '2026-11-24T00:00:00.000Z',
    });
  });

  it('--as-of ends the report at the end of that day', () => {
    const result = runLlmcost(
      ['report', '--format', 'json', '--as-of', '2026-11-03'],
      makeSeededSandbox(USAGE),
    );
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as ReportJson;
    expect(json.rows.map((row) => row.period)).toEqual(['2026-11-02', '2026-11-03']);
    expect(json.range.asOf).toBe('2026-11-04T00:00:00.000Z');
  });

  it.each([
    { filters: ['--where', 'project=support-bot'], users: ['agent-09', 'agent-17', 'agent-04'] },
    { filters: ['--where', 'project=support-bot', '--where', 'user=agent-17'], users: ['agent-17'] },
  ])('--where $filters keeps only matching usage', ({ filters, users }) => {
    const json = reportJson(makeSeededSandbox(USAGE), ['--by', 'none', '--group-by', 'user', ...filters]);
    expect(json.rows.map((row) => row.group.user)).toEqual(users);
  });

  it.each([
    {
      tz: 'UTC',
      args: [],
      periods: [
        ['2026-11-02', 2],
        ['2026-11-03', 1],
      ],
    },
    {
      tz: 'Asia/Kolkata',
      args: [],
      periods: [
        ['2026-11-02', 1],
        ['2026-11-03', 1],
        ['2026-11-04', 1],
      ],
    },
    {
      tz: 'Asia/Kolkata',
      args: ['--since', '2026-11-03', '--until', '2026-11-03'],
      periods: [['2026-11-03', 1]],
    },
  ])('buckets days in --tz $tz $args', ({ tz, args, periods }) => {
    const json = reportJson(makeSeededSandbox([NEAR_MIDNIGHT_FILE]), ['--tz', tz, ...args]);
    expect(json.timeZone).toBe(tz);
    expect(json.rows.map((row) => [row.period, row.records])).toEqual(periods);
  });
});
