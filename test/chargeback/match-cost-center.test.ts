import { describe, expect, it } from 'vitest';
import {
  attributesOfGroup,
  chargebackDimensions,
  createCostCenterMatcher,
  matchCostCenter,
} from '../../src/chargeback/match-cost-center.ts';
import type { ChargebackAttributes, ChargebackConfig } from '../../src/model/chargeback-config.ts';

const CHARGEBACK: ChargebackConfig = {
  costCenters: [
    { id: 'CC-100', name: 'Search', department: 'Product' },
    { id: 'CC-200', name: 'Research', department: 'R&D' },
    { id: 'CC-300', name: 'CC-300', department: null },
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
    { costCenter: 'CC-300', conditions: [{ attribute: 'apiKey', patterns: ['key_*.x'] }] },
  ],
  pools: [
    {
      name: 'evals',
      source: { kind: 'usage', conditions: [{ attribute: 'tag:purpose', patterns: ['eval'] }] },
      method: { kind: 'even' },
      costCenters: ['CC-100'],
    },
  ],
  adjustments: [],
};

function attributes(fields: Partial<ChargebackAttributes>): ChargebackAttributes {
  return { team: null, project: null, apiKey: null, user: null, workspace: null, tags: {}, ...fields };
}

describe('matchCostCenter', () => {
  it.each([
    ['a team rule', { team: 'search' }, { costCenter: 'CC-100', department: 'Product', ruleIndex: 0 }],
    [
      'the first of two matching rules',
      { team: 'search', project: 'lab', tags: { env: 'prod' } },
      { costCenter: 'CC-100', department: 'Product', ruleIndex: 0 },
    ],
    [
      'a wildcard and a tag, all conditions holding',
      { project: 'research-nlp', tags: { env: 'prod' } },
      { costCenter: 'CC-200', department: 'R&D', ruleIndex: 1 },
    ],
    [
      'one condition failing',
      { project: 'research-nlp', tags: { env: 'dev' } },
      { costCenter: 'Unallocated', department: 'Unallocated', ruleIndex: null },
    ],
    [
      'a missing tag',
      { project: 'lab' },
      { costCenter: 'Unallocated', department: 'Unallocated', ruleIndex: null },
    ],
    [
      'a dot in a pattern taken literally',
      { apiKey: 'key_abc-x' },
      { costCenter: 'Unallocated', department: 'Unallocated', ruleIndex: null },
    ],
    [
      'a wildcard spanning any text',
      { apiKey: 'key_abc.x' },
      { costCenter: 'CC-300', department: null, ruleIndex: 2 },
    ],
    ['nothing set', {}, { costCenter: 'Unallocated', department: 'Unallocated', ruleIndex: null }],
  ])('matches %s', (_, fields, expected) => {
    expect(matchCostCenter(CHARGEBACK, attributes(fields))).toEqual(expected);
  });

  it('gives the same answers compiled once for many records', () => {
    const match = createCostCenterMatcher(CHARGEBACK);
    const records = [attributes({ team: 'search' }), attributes({ apiKey: 'key_1.x' }), attributes({})];
    expect(records.map((record) => match(record).costCenter)).toEqual(['CC-100', 'CC-300', 'Unallocated']);
  });

  it('lists the dimensions rules and usage pools test, sorted', () => {
    expect(chargebackDimensions(CHARGEBACK)).toEqual(['apiKey', 'project', 'tag:env', 'tag:purpose', 'team']);
  });

  it('reads a store group back into attributes', () => {
    expect(
      attributesOfGroup(['apiKey', 'project', 'tag:env', 'team'], ['k1', null, 'prod', 'search']),
    ).toEqual(attributes({ apiKey: 'k1', tags: { env: 'prod' }, team: 'search' }));
  });
});
