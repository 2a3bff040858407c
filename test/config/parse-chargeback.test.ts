import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.ts';

const COST_CENTERS = {
  'CC-100': { name: 'Search', department: 'Product' },
  'CC-200': { name: 'Research', department: 'R&D' },
  'CC-300': { department: 'R&D' },
};

function problemsOf(chargeback: unknown): readonly string[] {
  const result = validateConfig({ chargeback });
  return result.ok ? [] : result.problems;
}

describe('validateConfig: chargeback', () => {
  it('reads cost centers, rules, pools and adjustments with exact amounts and rates', () => {
    const result = validateConfig({
      chargeback: {
        costCenters: COST_CENTERS,
        rules: [
          { costCenter: 'CC-100', match: { team: 'search' } },
          { costCenter: 'CC-200', match: { project: ['research-*', 'lab'], 'tag:env': 'prod' } },
        ],
        pools: [
          { name: 'platform', amount: 1200, method: 'proportional' },
          {
            name: 'evals',
            match: { 'tag:purpose': 'eval' },
            method: 'even',
            costCenters: ['CC-100', 'CC-200'],
          },
          {
            name: 'untagged',
            from: 'unallocated',
            method: 'fixed',
            weights: { 'CC-100': 3, 'CC-300': '1.5' },
          },
        ],
        adjustments: [
          { kind: 'markup', percent: 5 },
          { kind: 'tax', percent: '19.25%', costCenters: ['CC-300'], label: 'VAT' },
          { kind: 'tiered', bands: [{ upTo: 1000, percent: 8 }, { percent: -2.5 }] },
          { kind: 'credit', amount: '49.99', period: '2026-10', costCenters: ['CC-100'] },
          { kind: 'prepaid', balance: '$2000', since: '2026-09' },
        ],
      },
    });
    expect(result).toEqual({
      ok: true,
      warnings: [],
      config: {
        chargeback: {
          costCenters: [
            { id: 'CC-100', name: 'Search', department: 'Product' },
            { id: 'CC-200', name: 'Research', department: 'R&D' },
            { id: 'CC-300', name: 'CC-300', department: 'R&D' },
          ],
          rules: [
            { costCenter: 'CC-100', conditions: [{ attribute: 'team', patterns: ['search'] }] },
            {
              costCenter: 'CC-200',
              conditions: [
                { attribute: 'project', patterns: ['research-*', 'lab'] },
                { attribute: 'tag:env', patterns: ['prod'] },
              ],
            },
          ],
          pools: [
            {
              name: 'platform',
              source: { kind: 'amount', amountPico: 1_200_000_000_000_000n },
              method: { kind: 'proportional' },
              costCenters: ['CC-100', 'CC-200', 'CC-300'],
            },
            {
              name: 'evals',
              source: { kind: 'usage', conditions: [{ attribute: 'tag:purpose', patterns: ['eval'] }] },
              method: { kind: 'even' },
              costCenters: ['CC-100', 'CC-200'],
            },
            {
              name: 'untagged',
              source: { kind: 'unallocated' },
              method: {
                kind: 'fixed',
                weights: new Map([
                  ['CC-100', 3_000_000_000_000n],
                  ['CC-300', 1_500_000_000_000n],
                ]),
              },
              costCenters: ['CC-100', 'CC-300'],
            },
          ],
          adjustments: [
            {
              kind: 'markup',
              rate: { ratePpt: 50_000_000_000n, percentText: '5' },
              label: 'Markup 5%',
              costCenters: ['CC-100', 'CC-200', 'CC-300'],
            },
            {
              kind: 'tax',
              rate: { ratePpt: 192_500_000_000n, percentText: '19.25' },
              label: 'VAT',
              costCenters: ['CC-300'],
            },
            {
              kind: 'tiered',
              bands: [
                { upToPico: 1_000_000_000_000_000n, rate: { ratePpt: 80_000_000_000n, percentText: '8' } },
                { upToPico: null, rate: { ratePpt: -25_000_000_000n, percentText: '-2.5' } },
              ],
              label: 'Volume tiers',
              costCenters: ['CC-100', 'CC-200', 'CC-300'],
            },
            {
              kind: 'credit',
              amountPico: 49_990_000_000_000n,
              period: '2026-10',
              label: 'Credit',
              costCenters: ['CC-100'],
            },
            {
              kind: 'prepaid',
              balancePico: 2_000_000_000_000_000n,
              since: '2026-09',
              label: 'Prepaid balance since 2026-09',
              costCenters: ['CC-100', 'CC-200', 'CC-300'],
            },
          ],
        },
      },
    });
  });

  it.each([
    [
      'a misspelt top-level field',
      { costCenters: COST_CENTERS, rule: [] },
      ['"chargeback.rule": unknown field; did you mean "rules"?'],
    ],
    [
      'no cost centers',
      { rules: [] },
      [
        '"chargeback.costCenters": expected an object of <id>: { "name": …, "department": … } with at least one cost center, got undefined',
      ],
    ],
    [
      'the reserved Unallocated id',
      { costCenters: { unallocated: {} } },
      [
        '"chargeback.costCenters.unallocated": "Unallocated" is the bucket for unmatched usage; choose another id',
      ],
    ],
    [
      'a misspelt cost center field',
      { costCenters: { 'CC-1': { departmnt: 'R&D' } } },
      ['"chargeback.costCenters.CC-1.departmnt": unknown field; did you mean "department"?'],
    ],
    [
      'a rule naming an undeclared cost center',
      { costCenters: COST_CENTERS, rules: [{ costCenter: 'CC-10', match: { team: 'a' } }] },
      [
        '"chargeback.rules[0].costCenter": no cost center "CC-10" in chargeback.costCenters; did you mean "CC-100"?',
      ],
    ],
    [
      'a misspelt attribute and an empty value list',
      { costCenters: COST_CENTERS, rules: [{ costCenter: 'CC-100', match: { teem: 'a', project: [] } }] },
      [
        '"chargeback.rules[0].match.teem": unknown attribute; did you mean "team"?',
        '"chargeback.rules[0].match.project": expected a value or a list of values ("*" matches any text), got []',
      ],
    ],
    [
      'a misspelt rule field',
      { costCenters: COST_CENTERS, rules: [{ costCenter: 'CC-100', matches: { team: 'a' } }] },
      [
        '"chargeback.rules[0].matches": unknown field; did you mean "match"?',
        '"chargeback.rules[0].match": expected an object of <attribute>: <value or list of values> such as { "team": "search" }, got undefined',
      ],
    ],
    [
      'a pool with two sources',
      { costCenters: COST_CENTERS, pools: [{ name: 'p', amount: 5, from: 'unallocated', method: 'even' }] },
      [
        '"chargeback.pools[0]": give exactly one of "amount" (a fixed monthly amount), "match" (usage by attribute or tag) or "from": "unallocated", not "amount" and "from"',
      ],
    ],
    [
      'an unknown split method',
      { costCenters: COST_CENTERS, pools: [{ name: 'p', amount: 5, method: 'evenly' }] },
      ['"chargeback.pools[0].method": expected one of proportional, even, fixed, got "evenly"'],
    ],
    [
      'fixed weights that are all zero',
      {
        costCenters: COST_CENTERS,
        pools: [{ name: 'p', amount: 5, method: 'fixed', weights: { 'CC-100': 0 } }],
      },
      ['"chargeback.pools[0].weights": at least one weight must be above 0'],
    ],
    [
      'two pools with one name and two unallocated pools',
      {
        costCenters: COST_CENTERS,
        pools: [
          { name: 'p', from: 'unallocated', method: 'even' },
          { name: 'p', from: 'unallocated', method: 'even' },
        ],
      },
      [
        '"chargeback.pools": two pools are named "p"',
        '"chargeback.pools": only one pool can take "from": "unallocated"',
      ],
    ],
    [
      'a misspelt adjustment kind',
      { costCenters: COST_CENTERS, adjustments: [{ kind: 'taxes', percent: 19 }] },
      [
        '"chargeback.adjustments[0].kind": expected one of markup, discount, tiered, credit, prepaid, tax, got "taxes"; did you mean "tax"?',
      ],
    ],
    [
      'a discount above 100 %',
      { costCenters: COST_CENTERS, adjustments: [{ kind: 'discount', percent: 120 }] },
      [
        '"chargeback.adjustments[0].percent": expected a percentage from 0 to 100 (at most 6 decimals) such as 19 or 7.5, got 120',
      ],
    ],
    [
      'a credit without an amount and with a bad month',
      { costCenters: COST_CENTERS, adjustments: [{ kind: 'credit', period: '2026-13' }] },
      [
        '"chargeback.adjustments[0].amount": missing',
        '"chargeback.adjustments[0].period": expected a month such as "2026-10", got "2026-13"',
      ],
    ],
    [
      'tiered bands that do not rise and a closed last band',
      {
        costCenters: COST_CENTERS,
        adjustments: [
          {
            kind: 'tiered',
            bands: [
              { upTo: 500, percent: 5 },
              { upTo: 100, percent: 2 },
            ],
          },
        ],
      },
      ['"chargeback.adjustments[0].bands[1].upTo": the last band is open-ended; drop "upTo"'],
    ],
    [
      'tiered bands that do not rise',
      {
        costCenters: COST_CENTERS,
        adjustments: [
          { kind: 'tiered', bands: [{ upTo: 500, percent: 5 }, { upTo: 100, percent: 2 }, { percent: 0 }] },
        ],
      },
      ['"chargeback.adjustments[0].bands[1].upTo": bands must rise (100 ≤ 500)'],
    ],
    [
      'a field another kind takes',
      { costCenters: COST_CENTERS, adjustments: [{ kind: 'markup', percent: 5, amount: 3 }] },
      ['"chargeback.adjustments[0].amount": unknown field (known: kind, percent, costCenters, label)'],
    ],
  ])('names the path of %s', (_, chargeback, problems) => {
    expect(problemsOf(chargeback)).toEqual(problems);
  });

  it('suggests the key for a misspelt chargeback', () => {
    expect(validateConfig({ chargebak: {} })).toEqual({
      ok: true,
      config: {},
      warnings: ['unknown key "chargebak" is ignored (did you mean "chargeback"?)'],
    });
  });
});
