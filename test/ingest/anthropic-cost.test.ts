import { describe, expect, it } from 'vitest';
import { anthropicCostAdapter } from '../../src/ingest/anthropic-cost.ts';
import { EMPTY_USAGE, type UsageRecord } from '../../src/model/usage-record.ts';
import { parseFixture } from '../helpers/parse-fixture.ts';
import { sumUsage } from '../helpers/sum-usage.ts';

const NOV_1 = 1_793_491_200;
const DAY = 86_400;

describe('anthropic-cost: a JSON array of two cost report pages', () => {
  const { records, problems } = parseFixture(anthropicCostAdapter, 'anthropic-cost/cost-report-2026-11.json');

  it('reads amounts in cents as exact dollars: "4.5" cents = $0.045', () => {
    expect(problems).toEqual([]);
    expect(records[0]).toEqual({
      ...EMPTY_USAGE,
      dedupKey:
        `anthropic-cost:${NOV_1}-${NOV_1 + DAY}:description="Claude Sonnet 4.5 Usage - Input Tokens",` +
        'cost_type="tokens",token_type="uncached_input_tokens",model="claude-sonnet-4-5-20250929",' +
        'service_tier="standard",context_window="0-200k"',
      occurredAtMs: Date.parse('2026-11-01T00:00:00Z'),
      provider: 'anthropic',
      model: 'claude-sonnet-4-5-20250929',
      requests: 0,
      serviceTier: 'standard',
      tags: {
        description: 'Claude Sonnet 4.5 Usage - Input Tokens',
        cost_type: 'tokens',
        token_type: 'uncached_input_tokens',
        context_window: '0-200k',
      },
      reportedCost: { amountPico: 45_000_000_000n, currency: 'USD' },
      sourceLine: 8,
    } satisfies UsageRecord);
  });

  it('keeps every digit of a fractional cent and adds up exactly', () => {
    const codeExecution = records.find((record) => record.tags.cost_type === 'code_execution');
    expect(codeExecution).toMatchObject({
      model: '(no model)',
      workspace: 'wrkspc_01Ci',
      reportedCost: { amountPico: 51_234_567_890n, currency: 'USD' },
    });
    // 56.173456789 cents in all.
    expect(sumUsage(records)).toMatchObject({
      records: 11,
      reportedCostPico: 561_734_567_890n,
      inputTokens: 0,
      outputTokens: 0,
      requestsUnknown: 0,
    });
  });

  it('reads the second page of the array, batch lines included', () => {
    expect(records.slice(9).map((record) => [record.occurredAtMs, record.isBatch])).toEqual([
      [Date.parse('2026-11-03T00:00:00Z'), true],
      [Date.parse('2026-11-03T00:00:00Z'), true],
    ]);
  });
});

describe('anthropic-cost: broken.json', () => {
  it('refuses numbers, exponents and unknown currencies, at their lines', () => {
    const { records, problems } = parseFixture(anthropicCostAdapter, 'anthropic-cost/broken.json');
    expect(records.map((record) => record.reportedCost?.amountPico)).toEqual([25_000_000_000n]);
    expect(problems.map(({ line, field, message }) => `${line} ${field}: ${message}`)).toEqual([
      '18 data[0].results[1].amount: expected a decimal string of cents such as "1250.5", got 2.5',
      '29 data[0].results[2].amount: expected a decimal string of cents such as "1250.5", got "1e3"',
      '40 data[0].results[3].currency: expected an ISO 4217 code such as "usd", got "US Dollars"',
    ]);
  });
});

describe('anthropic-cost: sniff', () => {
  it.each([
    ['{"data":[{"starting_at":"2026-11-01T00:00:00Z","results":[{"amount":"1","currency":"USD"}]}]}', true],
    ['{"data":[{"starting_at":"2026-11-01T00:00:00Z","results":[{"uncached_input_tokens":1}]}]}', false],
    ['{"data":[{"starting_at":"2026-11-01T00:00:00Z","results":[]}]}', false],
  ])('%s → %s', (line, expected) => {
    expect(anthropicCostAdapter.sniff([line])).toBe(expected);
  });
});
