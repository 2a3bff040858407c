import { describe, expect, it } from 'vitest';
import { allocateChargeback } from '../../src/chargeback/allocate-chargeback.ts';
import { buildInvoice } from '../../src/chargeback/build-invoice.ts';
import { hashChargebackConfig } from '../../src/chargeback/hash-chargeback-config.ts';
import { PICO_PER_USD } from '../../src/model/money.ts';
import { makeChargebackConfig, makeChargebackUsage } from '../helpers/make-chargeback.ts';

const USD = PICO_PER_USD;
const CONFIG_JSON = {
  costCenters: { 'CC-1': { name: 'Search' }, 'CC-2': {} },
  rules: [
    { costCenter: 'CC-1', match: { team: 'search' } },
    { costCenter: 'CC-2', match: { team: 'ads' } },
  ],
  pools: [{ name: 'platform', amount: 30, method: 'even' }],
  adjustments: [
    { kind: 'tax', percent: 10 },
    { kind: 'discount', percent: 50, costCenters: ['CC-1'] },
  ],
};

describe('buildInvoice', () => {
  const statement = allocateChargeback({
    period: '2026-10',
    chargeback: makeChargebackConfig(CONFIG_JSON),
    usage: [
      makeChargebackUsage(40n * USD, { team: 'search', project: 'ranker' }, { model: 'gpt-4o' }),
      makeChargebackUsage(30n * USD, { team: 'search', project: 'ranker' }, { model: 'gpt-4o' }),
      makeChargebackUsage(20n * USD, { team: 'search', project: 'summaries' }, { model: 'o3' }),
      makeChargebackUsage(5n * USD, { team: 'ads' }),
    ],
    weighTokenClasses: () => [3, 0, 0, 0, 1, 0],
  });

  it('lists usage by project and model, largest first, then shares, adjustments, tax and total', () => {
    const invoice = buildInvoice(statement, 'CC-1');
    expect(invoice?.usageLines.map((line) => [line.project, line.model, line.amountPico / USD])).toEqual([
      ['ranker', 'gpt-4o', 70n],
      ['summaries', 'o3', 20n],
    ]);
    expect(
      invoice?.sharedLines.map((line) => [line.pool, line.method, line.share, line.amountPico / USD]),
    ).toEqual([['platform', 'even', 0.5, 15n]]);
    // (90 + 15) × 50% discount = -52.50; tax 10% of 52.50 = 5.25; total 57.75.
    expect(invoice?.adjustmentLines.map((line) => [line.kind, Number(line.amountPico) / 1e12])).toEqual([
      ['discount', -52.5],
    ]);
    expect(Number(invoice?.subtotalPico) / 1e12).toBe(52.5);
    expect(invoice?.taxLines.map((line) => Number(line.amountPico) / 1e12)).toEqual([5.25]);
    expect(Number(invoice?.totalPico) / 1e12).toBe(57.75);
    expect(invoice?.totalPico).toBe(statement.rows[0]?.totalPico);
  });

  it('is null for a cost center the statement does not have', () => {
    expect(buildInvoice(statement, 'CC-9')).toBeNull();
  });
});

describe('hashChargebackConfig', () => {
  it('changes with the rules and not with how the file spells the same rules', () => {
    const hash = hashChargebackConfig(makeChargebackConfig(CONFIG_JSON));
    expect(hash).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(hashChargebackConfig(makeChargebackConfig(CONFIG_JSON), [])).toBe(hash);
    expect(
      hashChargebackConfig(makeChargebackConfig(CONFIG_JSON), [
        { team: 'search', where: [{ dimension: 'project', value: 'search-*' }] },
      ]),
    ).not.toBe(hash);
    expect(
      hashChargebackConfig(
        makeChargebackConfig({
          ...CONFIG_JSON,
          pools: [{ name: 'platform', amount: '30.00', method: 'even' }],
        }),
      ),
    ).toBe(hash);
    expect(
      hashChargebackConfig(
        makeChargebackConfig({ ...CONFIG_JSON, pools: [{ name: 'platform', amount: 31, method: 'even' }] }),
      ),
    ).not.toBe(hash);
  });
});
