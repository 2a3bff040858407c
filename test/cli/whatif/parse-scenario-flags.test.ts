import { describe, expect, it } from 'vitest';
import { parseRowCondition } from '../../../src/cli/whatif/parse-row-condition.ts';
import { parseFlagScenario, parseScenarioFlag } from '../../../src/cli/whatif/parse-scenario-flags.ts';

const noFlags = { swap: [], route: [] };

describe('parseRowCondition', () => {
  it.each([
    ['input<2000', { kind: 'size', measure: 'input', comparison: '<', tokens: 2000 }],
    ['output >= 8k', { kind: 'size', measure: 'output', comparison: '>=', tokens: 8000 }],
    ['project=search', { kind: 'attribute', dimension: 'project', pattern: 'search', isNegated: false }],
    ['model!=gpt-4o*', { kind: 'attribute', dimension: 'model', pattern: 'gpt-4o*', isNegated: true }],
    ['tag:env=prod', { kind: 'attribute', dimension: 'tag:env', pattern: 'prod', isNegated: false }],
  ])('reads %s', (text, expected) => {
    expect(parseRowCondition(text, '--route')).toEqual(expected);
  });

  it('joins clauses with "and" or "&&"', () => {
    expect(parseRowCondition('input<2000 and project=etl && output<=100', '--route')).toEqual({
      kind: 'all',
      conditions: [
        { kind: 'size', measure: 'input', comparison: '<', tokens: 2000 },
        { kind: 'attribute', dimension: 'project', pattern: 'etl', isNegated: false },
        { kind: 'size', measure: 'output', comparison: '<=', tokens: 100 },
      ],
    });
  });

  it.each([
    [
      'size<2000',
      '--route: cannot read "size<2000": "size" is not input, output, provider, model, project or tag:<key>',
    ],
    [
      'input<2,000',
      '--route: cannot read "input<2,000": a size test is input|output followed by <, <=, > or >= and a whole number of tokens (2000 or 2k)',
    ],
    [
      'input=2000',
      '--route: cannot read "input=2000": a size test is input|output followed by <, <=, > or >= and a whole number of tokens (2000 or 2k)',
    ],
    [
      'input<2000 and',
      '--route: empty condition in "input<2000 and"; write e.g. input<2000 and project=search',
    ],
  ])('names the clause it cannot read: %s', (text, message) => {
    expect(() => parseRowCondition(text, '--route')).toThrow(message);
  });
});

describe('parseFlagScenario', () => {
  it('turns the loose flags into one scenario in the replay order', () => {
    const scenario = parseFlagScenario('what-if', {
      ...noFlags,
      swap: ['gpt-4o*=gpt-4.1-mini'],
      route: ['input<2000 -> gpt-4.1-nano'],
      cache: '1h',
      batch: '30% if tag:job=nightly',
    });
    expect(scenario.operations).toEqual([
      { kind: 'model', label: 'swap gpt-4o*=gpt-4.1-mini', from: 'gpt-4o*', when: null, to: 'gpt-4.1-mini' },
      {
        kind: 'model',
        label: 'route input<2000 -> gpt-4.1-nano',
        from: null,
        when: { kind: 'size', measure: 'input', comparison: '<', tokens: 2000 },
        to: 'gpt-4.1-nano',
      },
      { kind: 'cache', label: 'cache observed rate 1h', hitRate: 'observed', ttl: '1h', when: null },
      {
        kind: 'batch',
        label: 'batch 30% if tag:job=nightly',
        share: { numerator: 3, denominator: 10 },
        when: { kind: 'attribute', dimension: 'tag:job', pattern: 'nightly', isNegated: false },
      },
    ]);
    expect(scenario.priceList).toBeNull();
  });

  it.each([
    [
      { swap: ['gpt-4o'] },
      '--swap "gpt-4o": expected <from>=<to> such as gpt-4o=gpt-4.1-mini (globs allowed in <from>)',
    ],
    [
      { route: ['input<2000 gpt-4.1-mini'] },
      '--route "input<2000 gpt-4.1-mini": expected "<condition> -> <model>"',
    ],
    [
      { batch: '1.5' },
      '--batch: expected a share above 0 up to 1, as a decimal or a percentage (0.3, 30%), got "1.5"',
    ],
    [{ batch: '0' }, '--batch: expected a share above 0 up to 1'],
    [{ cacheHitRate: 'lots' }, '--cache-hit-rate: expected a share from 0 up to 1'],
    [{ cache: '2h' }, '--cache: expected 5m or 1h, got "2h"'],
  ])('refuses bad values, naming the flag: %j', (flags, message) => {
    expect(() => parseFlagScenario('what-if', { ...noFlags, ...flags })).toThrow(message);
  });
});

describe('parseScenarioFlag', () => {
  it('reads "name=op value; op value" with flags without their dashes', () => {
    const scenario = parseScenarioFlag('cheap=swap gpt-4o=gpt-4.1-mini; --batch 50%; price-book other.json');
    expect(scenario.name).toBe('cheap');
    expect(scenario.operations.map((operation) => operation.label)).toEqual([
      'swap gpt-4o=gpt-4.1-mini',
      'batch 50%',
    ]);
    expect(scenario.priceList).toEqual({
      label: '--price-book other.json',
      priceBookPath: 'other.json',
      overridesPath: null,
    });
  });

  it.each([
    ['swap gpt-4o=x', '--scenario "swap gpt-4o=x": expected <name>=<operation>'],
    ['a=', '--scenario a: no operation given'],
    ['a=shrink 50%', '--scenario a: cannot read "shrink 50%": expected one of swap, route, cache-hit-rate'],
    ['a=batch 1; batch 0.5', '--scenario a: "batch" is given twice'],
  ])('refuses %s', (text, message) => {
    expect(() => parseScenarioFlag(text)).toThrow(message);
  });
});

describe('parseScenarioFlag: model change order', () => {
  it('keeps the order written: the first matching change applies', () => {
    const scenario = parseScenarioFlag('s=route input<2000 -> gpt-4.1-nano; swap gpt-4o=gpt-4.1-mini');
    expect(scenario.operations.map((operation) => operation.label)).toEqual([
      'route input<2000 -> gpt-4.1-nano',
      'swap gpt-4o=gpt-4.1-mini',
    ]);
  });
});
