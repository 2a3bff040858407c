import type { Budget } from '../model/budget.ts';
import { COST_MODES, type CostMode } from '../model/cost-mode.ts';
import { SOURCE_PREFERENCES, type SourcePreference } from '../model/source-kind.ts';
import { isValidTimeZone } from '../model/zoned-time.ts';
import type { ColumnMapping } from '../ingest/adapter.ts';
import { validateColumnMapping } from '../ingest/column-mapping.ts';
import { suggestKey } from '../ingest/suggest-key.ts';
import { parsePriceOverrides } from '../pricing/parse-price-overrides.ts';
import type { PriceOverride } from '../pricing/price-override.ts';
import type { ChargebackConfig } from '../model/chargeback-config.ts';
import { parseBudgets } from './parse-budgets.ts';
import { parseTeamRules } from './parse-team-rules.ts';
import type { TeamRule } from '../model/team-rule.ts';
import { parseChargeback } from './parse-chargeback.ts';
import type { OptimizerSettings } from '../optimizer/strategies/strategy.ts';
import { parseOptimizer } from './parse-optimizer.ts';
import { parseTokenizerRatios } from './parse-tokenizer-ratios.ts';

/** The config file (`llmcost.config.json`): settings that would otherwise be flags or env variables. */
export interface Config {
  /** IANA zone for calendar periods, e.g. `Europe/Berlin`. */
  readonly timeZone?: string;
  /** Database path (relative paths are relative to the config file). */
  readonly db?: string;
  /** A price book to use instead of the bundled pricing.json (relative to the config file). */
  readonly pricingFile?: string;
  /** Default of `--currency` (ISO 4217 code); anything but USD needs `exchangeRatesFile`. */
  readonly currency?: string;
  /** CSV of `date,currency,rate` (units per 1 USD), relative to the config file. */
  readonly exchangeRatesFile?: string;
  /** Default of `--cost`: auto, list or reported. */
  readonly costMode?: CostMode;
  /** Default of `--prefer`: the source kind reports use where a billing export and logs overlap. */
  readonly prefer?: SourcePreference;
  /** Negotiated rates applied on top of the price book (pricing/parse-price-overrides.ts). */
  readonly priceOverrides?: readonly PriceOverride[];
  /** Named CSV column mappings for `ingest --from csv --map-profile <name>` (ingest/column-mapping.ts). */
  readonly csvMappings?: Readonly<Record<string, ColumnMapping>>;
  /** Spending limits checked by `llmcost budget` (config/parse-budgets.ts), in file order. */
  readonly budgets?: readonly Budget[];
  /** Which team usage without one of its own belongs to, first rule that holds (config/parse-team-rules.ts). */
  readonly teams?: readonly TeamRule[];
  /** Cost centers, allocation rules, shared pools and billing adjustments (config/parse-chargeback.ts). */
  readonly chargeback?: ChargebackConfig;
  /** Weights and quality floor of `llmcost optimize` and `recommend` (config/parse-optimizer.ts). */
  readonly optimizer?: OptimizerSettings;
  /** Tokens per tokenizer family relative to OpenAI o200k, for `whatif --swap` (parse-tokenizer-ratios.ts). */
  readonly tokenizerRatios?: Readonly<Record<string, number>>;
}

export type ConfigValidation =
  | { readonly ok: true; readonly config: Config; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly problems: readonly string[] };

const KNOWN_KEYS = new Set([
  '$schema',
  'timeZone',
  'db',
  'pricingFile',
  'costMode',
  'prefer',
  'currency',
  'exchangeRatesFile',
  'priceOverrides',
  'csvMappings',
  'budgets',
  'teams',
  'chargeback',
  'optimizer',
  'tokenizerRatios',
]);

