import { describe, expect, it } from 'vitest';
import { detectAnomalies, type AnomalyOptions } from '../../src/anomalies/detect-anomalies.ts';
import { makeDailyCube, weekly, wiggle } from '../helpers/make-cost-cube.ts';

const DAYS = 70;
const OPTIONS: AnomalyOptions = {
  method: 'robust',
  sensitivity: 'medium',
  minImpactUsd: 1,
  reportFromIndex: 42,
  acknowledgedIds: new Set(),
};

/** Three steady streams: two models in two projects, input and output spend. */
const normalStreams = [
  {
    model: 'gpt-4o',
    project: 'support',
    tokenClass: 'input' as const,
    usdOnDay: (d: number) => weekly(40)(d) * wiggle(d, 1, 0.05),
  },
  {
    model: 'gpt-4o',
    project: 'support',
    tokenClass: 'output' as const,
    usdOnDay: (d: number) => weekly(60)(d) * wiggle(d, 2, 0.05),
  },
  {
    model: 'claude-sonnet-4-5',
    project: 'search',
    tokenClass: 'cacheWrite1h' as const,
    usdOnDay: (d: number) => weekly(20)(d) * wiggle(d, 3, 0.05),
  },
  {
    model: 'claude-sonnet-4-5',
    project: 'search',
    tokenClass: 'output' as const,
    usdOnDay: (d: number) => weekly(30)(d) * wiggle(d, 4, 0.05),
  },
];

describe('detectAnomalies', () => {
  it.each([
    { name: 'constant', usdOnDay: () => 50 },
    { name: 'purely weekly', usdOnDay: weekly(50) },
    { name: 'weekly with noise', usdOnDay: (d: number) => weekly(50)(d) * wiggle(d, 7, 0.08) },
    { name: 'weekly with a steady trend', usdOnDay: (d: number) => weekly(50)(d) * (1 + 0.01 * d) },
  ])('finds nothing in a $name series', ({ usdOnDay }) => {
    const cube = makeDailyCube(DAYS, [{ model: 'gpt-4o', project: 'p', tokenClass: 'output', usdOnDay }]);
    const result = detectAnomalies(cube, { ...OPTIONS, minImpactUsd: 0 });
    expect(result.findings).toEqual([]);
    expect(result.belowMinImpact).toEqual([]);
  });

  it('finds a cache-write surge in one model as one finding with that model and class as its cause', () => {
    const streams = normalStreams.map((stream, index) =>
      index === 2
        ? { ...stream, usdOnDay: (d: number) => stream.usdOnDay(d) * (d === 60 || d === 61 ? 8 : 1) }
        : stream,
    );
    const result = detectAnomalies(makeDailyCube(DAYS, streams), OPTIONS);
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding).toMatchObject({ kind: 'spike', direction: 1, startIndex: 60, endIndex: 61 });
    expect(finding?.seriesKey).toContain('tokenClass=cacheWrite1h');
    // 7 × the usual extra on a Friday ($20) and a Saturday ($6.67): about $187.
    expect(finding?.impactUsd).toBeGreaterThan(170);
    expect(finding?.impactUsd).toBeLessThan(205);
    const top = (dimension: string) => finding?.rootCause.find((entry) => entry.dimension === dimension);
    expect(top('model')).toMatchObject({ value: 'claude-sonnet-4-5' });
    expect(top('project')).toMatchObject({ value: 'search' });
    expect(top('tokenClass')).toMatchObject({ value: 'cacheWrite1h' });
    expect(top('model')?.share).toBeGreaterThan(0.95);
  });

  it('finds a project going silent as an ongoing drop', () => {
    const streams = normalStreams.map((stream) =>
      stream.project === 'search'
        ? { ...stream, usdOnDay: (d: number) => (d >= 63 ? 0 : stream.usdOnDay(d)) }
        : stream,
    );
    const result = detectAnomalies(makeDailyCube(DAYS, streams), OPTIONS);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ kind: 'drop', startIndex: 63, endMs: null, actualUsd: 0 });
    expect(result.findings[0]?.rootCause.find((entry) => entry.dimension === 'project')).toMatchObject({
      value: 'search',
      share: 1,
    });
  });

  it('finds a sustained doubling as a level shift measured against the old level', () => {
    const streams = normalStreams.map((stream) =>
      stream.model === 'gpt-4o'
        ? { ...stream, usdOnDay: (d: number) => stream.usdOnDay(d) * (d >= 56 ? 2 : 1) }
        : stream,
    );
    const result = detectAnomalies(makeDailyCube(DAYS, streams), OPTIONS);
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding).toMatchObject({ kind: 'level_shift', startIndex: 56, endMs: null });
    const ratio = (finding?.actualUsd ?? 0) / (finding?.expectedUsd ?? 1);
    expect(ratio).toBeGreaterThan(1.9);
    expect(ratio).toBeLessThan(2.1);
    expect(finding?.rootCause.find((entry) => entry.dimension === 'model')).toMatchObject({
      value: 'gpt-4o',
    });
  });

  it('hides acknowledged findings and those below the minimum impact', () => {
    const streams = normalStreams.map((stream, index) =>
      index === 0 ? { ...stream, usdOnDay: (d: number) => stream.usdOnDay(d) * (d === 60 ? 5 : 1) } : stream,
    );
    const cube = makeDailyCube(DAYS, streams);
    const [finding] = detectAnomalies(cube, OPTIONS).findings;
    expect(finding).toBeDefined();
    const acknowledged = detectAnomalies(cube, { ...OPTIONS, acknowledgedIds: new Set([finding?.id ?? '']) });
    expect(acknowledged.findings).toEqual([]);
    expect(acknowledged.acknowledged.map((entry) => entry.id)).toEqual([finding?.id]);
    const expensive = detectAnomalies(cube, { ...OPTIONS, minImpactUsd: 10_000 });
    expect(expensive.findings).toEqual([]);
    expect(expensive.belowMinImpact).toHaveLength(1);
  });

  it('gives the same ids on every run (acks work across runs)', () => {
    const streams = normalStreams.map((stream, index) =>
      index === 1 ? { ...stream, usdOnDay: (d: number) => stream.usdOnDay(d) * (d === 50 ? 6 : 1) } : stream,
    );
    const first = detectAnomalies(makeDailyCube(DAYS, streams), OPTIONS).findings.map((f) => f.id);
    const second = detectAnomalies(makeDailyCube(DAYS, streams), OPTIONS).findings.map((f) => f.id);
    expect(first).toHaveLength(1);
    expect(second).toEqual(first);
    expect(first[0]).toMatch(/^[0-9a-f]{10}$/);
  });

  it('does not read missing days as a drop', () => {
    const streams = normalStreams.map((stream) => ({
      ...stream,
      usdOnDay: (d: number) => (d >= 50 && d < 55 ? Number.NaN : stream.usdOnDay(d)),
    }));
    const cube = makeDailyCube(DAYS, streams);
    const isMissing = cube.calendar.isMissing.map((_, index) => index >= 50 && index < 55);
    const result = detectAnomalies({ ...cube, calendar: { ...cube.calendar, isMissing } }, OPTIONS);
    expect(result.findings).toEqual([]);
  });

  it('says when the history is too short to judge', () => {
    const cube = makeDailyCube(10, normalStreams);
    const result = detectAnomalies(cube, { ...OPTIONS, reportFromIndex: 0 });
    expect(result.firstJudgedIndex).toBeNull();
    expect(result.requirements.minHistory).toBe(14);
    expect(result.findings).toEqual([]);
  });

  it('learns a month-start pattern after two month starts', () => {
    // 1 February, 1 March and 1 April 2026 are days 27, 55 and 86 after 5 January.
    const monthStarts = new Set([27, 55, 86]);
    const usdOnDay = (d: number) => weekly(50)(d) * wiggle(d, 5, 0.05) * (monthStarts.has(d) ? 3 : 1);
    const cube = makeDailyCube(100, [{ model: 'gpt-4o', project: 'p', tokenClass: 'output', usdOnDay }]);
    const result = detectAnomalies(cube, { ...OPTIONS, reportFromIndex: 0 });
    expect(result.findings.map((finding) => finding.startIndex).sort((a, b) => a - b)).toEqual([27, 55]);
  });
});

