import type { Rational } from '../price-book.ts';

/**
 * The hand-kept overlay (`overlay.json`): what genai-prices lacks or gets wrong. Every entry cites the
 * page that states the price and the day a person checked it. Prices are decimal strings of USD per 1M
 * tokens (USD per request, USD per 1,000 web searches), as the vendors print them, converted exactly.
 */
export interface Overlay {
  readonly entries: readonly OverlayEntry[];
}

interface Cited {
  readonly why: string;
  readonly citation: string;
  readonly checkedOn: string;
}

export interface OverlayPriceSet {
  readonly input: string;
  readonly output: string;
  readonly cacheRead?: string;
  readonly cacheWrite5m?: string;
  readonly cacheWrite1h?: string;
  readonly reasoning?: string;
  readonly requestFee?: string;
  readonly webSearchPer1k?: string;
}

export interface OverlayPeriod {
  readonly effectiveFrom: string;
  readonly prices: OverlayPriceSet;
}

export type OverlayEntry = Cited &
  (
    | { readonly kind: 'replace-periods'; readonly model: string; readonly periods: readonly OverlayPeriod[] }
    | { readonly kind: 'add-periods'; readonly model: string; readonly periods: readonly OverlayPeriod[] }
    | {
        readonly kind: 'add-model';
        readonly model: string;
        readonly name: string;
        readonly exact: readonly string[];
        readonly periods: readonly OverlayPeriod[];
      }
    | {
        readonly kind: 'cache-write-1h-multiple-of-input';
        readonly providers: readonly string[];
        readonly modelIdContains: string;
        readonly multiple: Rational;
      }
    | { readonly kind: 'confirm-change'; readonly model: string }
    | { readonly kind: 'batch-multiplier'; readonly provider: string; readonly multiple: Rational }
  );

const KINDS = [
  'replace-periods',
  'add-periods',
  'add-model',
  'cache-write-1h-multiple-of-input',
  'confirm-change',
  'batch-multiplier',
];
const WITHOUT_MODEL = ['cache-write-1h-multiple-of-input', 'batch-multiplier'];
const DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?Z)?$/;
const DECIMAL = /^\d+(?:\.\d+)?$/;

/** Checks the overlay's shape and throws naming the entry and field; the generator fails loudly on it. */
export function parseOverlay(json: unknown, file: string): Overlay {
  const fail = (where: string, message: string): never => {
    throw new Error(`${file}: ${where}: ${message}`);
  };
  if (!isObject(json) || !Array.isArray(json.entries)) return fail('entries', 'expected an array');
  json.entries.forEach((entry: unknown, index) => {
    const where = `entries[${index}]`;
    if (!isObject(entry)) return fail(where, 'expected an object');
    if (typeof entry.kind !== 'string' || !KINDS.includes(entry.kind))
      return fail(`${where}.kind`, `expected one of ${KINDS.join(', ')}`);
    for (const field of ['why', 'citation', 'checkedOn']) {
      if (typeof entry[field] !== 'string' || entry[field] === '')
        fail(`${where}.${field}`, 'expected a non-empty string');
    }
    if (!String(entry.citation).startsWith('https://')) fail(`${where}.citation`, 'expected an https:// URL');
    if (!DATE.test(String(entry.checkedOn))) fail(`${where}.checkedOn`, 'expected an ISO date');
    if (
      !WITHOUT_MODEL.includes(entry.kind) &&
      (typeof entry.model !== 'string' || !entry.model.includes('/'))
    ) {
      fail(`${where}.model`, 'expected "provider/model"');
    }
    if (entry.periods !== undefined || entry.kind.endsWith('periods') || entry.kind === 'add-model') {
      if (!Array.isArray(entry.periods) || entry.periods.length === 0)
        return fail(`${where}.periods`, 'expected a non-empty array');
      entry.periods.forEach((period: unknown, periodIndex) => {
        const at = `${where}.periods[${periodIndex}]`;
        if (
          !isObject(period) ||
          typeof period.effectiveFrom !== 'string' ||
          !DATE.test(period.effectiveFrom)
        ) {
          return fail(`${at}.effectiveFrom`, 'expected an ISO date');
        }
        if (!isObject(period.prices)) return fail(`${at}.prices`, 'expected an object');
        for (const [field, value] of Object.entries(period.prices)) {
          if (typeof value !== 'string' || !DECIMAL.test(value))
            fail(`${at}.prices.${field}`, 'expected a decimal string of USD');
        }
        for (const field of ['input', 'output']) {
          if (period.prices[field] === undefined) fail(`${at}.prices.${field}`, 'required');
        }
        return undefined;
      });
    }
    if (entry.kind === 'add-model' && (!Array.isArray(entry.exact) || typeof entry.name !== 'string')) {
      fail(where, 'add-model needs "name" and "exact" ids');
    }
    if (
      entry.kind === 'cache-write-1h-multiple-of-input' &&
      (!Array.isArray(entry.providers) || typeof entry.modelIdContains !== 'string')
    ) {
      fail(where, 'needs "providers" and "modelIdContains"');
    }
    if (entry.kind === 'batch-multiplier' && typeof entry.provider !== 'string')
      fail(`${where}.provider`, 'expected a provider id');
    if (WITHOUT_MODEL.includes(entry.kind)) {
      const multiple = entry.multiple;
      if (
        !isObject(multiple) ||
        !Number.isSafeInteger(multiple.numerator) ||
        !Number.isSafeInteger(multiple.denominator)
      ) {
        fail(`${where}.multiple`, 'expected { numerator, denominator } integers');
      }
    }
    return undefined;
  });
  // Shape checked field by field above.
  return json as unknown as Overlay;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
