import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { FocusLine } from '../../src/analysis/build-focus-lines.ts';
import { FOCUS_COLUMNS, toFocusRow } from '../../src/output/focus-row.ts';
import { renderFocusCsvHeader, renderFocusCsvRows } from '../../src/output/render-focus-csv.ts';

function line(overrides: Partial<FocusLine> = {}): FocusLine {
  return {
    lineClass: 'input',
    chargePeriodStartMs: Date.parse('2026-11-02T00:00:00Z'),
    chargePeriodEndMs: Date.parse('2026-11-03T00:00:00Z'),
    billingPeriodStartMs: Date.parse('2026-11-01T00:00:00Z'),
    billingPeriodEndMs: Date.parse('2026-12-01T00:00:00Z'),
    key: {
      provider: 'openai',
      model: 'gpt-4o',
      project: null,
      team: null,
      user: null,
      apiKey: null,
      workspace: null,
      tags: {},
    },
    parties: { providerName: 'OpenAI', publisherName: 'OpenAI' },
    skuModel: 'openai/gpt-4o',
    consumedQuantity: 12_345n,
    costPico: 30_862_500_000n,
    contractedPico: 30_862_500_000n,
    listPico: 30_862_500_000n,
    costCenter: null,
    ...overrides,
  };
}

describe('FOCUS CSV', () => {
  it('lists FOCUS columns sorted by Column ID, then the x_ columns sorted', () => {
    const focus = FOCUS_COLUMNS.filter((column) => !column.startsWith('x_'));
    const custom = FOCUS_COLUMNS.filter((column) => column.startsWith('x_'));
    expect([...focus, ...custom]).toEqual(FOCUS_COLUMNS);
    expect(focus).toEqual([...focus].sort());
    expect(custom).toEqual(['x_CostCenter', 'x_Model', 'x_TokenClass']);
    expect(renderFocusCsvHeader()).toBe(`${FOCUS_COLUMNS.join(',')}\n`);
  });

  it('writes one input-token line with the spec values', () => {
    expect(toFocusRow(line())).toEqual({
      BilledCost: '0.0308625',
      BillingAccountId: 'openai',
      BillingAccountName: 'OpenAI',
      BillingCurrency: 'USD',
      BillingPeriodEnd: '2026-12-01T00:00:00Z',
      BillingPeriodStart: '2026-11-01T00:00:00Z',
      ChargeCategory: 'Usage',
      ChargeClass: null,
      ChargeDescription: 'gpt-4o input tokens',
      ChargeFrequency: 'Usage-Based',
      ChargePeriodEnd: '2026-11-03T00:00:00Z',
      ChargePeriodStart: '2026-11-02T00:00:00Z',
      ConsumedQuantity: '12345',
      ConsumedUnit: 'Tokens',
      ContractedCost: '0.0308625',
      EffectiveCost: '0.0308625',
      InvoiceIssuerName: 'OpenAI',
      ListCost: '0.0308625',
      PricingQuantity: '0.012345',
      PricingUnit: '1000000 Tokens',
      ProviderName: 'OpenAI',
      PublisherName: 'OpenAI',
      ResourceId: null,
      ServiceCategory: 'AI and Machine Learning',
      ServiceName: 'OpenAI API',
      ServiceSubcategory: 'Generative AI',
      SkuId: 'openai/gpt-4o/input',
      Tags: null,
      x_CostCenter: null,
      x_Model: 'gpt-4o',
      x_TokenClass: 'input',
    });
  });

  it.each<[string, Partial<FocusLine>, Record<string, string | null>]>([
    ['a pico-dollar', { costPico: 1n }, { BilledCost: '0.000000000001', EffectiveCost: '0.000000000001' }],
    ['whole dollars', { listPico: 12_000_000_000_000n }, { ListCost: '12' }],
    ['a negative amount', { contractedPico: -500_000_000_000n }, { ContractedCost: '-0.5' }],
    [
      'a million tokens',
      { consumedQuantity: 1_000_000n },
      { PricingQuantity: '1', ConsumedQuantity: '1000000' },
    ],
    [
      'web searches per thousand',
      { lineClass: 'web-search', consumedQuantity: 2_500n },
      {
        PricingQuantity: '2.5',
        PricingUnit: '1000 Searches',
        ConsumedUnit: 'Searches',
        SkuId: 'openai/gpt-4o/web-search',
      },
    ],
    [
      'a stated cost line',
      { lineClass: 'stated-cost', consumedQuantity: 3n },
      { PricingQuantity: '3', PricingUnit: 'Units', ConsumedUnit: 'Units', x_TokenClass: 'stated-cost' },
    ],
    [
      "attribution as tags, the record's own keys unaltered",
      {
        key: {
          ...line().key,
          project: 'search',
          team: 'ml',
          user: '',
          apiKey: 'key_1',
          workspace: 'ws',
          tags: { env: 'prod' },
        },
        costCenter: 'CC-7',
      },
      {
        Tags: '{"env":"prod","llmcost/project":"search","llmcost/team":"ml","llmcost/workspace":"ws"}',
        ResourceId: 'key_1',
        x_CostCenter: 'CC-7',
      },
    ],
  ])('formats %s', (_, overrides, expected) => {
    expect(toFocusRow(line(overrides))).toMatchObject(expected);
  });

  it('quotes per RFC 4180 and neutralises formulas in text from the logs only', () => {
    const text = renderFocusCsvRows([
      line({
        key: { ...line().key, model: '=cmd()', apiKey: '+1', tags: { note: 'a, "b"\nc' } },
        skuModel: 'openai/=cmd()',
        costPico: -1_000_000_000_000n,
      }),
    ]);
    const [row] = Papa.parse<Record<string, string>>(`${renderFocusCsvHeader()}${text}`.trim(), {
      header: true,
    }).data;
    expect(row).toMatchObject({
      BilledCost: '-1',
      x_Model: "'=cmd()",
      ChargeDescription: "'=cmd() input tokens",
      ResourceId: "'+1",
      SkuId: 'openai/=cmd()/input',
      ChargeClass: '',
    });
    expect(JSON.parse(row!.Tags!)).toEqual({ note: 'a, "b"\nc' });
    expect(text).toContain('"{""note"":""a, \\""b\\""\\nc""}"');
  });

  it('writes nothing for no lines', () => {
    expect(renderFocusCsvRows([])).toBe('');
  });
});
