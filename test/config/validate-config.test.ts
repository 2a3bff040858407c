import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.ts';

describe('validateConfig: csvMappings', () => {
  it('keeps named column mappings', () => {
    const result = validateConfig({
      csvMappings: { finance: { timestamp: 'Day', model: 'Model', provider: 'openai' } },
    });
    expect(result).toEqual({
      ok: true,
      config: { csvMappings: { finance: { timestamp: 'Day', model: 'Model', provider: 'openai' } } },
      warnings: [],
    });
  });

  it('names each misnamed field and bad value with its path', () => {
    expect(
      validateConfig({ csvMappings: { finance: { timestmp: 'Day', model: '' }, other: 'Day' } }),
    ).toEqual({
      ok: false,
      problems: [
        '"csvMappings.finance.timestmp": unknown field; did you mean "timestamp"?',
        '"csvMappings.finance.model": expected a column name, got ""',
        '"csvMappings.other": expected an object of <field>: <column>, got "Day"',
      ],
    });
  });

  it('suggests the key for a misspelt csvMappings', () => {
    const result = validateConfig({ csvMapping: {} });
    expect(result).toEqual({
      ok: true,
      config: {},
      warnings: ['unknown key "csvMapping" is ignored (did you mean "csvMappings"?)'],
    });
  });
});

describe('validateConfig: budgets', () => {
  it('reads a budget with exact amounts, scope, thresholds, rollover and parent', () => {
    const result = validateConfig({
      budgets: {
        org: { amount: '1000.000000000001', period: 'quarterly', timeZone: 'Europe/Berlin' },
        team: {
          amount: 250,
          period: 'monthly',
          where: { team: 'search' },
          thresholds: [80, '95:forecast'],
          enforcement: 'hard',
          rollover: { cap: 50 },
          parent: 'org',
        },
      },
    });
    expect(result).toMatchObject({
      ok: true,
      config: {
        budgets: [
          {
            name: 'org',
            amountPico: 1_000_000_000_000_001n,
            period: { kind: 'calendar', unit: 'quarterly' },
            thresholds: [{ percent: 50 }, { percent: 80 }, { percent: 90 }, { percent: 100 }],
          },
          {
            name: 'team',
            amountPico: 250_000_000_000_000n,
            where: [{ dimension: 'team', value: 'search' }],
            thresholds: [
              { percent: 80, basis: 'actual' },
              { percent: 95, basis: 'forecast' },
            ],
            enforcement: 'hard',
            rollover: { capPico: 50_000_000_000_000n },
            parent: 'org',
          },
        ],
      },
    });
  });

  it('names each misnamed field and bad value with its path', () => {
    expect(
      validateConfig({
        budgets: {
          a: { amount: 0, perod: 'monthly' },
          b: {
            amount: 5,
            period: 'rolling:30d',
            rollover: true,
            thresholds: ['eighty'],
            where: { colour: 'x' },
          },
          c: { amount: 5, period: 'monthly', parent: 'nobody' },
          d: { amount: 5, period: 'monthly', enforcement: 'strict' },
        },
      }),
    ).toEqual({
      ok: false,
      problems: [
        '"budgets.a.perod": unknown field; did you mean "period"?',
        '"budgets.a.amount": expected an amount > 0 such as 500 or 12.50, got "0"',
        '"budgets.a.period": missing (e.g. "monthly")',
        '"budgets.b.where.colour": unknown dimension; use provider, model, project, user, team, apiKey, workspace, session, serviceTier, status or tag:<key>',
        '"budgets.b.thresholds[0]": expected a percentage such as 80, 80:actual or 90:forecast, got "eighty"',
        '"budgets.b.rollover": only calendar periods roll over (rolling windows and custom dates have no next period)',
        '"budgets.d.enforcement": expected one of warn, soft, hard, got "strict"',
        '"budgets.c.parent": no budget named "nobody"',
      ],
    });
  });

  it('refuses parents that form a cycle', () => {
    const result = validateConfig({
      budgets: {
        a: { amount: 1, period: 'daily', parent: 'b' },
        b: { amount: 1, period: 'daily', parent: 'a' },
      },
    });
    expect(result).toMatchObject({
      ok: false,
      problems: [expect.stringContaining('the parents form a cycle (a → b → a)'), expect.anything()],
    });
  });
});

describe('validateConfig: tokenizerRatios', () => {
  it('keeps ratios per family', () => {
    expect(validateConfig({ tokenizerRatios: { anthropic: 1.2, google: 1 } })).toEqual({
      ok: true,
      config: { tokenizerRatios: { anthropic: 1.2, google: 1 } },
      warnings: [],
    });
  });

  it('names the family and the bounds of a bad ratio', () => {
    expect(validateConfig({ tokenizerRatios: { anthropic: '1.2', Google: 1, openai: 9 } })).toEqual({
      ok: false,
      problems: [
        '"tokenizerRatios.anthropic": expected a number from 0.25 to 4 (tokens relative to OpenAI o200k = 1), got "1.2"',
        '"tokenizerRatios.Google": expected a lower-case family name such as "anthropic"',
        '"tokenizerRatios.openai": expected a number from 0.25 to 4 (tokens relative to OpenAI o200k = 1), got 9',
      ],
    });
  });
});
