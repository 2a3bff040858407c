import { TieredPrices, type ModelInfo } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { convertGenaiModel } from '../../src/pricing/build/convert-genai-model.ts';
import { matchLogicToRules } from '../../src/pricing/build/match-logic-to-rules.ts';

const base = { id: 'm', match: { equals: 'm' } } as const;

describe('convertGenaiModel', () => {
  it('turns per-unit tiers into whole-request tiers, in micro-USD per 1M tokens', () => {
    const model: ModelInfo = {
      ...base,
      prices: {
        input_mtok: new TieredPrices({ base: 3, tiers: [{ start: 200_000, price: 6 }] }),
        output_mtok: 15,
        cache_write_mtok: 3.75,
      },
    };
    expect(convertGenaiModel('p', model, {})).toMatchObject({
      kind: 'model',
      entry: {
        periods: [
          {
            effectiveFrom: '1970-01-01',
            layer: 'catalogue',
            prices: {
              input: 3_000_000,
              output: 15_000_000,
              cacheRead: 3_000_000,
              cacheWrite5m: 3_750_000,
              cacheWrite1h: 3_750_000,
            },
            tiers: [{ aboveInputTokens: 200_000, prices: { input: 6_000_000, output: 15_000_000 } }],
          },
        ],
      },
    });
  });

  it('makes start dates periods and hangs clock windows on the latest one', () => {
    const model: ModelInfo = {
      ...base,
      prices: [
        { prices: { input_mtok: 1, output_mtok: 2 } },
        {
          constraint: { start_date: '2026-08-17', type: 'start_date' },
          prices: { input_mtok: 2, output_mtok: 4 },
        },
        {
          constraint: { start_time: '01:00:00Z', end_time: '04:00:00Z', type: 'time_of_date' },
          prices: { input_mtok: 4, output_mtok: 8 },
        },
      ],
    };
    const converted = convertGenaiModel('p', model, {});
    expect(converted).toMatchObject({
      entry: {
        periods: [
          { effectiveFrom: '1970-01-01', prices: { input: 1_000_000 } },
          {
            effectiveFrom: '2026-08-17',
            prices: { input: 2_000_000 },
            timeOfDay: [{ fromUtc: '01:00', toUtc: '04:00', prices: { input: 4_000_000 } }],
          },
        ],
      },
    });
  });

  it('fills a missing 1h cache write from the overlay rule and marks the period as overlay', () => {
    const model: ModelInfo = { ...base, prices: { input_mtok: 0.25, output_mtok: 1.25 } };
    const rule = { multiple: { numerator: 2, denominator: 1 }, citation: 'https://example.com/caching' };
    expect(convertGenaiModel('aws', model, { cacheWrite1hRule: rule })).toMatchObject({
      entry: { periods: [{ layer: 'overlay', citation: rule.citation, prices: { cacheWrite1h: 500_000 } }] },
    });
  });

  it.each<[string, ModelInfo['prices'], string]>([
    ['skips models priced only in pages', { input_document_kpages: 1 }, 'skipped'],
    ['keeps free models at zero', {}, 'model'],
  ])('%s', (_name, prices, kind) => {
    expect(convertGenaiModel('p', { ...base, prices }, {}).kind).toBe(kind);
  });

  it('refuses a price it cannot hold exactly unless told to round', () => {
    expect(() => convertGenaiModel('p', { ...base, prices: { input_mtok: 1 / 12 } }, {})).toThrow(
      /more than 6 decimals/,
    );
  });
});

describe('matchLogicToRules', () => {
  it.each<[Parameters<typeof matchLogicToRules>[0], ReturnType<typeof matchLogicToRules>]>([
    [
      { or: [{ equals: 'GPT-4o' }, { starts_with: 'gpt-4o-2024' }] },
      { exact: ['gpt-4o'], prefixes: ['gpt-4o-2024'] },
    ],
    [{ contains: 'claude.3' }, { exact: [], prefixes: [], pattern: '(?:claude\\.3)' }],
    [
      { and: [{ starts_with: 'gemini-2.5-pro' }, { regex: '^(?!.*-tts)' }] },
      {
        exact: [],
        prefixes: [],
        pattern: '(?:^(?=[\\s\\S]*?(?:^gemini-2\\.5-pro))(?=[\\s\\S]*?(?:^(?!.*-tts))))',
      },
    ],
  ])('%j', (logic, rules) => {
    expect(matchLogicToRules(logic)).toEqual(rules);
  });

  it('carries the deprecated flag as deprecated: true, and leaves it out otherwise', () => {
    const prices = { input_mtok: 1, output_mtok: 2 };
    const flagged = convertGenaiModel('p', { ...base, prices, deprecated: true }, {});
    const current = convertGenaiModel('p', { ...base, prices, deprecated: false }, {});
    expect(flagged).toMatchObject({ kind: 'model', entry: { deprecated: true } });
    expect(current).toMatchObject({ kind: 'model' });
    expect(current).not.toHaveProperty('entry.deprecated');
  });

  it('keeps the meaning of an "and" rule', () => {
    const pattern = new RegExp(
      matchLogicToRules({ and: [{ starts_with: 'gemini-2.5-pro' }, { regex: '^(?!.*-tts)' }] }).pattern ?? '',
    );
    expect(
      ['gemini-2.5-pro', 'gemini-2.5-pro-preview-06-05', 'gemini-2.5-pro-tts', 'x-gemini-2.5-pro'].map((id) =>
        pattern.test(id),
      ),
    ).toEqual([true, true, false, false]);
  });
});
