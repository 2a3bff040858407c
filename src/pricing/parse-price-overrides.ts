import { isCalendarDate } from '../model/calendar-date.ts';
import { parseDecimalToPico, PICO_PER_USD } from '../model/money.ts';
import { usdToMicros } from './build/usd-to-micros.ts';
import { PRICE_SET_OPTIONAL_FIELDS, PRICE_SET_REQUIRED_FIELDS, type PriceSet } from './price-book.ts';
import type { PriceOverride } from './price-override.ts';

export type PriceOverridesParse =
  | { readonly ok: true; readonly overrides: readonly PriceOverride[] }
  | { readonly ok: false; readonly problems: readonly string[] };

const PRICE_FIELDS: readonly (keyof PriceSet)[] = [
  ...PRICE_SET_REQUIRED_FIELDS,
  ...PRICE_SET_OPTIONAL_FIELDS,
];
const KNOWN_KEYS = new Set([
  'name',
  'provider',
  'model',
  'multiplier',
  'discountPercent',
  'prices',
  'serviceTier',
  'effectiveFrom',
  'effectiveTo',
  'note',
]);
const DAY_MS = 86_400_000;

/**
 * Reads the config file's `priceOverrides` array (negotiated rates). Each entry:
 * - scope: `provider` (a price-book provider id such as `anthropic`) or `model` (any id a record could
 *   carry, resolved like one), exactly one;
 * - rate: `multiplier` (e.g. `"0.85"`) or `discountPercent` (e.g. `15`), applied to the whole list cost,
 *   or `prices` in USD per 1M tokens (`input`, `output`, `cacheRead`, `cacheWrite5m`, `cacheWrite1h`,
 *   `reasoning`; `requestFee` in USD per request, `webSearchPer1k` in USD per 1,000), exactly one;
 * - `serviceTier`: optional, only records of that tier (`priority`, `flex`), which the book does not price;
 * - `effectiveFrom` / `effectiveTo`: optional UTC dates, both inclusive.
 * Amounts may be JSON numbers or decimal strings; they are held exactly. Problems name the entry and
 * field, e.g. `priceOverrides[1].multiplier: expected a decimal number above 0, got "-1"`.
 */
