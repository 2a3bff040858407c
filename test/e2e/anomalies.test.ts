import { describe, expect, it } from 'vitest';
import type { AnomaliesJson } from '../../src/output/anomalies-json.ts';
import { makeSandbox } from '../helpers/run-cli.ts';
import { AS_OF, makeSeededSandbox, runLlmcost } from '../helpers/run-llmcost.ts';

// Eight weeks of usage with one incident: claude-sonnet-4-5 in project search writes 8× its usual 1-hour
// cache tokens on 2026-11-18 and 2026-11-19 (fixtures/anomalies/generate-usage.mjs).
const FIXTURE = ['fixtures/anomalies/usage.jsonl'];

const anomalies = (args: readonly string[], sandbox = makeSeededSandbox(FIXTURE)) =>
  runLlmcost(['anomalies', '--as-of', AS_OF, '--tz', 'UTC', ...args], sandbox);

const parse = (stdout: string): AnomaliesJson => JSON.parse(stdout) as AnomaliesJson;

describe('llmcost anomalies', () => {
  it('finds the injected incident, once, with its root cause (JSON contract)', () => {
    const result = anomalies(['--format', 'json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const json = parse(result.stdout);
    expect(json.findings).toHaveLength(1);
    const [finding] = json.findings;
    expect(Object.keys(finding ?? {}).slice(0, 9)).toEqual([
      'id',
      'series',
      'kind',
      'start',
      'end',
      'expected',
      'actual',
      'impact',
      'rootCause',
    ]);
    expect(finding).toMatchObject({
      kind: 'spike',
      start: '2026-11-18T00:00:00.000Z',
      end: '2026-11-20T00:00:00.000Z',
      ongoing: false,
    });
    expect(finding?.series).toMatch(/tokenClass=cacheWrite1h$/);
    expect(finding?.impact).toBeGreaterThan(150);
    expect(finding?.actual).toBeCloseTo((finding?.expected ?? 0) + (finding?.impact ?? 0), 4);
    const top = (dimension: string) => finding?.rootCause.find((entry) => entry.dimension === dimension);
    expect(top('model')).toMatchObject({ value: 'claude-sonnet-4-5' });
    expect(top('project')).toMatchObject({ value: 'search' });
    expect(top('tokenClass')).toMatchObject({ value: 'cacheWrite1h' });
    expect(Object.keys(top('model') ?? {})).toEqual(['dimension', 'value', 'impact', 'share']);
  });

  it('prints a table with a chart per finding, within 100 columns', async () => {
    const result = anomalies([]);
    expect(result.code).toBe(0);
    expect(Math.max(...result.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
    await expect(result.stdout).toMatchFileSnapshot('../golden/anomalies/table.txt');
  });

  it('prints Markdown', async () => {
    const result = anomalies(['--format', 'md']);
    expect(result.code).toBe(0);
    await expect(result.stdout).toMatchFileSnapshot('../golden/anomalies/markdown.txt');
  });

  it('--fail-on-anomaly exits 3 when a finding is open, 0 when there is none', () => {
    expect(anomalies(['--fail-on-anomaly']).code).toBe(3);
    expect(anomalies(['--fail-on-anomaly', '--min-impact', '1000']).code).toBe(0);
    expect(anomalies(['--fail-on-anomaly', '--until', '2026-11-15']).code).toBe(0);
  });

  it('ack hides the finding on later runs and lets --fail-on-anomaly pass', () => {
    const sandbox = makeSeededSandbox(FIXTURE);
    const [finding] = parse(anomalies(['--format', 'json'], sandbox).stdout).findings;
    const ack = anomalies(['ack', finding?.id ?? '', '--reason', 'planned load test'], sandbox);
    expect(ack.code).toBe(0);
    expect(ack.stderr).toContain(`Acknowledged ${finding?.id ?? ''}: spike in`);
    const after = anomalies(['--format', 'json', '--fail-on-anomaly'], sandbox);
    expect(after.code).toBe(0);
    const json = parse(after.stdout);
    expect(json.findings).toEqual([]);
    expect(json.acknowledged).toEqual([
      {
        id: finding?.id,
        series: finding?.series,
        kind: 'spike',
        start: finding?.start,
        reason: 'planned load test',
      },
    ]);
  });

  it('ack of an unknown id exits 1 and says how to list ids', () => {
    const result = anomalies(['ack', 'ffffffffff', '--reason', 'planned']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('llmcost: no current anomaly has id "ffffffffff"');
  });

  it('the z-score method is selectable', () => {
    const result = anomalies(['--format', 'json', '--method', 'zscore']);
    expect(result.code).toBe(0);
    expect(parse(result.stdout).method).toBe('zscore');
  });

  it('says how much history it needs when there is too little', () => {
    const result = anomalies(['--format', 'json', '--since', '2026-09-28', '--until', '2026-10-05']);
    expect(result.code).toBe(0);
    const json = parse(result.stdout);
    expect(json.findings).toEqual([]);
    expect(json.notes[0]).toMatch(
      /^Too little history to judge: 8 days of usage, and detection needs 14 days/,
    );
  });

  it('treats days after the last usage as missing data, not as a drop', () => {
    const result = anomalies(['--format', 'json', '--as-of', '2026-11-27']);
    expect(result.code).toBe(0);
    const json = parse(result.stdout);
    expect(json.findings.map((finding) => finding.kind)).toEqual(['spike']);
    expect(json.notes).toContain(
      'No usage after 2026-11-23: the 4 days after it are treated as missing data (not yet ingested), not as zero spend.',
    );
  });

  it.each([
    { args: ['--sensitivity', 'extreme'], message: 'expected one of low, medium, high' },
    { args: ['--min-impact', 'lots'], message: 'expected a dollar amount' },
    { args: ['--format', 'csv'], message: 'anomalies prints table, json or md, not csv' },
    { args: ['--currency', 'EUR'], message: 'anomalies reports in USD only' },
    { args: ['ack', 'abc'], message: "required option '--reason <text>' not specified" },
  ])('exits 2 on $args', ({ args, message }) => {
    const result = anomalies(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('exits 1 without a database', () => {
    const result = runLlmcost(['anomalies', '--as-of', AS_OF], makeSandbox());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no database at');
  });
});
