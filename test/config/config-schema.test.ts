import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
const validateSchema = new Ajv({ allErrors: true }).compile(read('src/config/config.schema.json') as object);

/** A config using every key, as `init`, `budget add` and a user would write it. */
const FULL = {
  $schema: './node_modules/llmcost/dist/config/config.schema.json',
  timeZone: 'Europe/Berlin',
  db: 'usage.db',
  pricingFile: 'prices.json',
  costMode: 'list',
  prefer: 'logs',
  currency: 'EUR',
  exchangeRatesFile: 'rates.csv',
  priceOverrides: [
    { name: 'discount', provider: 'anthropic', discountPercent: 15, effectiveFrom: '2026-01-01' },
    { name: 'flex', model: 'openai/o3', serviceTier: 'flex', multiplier: '0.5' },
    { name: 'deal', model: 'gpt-4o', prices: { input: '2.25', output: 9, requestFee: 0.001 } },
  ],
  csvMappings: { sheet: { timestamp: 'Date', model: 'Model', provider: 'openai', cost: 'USD' } },
  budgets: {
    org: { amount: 500, period: 'monthly', rollover: { cap: '100' } },
    search: {
      amount: '$120.50',
      period: 'rolling:30d',
      parent: 'org',
      where: { team: 'search', 'tag:env': 'prod', model: 'gpt-4o*' },
      thresholds: [50, '90:forecast', 100],
      enforcement: 'hard',
      currency: 'USD',
      timeZone: 'UTC',
    },
    q1: { amount: 1000, period: '2026-01-01..2026-03-31', rollover: false },
  },
  tokenizerRatios: { anthropic: 1.2, google: 1 },
  optimizer: { balancedWeights: { cost: 0.5, performance: 0.2, quality: 0.3 }, maxQualityDrop: 30 },
  teams: [
    { team: 'search', where: { project: 'search-*' } },
    { team: 'ml', where: { apiKey: 'key_ml', 'tag:env': 'prod' } },
  ],
};

const CHARGEBACK = (read('fixtures/config/chargeback.config.json') as { chargeback: unknown }).chargeback as {
  costCenters: Record<string, Record<string, unknown>>;
  rules: Record<string, unknown>[];
  pools: Record<string, unknown>[];
  adjustments: Record<string, unknown>[];
};
Object.assign(FULL, { chargeback: CHARGEBACK });

type Config = Record<string, unknown> & typeof FULL & { chargeback: typeof CHARGEBACK };

