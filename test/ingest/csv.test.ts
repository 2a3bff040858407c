import { describe, expect, it } from 'vitest';
import type { Adapter } from '../../src/ingest/adapter.ts';
import { genericCsvAdapter } from '../../src/ingest/generic-csv.ts';
import { EMPTY_USAGE } from '../../src/model/usage-record.ts';
import { decimalUsdToPico } from '../helpers/decimal-usd-to-pico.ts';
import { firstLinesOf, readFixture } from '../helpers/parse-fixture.ts';

const MAPPING = {
  timestamp: 'Day',
  team: 'Team',
  provider: 'Vendor',
  model: 'Model name',
  inputTokens: 'Prompt tokens',
  cacheReadTokens: 'Cached',
  outputTokens: 'Completion tokens',
  cost: 'Cost (USD)',
};

/** parseText with a column mapping (the shared helper passes none). */
function parseMapped(
  text: string,
  mapping: Readonly<Record<string, string>>,
  adapter: Adapter = genericCsvAdapter,
) {
  const parser = adapter.createParser({ file: 'in.csv', columnMapping: mapping });
  const results = text.split('\n').map((line, index) => parser.parseLine(line, index + 1));
  results.push(parser.finish());
  return {
    records: results.flatMap((result) => result.records ?? []),
    problems: results.flatMap((result) => (result.ok ? [] : result.problems)),
  };
}

describe('csv: a mapped usage.csv', () => {
  const { records, problems } = parseMapped(readFixture('csv/usage.csv'), MAPPING);

  it('reads each row through the mapping: thousands separators, a $ cost, unmapped classes 0', () => {
    expect(problems).toEqual([]);
    expect(records[0]).toEqual({
      ...EMPTY_USAGE,
      dedupKey: expect.stringMatching(/^csv:[0-9a-f]{64}$/) as string,
      occurredAtMs: Date.parse('2026-11-02T00:00:00Z'),
      provider: 'openai',
      model: 'gpt-4o-2024-08-06',
      inputTokens: 1200,
      outputTokens: 300,
      team: 'search',
      reportedCost: { amountPico: decimalUsdToPico('0.006'), currency: 'USD' },
      sourceLine: 2,
    });
    expect(records[1]).toMatchObject({
      provider: 'anthropic',
      cacheReadTokens: 8000,
      reportedCost: { amountPico: decimalUsdToPico('0.00765') },
    });
  });

  it('keys a row by its content when no id is mapped, so an identical row is the same usage', () => {
    expect(records[3]?.dedupKey).toBe(records[0]?.dedupKey);
    expect(new Set(records.map((record) => record.dedupKey)).size).toBe(3);
  });
});

describe('csv: fixed values, ids and problems', () => {
  it('takes a provider that is no column as a fixed value, and keys rows by a mapped id', () => {
    const { records } = parseMapped('When,Id,M,In\n2026-11-02T10:00:00Z,row-7,gpt-4o,5', {
      timestamp: 'When',
      id: 'Id',
      model: 'M',
      provider: 'OpenAI',
      inputTokens: 'In',
    });
    expect(records[0]).toMatchObject({ dedupKey: 'csv:row-7', provider: 'openai', inputTokens: 5 });
  });

  it('names a mapped column missing from the header once, and reads no rows', () => {
    const { records, problems } = parseMapped('Day,Model\n2026-11-02,gpt-4o', {
      timestamp: 'Day',
      model: 'Model',
      provider: 'openai',
      inputTokens: 'Inptu',
    });
    expect(records).toEqual([]);
    expect(problems).toEqual([
      {
        file: 'in.csv',
        line: 1,
        field: null,
        message: '--map inputTokens=Inptu: the header has no column "Inptu" (columns: Day, Model)',
      },
    ]);
  });

  it('reports bad cells under their column names', () => {
    const { records, problems } = parseMapped(readFixture('csv/broken.csv'), MAPPING);
    expect(records.map((record) => record.sourceLine)).toEqual([2]);
    expect(problems.map((problem) => [problem.line, problem.field, problem.message])).toEqual([
      [3, 'Prompt tokens', 'expected a non-negative integer, got "lots"'],
      [4, 'Day', 'expected an ISO 8601 timestamp or Unix seconds, got "13/11/2026"'],
      [5, 'Cost (USD)', 'expected a decimal amount such as 0.0125, got "free"'],
    ]);
  });

  it('is never picked by --from auto', () => {
    expect(genericCsvAdapter.sniff(firstLinesOf('csv/usage.csv'))).toBe(false);
  });
});