export function parsePriceOverrides(json: unknown): PriceOverridesParse {
  if (json === undefined) return { ok: true, overrides: [] };
  if (!Array.isArray(json))
    return { ok: false, problems: [`"priceOverrides": expected an array, got ${JSON.stringify(json)}`] };
  const problems: string[] = [];
  const overrides: PriceOverride[] = [];
  json.forEach((entry: unknown, index) => {
    const path = `priceOverrides[${index}]`;
    const problem = (field: string, expected: string, value: unknown): void => {
      problems.push(
        `${path}${field === '' ? '' : `.${field}`}: expected ${expected}, got ${describe(value)}`,
      );
    };
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problem('', 'an object', entry);
      return;
    }
    const record = entry as Record<string, unknown>;
    for (const key of Object.keys(record))
      if (!KNOWN_KEYS.has(key))
        problems.push(`${path}: unknown key "${key}" (known: ${[...KNOWN_KEYS].join(', ')})`);
    const before = problems.length;

    const name = record.name === undefined ? path : record.name;
    if (typeof name !== 'string' || name === '') problem('name', 'a non-empty string', record.name);

    let scope: PriceOverride['scope'] | null = null;
    if ((record.provider === undefined) === (record.model === undefined)) {
      problems.push(`${path}: expected exactly one of "provider" or "model"`);
    } else if (record.provider !== undefined) {
      if (typeof record.provider !== 'string' || record.provider === '')
        problem('provider', 'a provider id such as "anthropic"', record.provider);
      else scope = { kind: 'provider', provider: record.provider.toLowerCase() };
    } else if (typeof record.model !== 'string' || record.model === '') {
      problem('model', 'a model id such as "gpt-4o"', record.model);
    } else scope = { kind: 'model', model: record.model };

    const serviceTier = record.serviceTier;
    if (serviceTier !== undefined && (typeof serviceTier !== 'string' || serviceTier === ''))
      problem('serviceTier', 'a service tier such as "priority" or "flex"', serviceTier);

    const rates = ['multiplier', 'discountPercent', 'prices'].filter((key) => record[key] !== undefined);
    let multiplier: PriceOverride['multiplier'];
    let prices: PriceOverride['prices'];
    if (rates.length !== 1) {
      problems.push(`${path}: expected exactly one of "multiplier", "discountPercent" or "prices"`);
    } else if (record.multiplier !== undefined) {
      const pico = decimalPico(record.multiplier);
      if (pico === null || pico <= 0n) problem('multiplier', 'a decimal number above 0', record.multiplier);
      else multiplier = reduce(pico, PICO_PER_USD);
    } else if (record.discountPercent !== undefined) {
      const pico = decimalPico(record.discountPercent);
      if (pico === null || pico < 0n || pico >= 100n * PICO_PER_USD)
        problem('discountPercent', 'a number from 0 to below 100', record.discountPercent);
      else multiplier = reduce(100n * PICO_PER_USD - pico, 100n * PICO_PER_USD);
    } else {
      prices = parsePrices(record.prices, (field, expected, value) => {
        problem(`prices${field === '' ? '' : `.${field}`}`, expected, value);
      });
    }

    const fromMs = parseDate(record.effectiveFrom, (v) => {
      problem('effectiveFrom', 'a date "YYYY-MM-DD" (UTC)', v);
    });
    const toDayMs = parseDate(record.effectiveTo, (v) => {
      problem('effectiveTo', 'a date "YYYY-MM-DD" (UTC)', v);
    });
    const toMs = toDayMs === null ? null : toDayMs + DAY_MS;
    if (fromMs !== null && toMs !== null && toMs <= fromMs)
      problems.push(`${path}: "effectiveTo" is before "effectiveFrom"`);

    if (problems.length > before || scope === null || typeof name !== 'string') return;
    overrides.push({
      name,
      scope,
      ...(typeof serviceTier === 'string' ? { serviceTier: serviceTier.toLowerCase() } : {}),
      ...(multiplier !== undefined ? { multiplier } : {}),
      ...(prices !== undefined ? { prices } : {}),
      fromMs,
      toMs,
    });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, overrides };
}

function parsePrices(
  value: unknown,
  problem: (field: string, expected: string, value: unknown) => void,
): Partial<PriceSet> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problem('', 'an object of USD prices per 1M tokens', value);
    return undefined;
  }
  const prices: Partial<Record<keyof PriceSet, number>> = {};
  for (const [field, amount] of Object.entries(value as Record<string, unknown>)) {
    if (!(PRICE_FIELDS as readonly string[]).includes(field)) {
      problem(field, `one of ${PRICE_FIELDS.join(', ')}`, field);
      continue;
    }
    try {
      if (typeof amount !== 'number' && typeof amount !== 'string') throw new Error('not a number');
      prices[field as keyof PriceSet] = usdToMicros(amount, field);
    } catch {
      problem(field, 'a non-negative USD amount with at most 6 decimals', amount);
    }
  }
  if (Object.keys(value).length === 0) problem('', 'at least one price', value);
  return prices;
}

function decimalPico(value: unknown): bigint | null {
  if (typeof value === 'number') return Number.isFinite(value) ? parseDecimalToPico(String(value)) : null;
  if (typeof value === 'string') return parseDecimalToPico(value);
  return null;
}

function parseDate(value: unknown, onProblem: (value: unknown) => void): number | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    onProblem(value);
    return null;
  }
  return Date.parse(value);
}

/** numerator/denominator in lowest terms, as safe integers (both are below 10¹⁵ here). */
function reduce(numerator: bigint, denominator: bigint): { numerator: number; denominator: number } {
  let a = numerator;
  let b = denominator;
  while (b !== 0n) [a, b] = [b, a % b];
  return { numerator: Number(numerator / a), denominator: Number(denominator / a) };
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