describe('robust versus zscore', () => {
  // A weekend day spending a weekday's amount: ordinary for the week as a whole, three times its own
  // weekday's normal. Only a seasonal baseline sees it.
  const streams = [
    {
      model: 'gpt-4o',
      project: 'p',
      tokenClass: 'output' as const,
      usdOnDay: (d: number) => (d === 61 ? 100 : weekly(100)(d) * wiggle(d, 9, 0.05)),
    },
  ];

  it('the robust method finds a spike hidden in the weekly pattern; zscore does not', () => {
    const cube = makeDailyCube(DAYS, streams);
    const robust = detectAnomalies(cube, OPTIONS).findings;
    const zscore = detectAnomalies(cube, { ...OPTIONS, method: 'zscore' }).findings;
    expect(robust.map((finding) => [finding.kind, finding.startIndex])).toEqual([['spike', 61]]);
    expect(zscore).toEqual([]);
  });

  it('zscore flags a level shift only for a few days, then takes it as normal', () => {
    const shifted = [
      { ...streams[0]!, usdOnDay: (d: number) => 100 * (d >= 50 ? 3 : 1) * wiggle(d, 2, 0.02) },
    ];
    const zscore = detectAnomalies(makeDailyCube(DAYS, shifted), {
      ...OPTIONS,
      method: 'zscore',
      reportFromIndex: 0,
    });
    const robust = detectAnomalies(makeDailyCube(DAYS, shifted), { ...OPTIONS, reportFromIndex: 0 });
    expect(robust.findings.map((finding) => [finding.kind, finding.startIndex, finding.endMs])).toEqual([
      ['level_shift', 50, null],
    ]);
    expect(zscore.findings[0]?.endMs).not.toBeNull();
  });
});
