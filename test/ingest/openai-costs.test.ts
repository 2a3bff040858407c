import { describe, expect, it } from 'vitest';
import { openaiCostsAdapter } from '../../src/ingest/openai-costs.ts';
import { EMPTY_USAGE, type UsageRecord } from '../../src/model/usage-record.ts';
import { parseFixture, parseText } from '../helpers/parse-fixture.ts';
import { sumUsage } from '../helpers/sum-usage.ts';

const NOV_1 = 1_793_491_200;
const DAY = 86_400;

describe('openai-costs: a pretty-printed Costs API page', () => {
  const { records, problems } = parseFixture(openaiCostsAdapter, 'openai-costs/costs-2026-11-01.json');

  it('reads one record per cost line: no tokens, the stated cost exact, the model from line_item', () => {
    expect(problems).toEqual([]);
    expect(records[0]).toEqual({
      ...EMPTY_USAGE,
      dedupKey: `openai-costs:${NOV_1}-${NOV_1 + DAY}:line_item="gpt-4o-2024-08-06, input",project_id="proj_support"`,
      occurredAtMs: Date.parse('2026-11-01T00:00:00Z'),
      provider: 'openai',
      model: 'gpt-4o-2024-08-06',
      requests: 0,
      project: 'proj_support',
      tags: { line_item: 'gpt-4o-2024-08-06, input', quantity: '80000', quantity_unit: 'tokens' },
      reportedCost: { amountPico: 200_000_000_000n, currency: 'USD' },
      sourceLine: 9,
    } satisfies UsageRecord);
    // A string amount ("0.176") is read as exactly as a number.
    expect(records[3]?.reportedCost).toEqual({ amountPico: 176_000_000_000n, currency: 'USD' });
  });

  it('adds up to the page total, $0.756, to the pico-dollar, with no tokens', () => {
    expect(sumUsage(records)).toMatchObject({
      records: 5,
      reportedCostPico: 756_000_000_000n,
      inputTokens: 0,
      outputTokens: 0,
      requests: 0,
      requestsUnknown: 0,
    });
  });

  it('reads the dashboard cost CSV (16-decimal amounts) as the same lines, organization as tags', () => {
    const csv = parseFixture(openaiCostsAdapter, 'openai-costs/cost_2026-11-01_2026-11-03.csv');
    expect(csv.problems).toEqual([]);
    expect(csv.records.map((record) => [record.dedupKey, record.reportedCost])).toEqual(
      records.map((record) => [record.dedupKey, record.reportedCost]),
    );
    expect(csv.records[0]?.tags).toEqual({
      line_item: 'gpt-4o-2024-08-06, input',
      organization_id: 'org-7Hq2LmN4',
      organization_name: 'Acme Robotics',
    });
  });
});

describe('openai-costs: broken.json', () => {
  it('keeps the good line and reports the bad ones at their lines', () => {
    const { records, problems } = parseFixture(openaiCostsAdapter, 'openai-costs/broken.json');
    expect(records.map((record) => record.reportedCost?.amountPico)).toEqual([250_000_000_000n]);
    expect(problems.map(({ line, field, message }) => `${line} ${field}: ${message}`)).toEqual([
      '18 data[0].results[1].amount.value: expected a decimal number, got "abc"',
      '27 data[0].results[2].amount.currency: expected an ISO 4217 code such as "usd", got "dollars"',
      '36 data[0].results[3].amount: expected an object {"value", "currency"}, got nothing',
      '41 data[0].results[4].object: expected "organization.costs.result", got "organization.usage.completions.result" (a Usage API page: use --from openai-usage)',
    ]);
  });

  it('says a JSON file is not a CSV and stops there', () => {
    const { problems } = parseText(openaiCostsAdapter, 'not,a,page\n1,2,3\n', 'x.csv');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^expected the columns of an OpenAI cost CSV export/);
  });
});

describe('openai-costs: sniff', () => {
  it.each([
    [
      '{"object":"page","data":[{"object":"bucket","results":[{"object":"organization.costs.result"}]}]}',
      true,
    ],
    ['start_time,end_time,start_time_iso,end_time_iso,amount_value,amount_currency,line_item', true],
    ['start_time,end_time,start_time_iso,end_time_iso', false],
    [
      '{"object":"page","data":[{"object":"bucket","results":[{"object":"organization.usage.completions.result"}]}]}',
      false,
    ],
  ])('%s → %s', (line, expected) => {
    expect(openaiCostsAdapter.sniff([line])).toBe(expected);
  });
});