/** Checks a parsed config file. Unknown keys are warnings (named); wrong types are problems. */
export function validateConfig(json: unknown): ConfigValidation {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, problems: ['expected a JSON object at the top level'] };
  }
  const record = json as Record<string, unknown>;
  const problems: string[] = [];
  const knownKeys = [...KNOWN_KEYS].filter((key) => key !== '$schema');
  const warnings = Object.keys(record)
    .filter((key) => !KNOWN_KEYS.has(key))
    .map((key) => {
      const suggestion = suggestKey(key, knownKeys);
      return suggestion === null
        ? `unknown key "${key}" is ignored (known: ${knownKeys.join(', ')})`
        : `unknown key "${key}" is ignored (did you mean "${suggestion}"?)`;
    });
  const config: {
    timeZone?: string;
    db?: string;
    pricingFile?: string;
    costMode?: CostMode;
    prefer?: SourcePreference;
    currency?: string;
    exchangeRatesFile?: string;
    priceOverrides?: readonly PriceOverride[];
    csvMappings?: Readonly<Record<string, ColumnMapping>>;
    budgets?: readonly Budget[];
    teams?: readonly TeamRule[];
    chargeback?: ChargebackConfig;
    optimizer?: OptimizerSettings;
    tokenizerRatios?: Readonly<Record<string, number>>;
  } = {};
  const readString = (
    key: 'timeZone' | 'db' | 'pricingFile' | 'costMode' | 'prefer' | 'currency' | 'exchangeRatesFile',
  ): string | undefined => {
    const value = record[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '') {
      problems.push(`"${key}": expected a non-empty string, got ${JSON.stringify(value)}`);
      return undefined;
    }
    return value;
  };
  const timeZone = readString('timeZone');
  if (timeZone !== undefined) {
    if (isValidTimeZone(timeZone)) config.timeZone = timeZone;
    else problems.push(`"timeZone": expected an IANA time zone such as "Europe/Berlin", got "${timeZone}"`);
  }
  const db = readString('db');
  if (db !== undefined) config.db = db;
  const pricingFile = readString('pricingFile');
  if (pricingFile !== undefined) config.pricingFile = pricingFile;
  const costMode = readString('costMode');
  if (costMode !== undefined) {
    if ((COST_MODES as readonly string[]).includes(costMode)) config.costMode = costMode as CostMode;
    else problems.push(`"costMode": expected one of ${COST_MODES.join(', ')}, got "${costMode}"`);
  }
  const prefer = readString('prefer');
  if (prefer !== undefined) {
    if ((SOURCE_PREFERENCES as readonly string[]).includes(prefer))
      config.prefer = prefer as SourcePreference;
    else problems.push(`"prefer": expected one of ${SOURCE_PREFERENCES.join(', ')}, got "${prefer}"`);
  }
  const currency = readString('currency');
  if (currency !== undefined) {
    if (/^[A-Z]{3}$/.test(currency)) config.currency = currency;
    else problems.push(`"currency": expected an ISO 4217 code such as "EUR", got "${currency}"`);
  }
  const exchangeRatesFile = readString('exchangeRatesFile');
  if (exchangeRatesFile !== undefined) config.exchangeRatesFile = exchangeRatesFile;
  const overrides = parsePriceOverrides(record.priceOverrides);
  if (!overrides.ok) problems.push(...overrides.problems);
  else if (overrides.overrides.length > 0) config.priceOverrides = overrides.overrides;
  const csvMappings = readCsvMappings(record.csvMappings, problems);
  if (csvMappings !== undefined) config.csvMappings = csvMappings;
  const budgets = parseBudgets(record.budgets, problems);
  if (budgets !== undefined) config.budgets = budgets;
  const teams = parseTeamRules(record.teams, problems);
  if (teams !== undefined) config.teams = teams;
  const chargeback = parseChargeback(record.chargeback, problems);
  if (chargeback !== undefined) config.chargeback = chargeback;
  const optimizer = parseOptimizer(record.optimizer, problems);
  if (optimizer !== undefined) config.optimizer = optimizer;
  const tokenizerRatios = parseTokenizerRatios(record.tokenizerRatios, problems);
  if (tokenizerRatios !== undefined) config.tokenizerRatios = tokenizerRatios;
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config, warnings };
}

/** `csvMappings`: profile name → column mapping; each field name is checked (with a "did you mean"). */
function readCsvMappings(
  value: unknown,
  problems: string[],
): Readonly<Record<string, ColumnMapping>> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(
      `"csvMappings": expected an object of <profile name>: { <field>: <column> }, got ${JSON.stringify(value)}`,
    );
    return undefined;
  }
  const mappings: Record<string, ColumnMapping> = {};
  for (const [name, mapping] of Object.entries(value)) {
    const validated = validateColumnMapping(mapping, `csvMappings.${name}`);
    if (validated.ok) mappings[name] = validated.mapping;
    else problems.push(...validated.problems);
  }
  return mappings;
}
