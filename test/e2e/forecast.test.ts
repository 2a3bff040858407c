import { describe, expect, it } from 'vitest';
import type { ForecastJson } from '../../src/output/forecast-json.ts';
import { makeSandbox } from '../helpers/run-cli.ts';
import { makeSeededSandbox, runLlmcost } from '../helpers/run-llmcost.ts';

const WEEKLY = ['fixtures/forecast/weekly-usage.jsonl'];
/** The fixture's last day: history is 2026-09-28 … 2026-11-22, the forecast starts 2026-11-23. */
const AS_OF = '2026-11-22';

const forecast = (args: readonly string[]) =>
  runLlmcost(['forecast', '--tz', 'UTC', '--as-of', AS_OF, ...args], makeSeededSandbox(WEEKLY));
const forecastJson = (args: readonly string[] = []): ForecastJson => {
  const result = forecast(['--format', 'json', ...args]);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as ForecastJson;
};

describe('llmcost forecast --format json: the contract', () => {
  it('has method, horizon, points, total and accuracy as issue 7 states', () => {
    const json = forecastJson(['--horizon', '14d']);
    expect(typeof json.method).toBe('string');
    expect(json.horizon).toBe(14);
    expect(json.points).toHaveLength(14);
    expect(Object.keys(json.points[0]!)).toEqual(
      expect.arrayContaining(['period', 'value', 'lower', 'upper']),
    );
    expect(json.points[0]!.period).toBe('2026-11-23');
    expect(json.points[13]!.period).toBe('2026-12-06');
    expect(Object.keys(json.total)).toEqual(['value', 'lower', 'upper']);
    expect(Object.keys(json.accuracy)).toEqual(expect.arrayContaining(['mase', 'smape', 'coverage']));
    expect(json.accuracy.coverage).toBeGreaterThanOrEqual(0);
    expect(json.accuracy.coverage).toBeLessThanOrEqual(1);
  });

  it('the total is the sum of the points, inside its band', () => {
    const json = forecastJson(['--horizon', '14d']);
    const sum = json.points.reduce((total, point) => total + point.value, 0);
    expect(json.total.value).toBeCloseTo(sum, 9);
    expect(json.total.lower!).toBeLessThanOrEqual(json.total.upper!);
    for (const point of json.points) expect(point.lower!).toBeLessThanOrEqual(point.upper!);
  });

  it('a weekly pattern is seen: forecast weekends are below forecast weekdays', () => {
    const json = forecastJson(['--horizon', '7d']);
    const byDay = new Map(json.points.map((point) => [point.period, point.value]));
    expect(byDay.get('2026-11-28')!).toBeLessThan(byDay.get('2026-11-25')! / 2);
    expect(json.pattern.traits).toContain('seasonal');
  });

  it('history: 56 days, one without usage reported as a gap', () => {
    const json = forecastJson();
    expect(json.history.periods).toBe(56);
    expect(json.history.emptyPeriods).toBe(1);
    expect(json.notes.map((note) => note.kind)).toContain('gaps');
    expect(json.horizon).toBe(30);
  });

  it('unpriced usage is listed, not costed', () => {
    const json = forecastJson();
    expect(json.unpriced).toEqual([
      expect.objectContaining({ provider: 'acme', model: 'acme-llm-1', records: 4 }),
    ]);
  });

  it('--growth scales the total; --interval changes the band', () => {
    const json = forecastJson(['--growth', '25%', '--growth', '+100%', '--interval', '95']);
    expect(json.interval).toBe(95);
    expect(json.scenarios.map((scenario) => scenario.growth)).toEqual([0.25, 1]);
    expect(json.scenarios[1]!.total.value).toBeCloseTo(2 * json.total.value, 9);
    const narrow = forecastJson(['--interval', '50']);
    expect(narrow.total.upper! - narrow.total.lower!).toBeLessThanOrEqual(
      json.total.upper! - json.total.lower!,
    );
  });

  it('--group-by forecasts each group with priced spend, largest first', () => {
    const json = forecastJson(['--group-by', 'project', '--horizon', '7d']);
    expect(json.groups.map((group) => group.group.project)).toEqual(['code-review', 'support-bot']);
    expect(json.groups[0]!.history.total).toBeGreaterThan(json.groups[1]!.history.total);
    for (const group of json.groups) expect(group.points).toHaveLength(7);
  });

  it('--by hour with --horizon 48h, --method picks one method', () => {
    const json = forecastJson(['--horizon', '48h', '--method', 'seasonal-naive:168']);
    expect(json.by).toBe('hour');
    expect(json.points).toHaveLength(48);
    expect(json.points[0]!.period).toBe('2026-11-23 00:00');
    expect(json.method).toBe('seasonal-naive:168');
  });

  it('--as-of inside a day: that day is the first forecast period, its spend so far reported', () => {
    const json = forecastJson(['--as-of', '2026-11-20T13:00:00Z', '--horizon', '3d']);
    expect(json.points.map((point) => point.period)).toEqual(['2026-11-20', '2026-11-21', '2026-11-22']);
    expect(json.spentInCurrentPeriod).toBeGreaterThan(0);
  });

  it('--until forecasts up to that date, inclusive', () => {
    expect(forecastJson(['--until', '2026-11-30']).horizon).toBe(8);
  });
});

