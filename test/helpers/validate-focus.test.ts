import { describe, expect, it } from 'vitest';
import { validateFocusCsv } from './validate-focus.ts';

// A hand-written FOCUS 1.2 file (not the exporter's output), so the validator is tested on its own:
// the mandatory columns, a few conditional ones and one custom column, two usage rows.
const HEADER = [
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'EffectiveCost',
  'InvoiceIssuerName',
  'ListCost',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'ServiceCategory',
  'ServiceName',
  'ServiceSubcategory',
  'SkuId',
  'Tags',
  'x_Model',
];
const ROW: Record<string, string> = {
  BilledCost: '0.0125',
  BillingAccountId: 'acct-1',
  BillingAccountName: 'Acme',
  BillingCurrency: 'USD',
  BillingPeriodEnd: '2026-12-01T00:00:00Z',
  BillingPeriodStart: '2026-11-01T00:00:00Z',
  ChargeCategory: 'Usage',
  ChargeClass: '',
  ChargeDescription: 'gpt-4o output tokens',
  ChargePeriodEnd: '2026-11-03T00:00:00Z',
  ChargePeriodStart: '2026-11-02T00:00:00Z',
  ConsumedQuantity: '1250',
  ConsumedUnit: 'Tokens',
  ContractedCost: '0.0125',
  EffectiveCost: '0.0125',
  InvoiceIssuerName: 'OpenAI',
  ListCost: '0.0125',
  PricingQuantity: '0.00125',
  PricingUnit: '1000000 Tokens',
  ProviderName: 'OpenAI',
  PublisherName: 'OpenAI',
  ServiceCategory: 'AI and Machine Learning',
  ServiceName: 'OpenAI API',
  ServiceSubcategory: 'Generative AI',
  SkuId: 'openai/gpt-4o/output',
  Tags: '"{""team"":""search"",""cached"":true}"',
  x_Model: 'gpt-4o',
};

function csv(header: readonly string[], rows: readonly Record<string, string>[]): string {
  return [header.join(','), ...rows.map((row) => header.map((name) => row[name] ?? '').join(','))]
    .map((line) => `${line}\n`)
    .join('');
}

describe('validateFocusCsv', () => {
  it('accepts a conforming file', () => {
    const result = validateFocusCsv(
      csv(HEADER, [ROW, { ...ROW, BilledCost: '-3', ChargeClass: 'Correction' }]),
    );
    expect(result).toEqual({ ok: true, rows: 2, problems: [] });
  });

  it.each([
    ['BilledCost', '1e-3', 'BilledCost: expected a decimal'],
    ['BilledCost', '+1.5', 'BilledCost: expected a decimal'],
    ['BilledCost', '"1,000.5"', 'BilledCost: expected a decimal'],
    ['ListCost', '$1.50', 'ListCost: expected a decimal'],
    ['BilledCost', '', 'BilledCost: must not be null'],
    ['ChargePeriodStart', '2026-11-02T00:00:00.000Z', 'ChargePeriodStart: expected a UTC date/time'],
    ['ChargePeriodStart', '2026-11-02T00:00:00+01:00', 'ChargePeriodStart: expected a UTC date/time'],
    ['BillingPeriodStart', '2026-02-30T00:00:00Z', 'BillingPeriodStart: expected a UTC date/time'],
    ['BillingCurrency', 'usd', 'BillingCurrency: expected an ISO 4217 code'],
    ['ChargeCategory', 'usage', 'ChargeCategory: "usage" is not an allowed value'],
    ['ChargeClass', 'Refund', 'ChargeClass: "Refund" is not an allowed value'],
    ['ServiceCategory', 'AI', 'ServiceCategory: "AI" is not an allowed value'],
    ['ServiceSubcategory', 'Databases', 'ServiceSubcategory: "Databases" is not an allowed value'],
    ['ServiceSubcategory', 'Relational', 'ServiceSubcategory: Relational is not a subcategory of AI'],
    ['Tags', '"[""a""]"', 'Tags: expected a JSON object'],
    ['Tags', '"{""a"":{""b"":1}}"', 'Tags: the value of "a" is an object or array'],
    ['Tags', '{team:search}', 'Tags: not JSON'],
    ['PricingUnit', '', 'PricingUnit: must be null exactly when PricingQuantity is null'],
    ['PricingUnit', '1M tokens', 'PricingUnit: "1M tokens" does not follow the Unit Format'],
    ['PricingQuantity', '', 'PricingQuantity: must not be null for Usage charges'],
    ['SkuId', '', 'SkuId: must not be null for Usage charges'],
    ['ConsumedQuantity', '0', 'ConsumedQuantity: must be a positive decimal for usage'],
    ['ConsumedUnit', '', 'ConsumedUnit: must be null exactly when ConsumedQuantity is null'],
    ['ChargeDescription', ' ', 'ChargeDescription: whitespace-only string'],
    ['ChargePeriodEnd', '2026-11-02T00:00:00Z', 'ChargePeriodEnd: must be after ChargePeriodStart'],
    ['ChargePeriodEnd', '2026-12-02T00:00:00Z', 'ChargePeriodEnd: after the billing period'],
    ['ChargePeriodStart', '2026-10-31T00:00:00Z', 'ChargePeriodStart: before the billing period'],
  ])('rejects %s = %s', (column, value, problem) => {
    const result = validateFocusCsv(csv(HEADER, [ROW, { ...ROW, [column]: value }]));
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toContain(problem);
  });

  it('rejects a tax row with a pricing quantity', () => {
    const tax = { ...ROW, ChargeCategory: 'Tax', ConsumedQuantity: '', ConsumedUnit: '', SkuId: '' };
    expect(validateFocusCsv(csv(HEADER, [tax])).problems).toEqual([
      'row 1, PricingQuantity: must be null when ChargeCategory is Tax',
    ]);
  });

  it.each([
    [
      'a missing mandatory column',
      HEADER.filter((name) => name !== 'ListCost'),
      'mandatory column ListCost is missing',
    ],
    [
      'FOCUS columns out of order',
      ['BillingAccountId', ...HEADER.filter((name) => name !== 'BillingAccountId')],
      'not sorted',
    ],
    [
      'a custom column before FOCUS ones',
      ['x_Model', ...HEADER.filter((name) => name !== 'x_Model')],
      'before all custom',
    ],
    [
      'an unknown column without x_',
      [...HEADER.slice(0, -1), 'Team', 'x_Model'],
      'Team is not a FOCUS 1.2 column',
    ],
    ['a duplicated column', [...HEADER, 'x_Model'], 'x_Model appears twice'],
  ])('rejects %s', (_, header, problem) => {
    const result = validateFocusCsv(csv(header, [ROW]));
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toContain(problem);
  });

  it('rejects a row with a cell too many', () => {
    const text = `${csv(HEADER, [ROW])}${csv(HEADER, [ROW]).split('\n')[1] ?? ''},extra\n`;
    expect(validateFocusCsv(text).problems).toContain(`row 2: 28 cells for 27 columns`);
  });
});