describe('the config JSON Schema agrees with the validator llmcost reads the file with', () => {
  it.each([
    ['the example config', read('fixtures/config/llmcost.config.json')],
    ['the chargeback example', read('fixtures/config/chargeback.config.json')],
    ['a config with every key', FULL],
    ['an empty config', {}],
  ])('accepts %s', (_name, config) => {
    expect(validateConfig(config)).toMatchObject({ ok: true, warnings: [] });
    expect(validateSchema(config), JSON.stringify(validateSchema.errors?.slice(0, 3))).toBe(true);
  });

  const breakages: [string, (config: Config) => void][] = [
    ['costMode', (config) => Object.assign(config, { costMode: 'cheapest' })],
    ['currency', (config) => Object.assign(config, { currency: 'eur' })],
    ['db', (config) => Object.assign(config, { db: '' })],
    ['override scope', (config) => Object.assign(config.priceOverrides[0]!, { model: 'x' })],
    ['override rate', (config) => Object.assign(config.priceOverrides[1]!, { discountPercent: 5 })],
    ['override multiplier', (config) => Object.assign(config.priceOverrides[1]!, { multiplier: '0' })],
    ['override discount', (config) => Object.assign(config.priceOverrides[0]!, { discountPercent: 100 })],
    ['override price', (config) => Object.assign(config.priceOverrides[2]!, { prices: { input: -1 } })],
    ['override price field', (config) => Object.assign(config.priceOverrides[2]!, { prices: { inputs: 1 } })],
    ['override date', (config) => Object.assign(config.priceOverrides[0]!, { effectiveFrom: '1/1/26' })],
    ['override key', (config) => Object.assign(config.priceOverrides[0]!, { provder: 'x' })],
    ['mapping field', (config) => Object.assign(config.csvMappings.sheet, { tokens: 'T' })],
    ['budget amount', (config) => Object.assign(config.budgets.org, { amount: 0 })],
    ['budget amount text', (config) => Object.assign(config.budgets.org, { amount: '0.00' })],
    ['budget period', (config) => Object.assign(config.budgets.org, { period: 'fortnightly' })],
    ['budget field', (config) => Object.assign(config.budgets.org, { amout: 5 })],
    ['budget name', (config) => Object.assign(config.budgets, { 'bad name': config.budgets.q1 })],
    ['budget scope', (config) => Object.assign(config.budgets.search.where, { region: 'eu' })],
    ['budget thresholds', (config) => Object.assign(config.budgets.search, { thresholds: [] })],
    ['budget threshold', (config) => Object.assign(config.budgets.search, { thresholds: ['90:guess'] })],
    ['budget enforcement', (config) => Object.assign(config.budgets.search, { enforcement: 'block' })],
    ['budget rollover', (config) => Object.assign(config.budgets.org, { rollover: { limit: 5 } })],
    ['team rule name', (config) => Object.assign(config.teams[0]!, { team: ' ' })],
    ['team rule scope', (config) => Object.assign(config.teams[0]!, { where: {} })],
    ['team rule on team', (config) => Object.assign(config.teams[0]!, { where: { team: 'x' } })],
    ['team rule field', (config) => Object.assign(config.teams[0]!, { owner: 'x' })],
    ['teams', (config) => Object.assign(config, { teams: { search: 'x' } })],
    ['optimizer weights', (config) => Object.assign(config.optimizer, { balancedWeights: { cost: 1 } })],
    ['optimizer drop', (config) => Object.assign(config.optimizer, { maxQualityDrop: -1 })],
    ['tokenizer ratio', (config) => Object.assign(config, { tokenizerRatios: { anthropic: 10 } })],
    ['tokenizer family', (config) => Object.assign(config, { tokenizerRatios: { Anthropic: 1 } })],
    ['cost center id', (config) => Object.assign(config.chargeback.costCenters, { Unallocated: {} })],
    ['cost center field', (config) => Object.assign(config.chargeback.costCenters['CC-100']!, { dept: 'x' })],
    ['rule match', (config) => Object.assign(config.chargeback.rules[0]!, { match: { teem: 'x' } })],
    ['rule match value', (config) => Object.assign(config.chargeback.rules[0]!, { match: { team: [] } })],
    ['pool source', (config) => Object.assign(config.chargeback.pools[0]!, { from: 'unallocated' })],
    ['pool method', (config) => Object.assign(config.chargeback.pools[0]!, { method: 'weighted' })],
    ['pool weights', (config) => Object.assign(config.chargeback.pools[0]!, { weights: { 'CC-100': 1 } })],
    ['adjustment kind', (config) => Object.assign(config.chargeback.adjustments[0]!, { kind: 'fee' })],
    ['adjustment percent', (config) => Object.assign(config.chargeback.adjustments[1]!, { percent: 150 })],
    ['adjustment field', (config) => Object.assign(config.chargeback.adjustments[3]!, { since: '2026-10' })],
    ['credit month', (config) => Object.assign(config.chargeback.adjustments[3]!, { period: '2026-13' })],
    ['prepaid balance', (config) => Object.assign(config.chargeback.adjustments[4]!, { balance: 0 })],
  ];

  it.each(breakages)('rejects a broken %s, as the validator does', (_name, breakage) => {
    const config = structuredClone(FULL) as Config;
    breakage(config);
    expect(validateConfig(config).ok).toBe(false);
    expect(validateSchema(config)).toBe(false);
  });

  it('flags an unknown top-level key, which llmcost ignores with a warning', () => {
    const config = { ...FULL, timezone: 'UTC' };
    expect(validateConfig(config)).toMatchObject({
      ok: true,
      warnings: ['unknown key "timezone" is ignored (did you mean "timeZone"?)'],
    });
    expect(validateSchema(config)).toBe(false);
  });
});