describe('llmcost forecast: text formats', () => {
  it('table: accuracy card, unpriced usage, and a chart that fits 100 columns', async () => {
    const result = forecast(['--horizon', '14d', '--growth', '25%', '--chart']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Accuracy on this history (backtest');
    expect(result.stdout).toContain('acme/acme-llm-1: 4 records');
    expect(result.stdout).toContain('^ forecast from 2026-11-23');
    for (const line of result.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    await expect(result.stdout).toMatchFileSnapshot('../golden/forecast/table-14d-chart.txt');
  });

  it('csv: one row per period and a total row', () => {
    const lines = forecast(['--format', 'csv', '--horizon', '7d']).stdout.trim().split('\n');
    expect(lines[0]).toBe('series,period,period_start,value_usd,lower_usd,upper_usd,method');
    expect(lines).toHaveLength(1 + 7 + 1);
    expect(lines[8]).toMatch(/^total,total,,/);
  });

  it('md: a Markdown table', () => {
    const result = forecast(['--format', 'md', '--horizon', '7d']);
    expect(result.stdout).toContain('| Period | Forecast | 80% low | 80% high |');
  });
});

describe('llmcost forecast: errors', () => {
  it.each([
    { name: 'bad --horizon', args: ['--horizon', '10x'], message: 'expected <n><h|d|w|m>' },
    {
      name: '--horizon and --until',
      args: ['--horizon', '7d', '--until', '2026-12-01'],
      message: 'not both',
    },
    { name: 'unknown --method', args: ['--method', 'prophet'], message: '--method: expected auto or one of' },
    { name: 'bad --interval', args: ['--interval', '120'], message: 'between 0 and 100' },
    { name: 'bad --growth', args: ['--growth', 'lots'], message: 'growth percentage' },
    { name: 'another currency', args: ['--currency', 'EUR'], message: 'forecast reports in USD only' },
    { name: 'bad --by', args: ['--by', 'month'], message: 'expected one of hour, day, week' },
    {
      name: '--until before --as-of',
      args: ['--until', '2026-11-01'],
      message: '--until must be after --as-of',
    },
  ])('$name exits 2', ({ args, message }) => {
    const result = forecast(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('no usage before --as-of exits 1', () => {
    const result = runLlmcost(['forecast', '--as-of', '2026-01-01'], makeSeededSandbox(WEEKLY));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nothing to forecast from');
  });

  it('no database exits 1', () => {
    const result = runLlmcost(['forecast', '--as-of', AS_OF], makeSandbox());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no database');
  });
});
