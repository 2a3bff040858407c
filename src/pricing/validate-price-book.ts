import { isCalendarDate } from '../model/calendar-date.ts';
import type { PriceBook } from './price-book.ts';
import { PRICE_SET_OPTIONAL_FIELDS, PRICE_SET_REQUIRED_FIELDS } from './price-book.ts';

export type PriceBookValidation =
  { readonly ok: true; readonly book: PriceBook } | { readonly ok: false; readonly problems: string[] };

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?Z)?$/;
const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const PRICE_FIELDS: readonly string[] = [...PRICE_SET_REQUIRED_FIELDS, ...PRICE_SET_OPTIONAL_FIELDS];

/**
 * Checks parsed `pricing.json` field by field. Each problem names the model and field and says what was
 * expected, e.g. `models["openai/o3"].periods[1].prices.input: expected a non-negative integer of micro-USD
 * per 1M tokens, got 2.5`. Hand-written so the runtime needs no schema library.
 */
export function validatePriceBook(json: unknown): PriceBookValidation {
  const problems: string[] = [];
  const problem = (path: string, expected: string, value: unknown): void => {
    problems.push(`${path}: expected ${expected}, got ${describe(value)}`);
  };
  if (!isRecord(json))
    return { ok: false, problems: [`(top level): expected an object, got ${describe(json)}`] };
  if (typeof json.version !== 'string' || json.version === '')
    problem('version', 'a non-empty string', json.version);
  const source = json.generatedFrom;
  if (!isRecord(source)) problem('generatedFrom', 'an object', source);
  else
    for (const field of ['source', 'version', 'license'])
      if (typeof source[field] !== 'string') problem(`generatedFrom.${field}`, 'a string', source[field]);
  checkRecord(json.batchMultipliers, 'batchMultipliers', problem, (value, path) => {
    const ok = isRecord(value) && isPositiveInteger(value.numerator) && isPositiveInteger(value.denominator);
    if (!ok) problem(path, '{ "numerator", "denominator" } positive integers', value);
  });
  checkRecord(json.providers, 'providers', problem, (value, path) => {
    if (!isRecord(value)) {
      problem(path, 'an object', value);
      return;
    }
    if (typeof value.name !== 'string') problem(`${path}.name`, 'a string', value.name);
    checkMatch(value.providerMatch, `${path}.providerMatch`, problem);
    checkMatch(value.modelMatch, `${path}.modelMatch`, problem);
  });
  checkRecord(json.models, 'models', problem, (value, path) => {
    checkModel(value, path, problem);
  });
  // Every field of PriceBook was checked above.
  return problems.length === 0 ? { ok: true, book: json as unknown as PriceBook } : { ok: false, problems };
}

type Problem = (path: string, expected: string, value: unknown) => void;

function checkModel(value: unknown, path: string, problem: Problem): void {
  if (!isRecord(value)) {
    problem(path, 'an object', value);
    return;
  }
  for (const field of ['provider', 'model', 'name']) {
    if (typeof value[field] !== 'string' || value[field] === '')
      problem(`${path}.${field}`, 'a non-empty string', value[field]);
  }
  if (value.contextWindow !== undefined && !isPositiveInteger(value.contextWindow)) {
    problem(`${path}.contextWindow`, 'a positive integer of tokens', value.contextWindow);
  }
  if (value.maxOutputTokens !== undefined && !isPositiveInteger(value.maxOutputTokens)) {
    problem(`${path}.maxOutputTokens`, 'a positive integer of tokens', value.maxOutputTokens);
  }
  if (
    value.deprecationDate !== undefined &&
    (typeof value.deprecationDate !== 'string' || !isCalendarDate(value.deprecationDate))
  ) {
    problem(`${path}.deprecationDate`, 'a calendar date (YYYY-MM-DD)', value.deprecationDate);
  }
  if (value.deprecated !== undefined && value.deprecated !== true) {
    problem(`${path}.deprecated`, 'true, or the field left out', value.deprecated);
  }
  checkMatch(value.match, `${path}.match`, problem);
  const periods = value.periods;
  if (!Array.isArray(periods) || periods.length === 0) {
    problem(`${path}.periods`, 'a non-empty array', periods);
    return;
  }
  let previousFrom = -Infinity;
  periods.forEach((period: unknown, index) => {
    const at = `${path}.periods[${index}]`;
    if (!isRecord(period)) {
      problem(at, 'an object', period);
      return;
    }
    const from =
      typeof period.effectiveFrom === 'string' && ISO_INSTANT.test(period.effectiveFrom)
        ? Date.parse(period.effectiveFrom)
        : NaN;
    if (Number.isNaN(from))
      problem(`${at}.effectiveFrom`, 'an ISO date (YYYY-MM-DD) or UTC date-time', period.effectiveFrom);
    else if (from <= previousFrom)
      problem(`${at}.effectiveFrom`, 'a date after the previous period', period.effectiveFrom);
    else previousFrom = from;
    if (period.layer !== 'catalogue' && period.layer !== 'overlay')
      problem(`${at}.layer`, '"catalogue" or "overlay"', period.layer);
    if (period.citation !== undefined && typeof period.citation !== 'string')
      problem(`${at}.citation`, 'a URL string', period.citation);
    checkPriceSet(period.prices, `${at}.prices`, problem);
    checkList(period.tiers, `${at}.tiers`, problem, (tier, tierPath, tierIndex, list) => {
      if (!isRecord(tier)) {
        problem(tierPath, 'an object', tier);
        return;
      }
      const previous = tierIndex > 0 ? list[tierIndex - 1] : undefined;
      const floor =
        isRecord(previous) && typeof previous.aboveInputTokens === 'number' ? previous.aboveInputTokens : 0;
      if (!isPositiveInteger(tier.aboveInputTokens) || tier.aboveInputTokens <= floor) {
        problem(
          `${tierPath}.aboveInputTokens`,
          `a positive integer of prompt tokens above ${floor}`,
          tier.aboveInputTokens,
        );
      }
      checkPriceSet(tier.prices, `${tierPath}.prices`, problem);
    });
    checkList(period.timeOfDay, `${at}.timeOfDay`, problem, (window, windowPath) => {
      if (!isRecord(window)) {
        problem(windowPath, 'an object', window);
        return;
      }
      for (const field of ['fromUtc', 'toUtc']) {
        if (typeof window[field] !== 'string' || !CLOCK.test(window[field]))
          problem(`${windowPath}.${field}`, 'a UTC time "HH:MM"', window[field]);
      }
      checkPriceSet(window.prices, `${windowPath}.prices`, problem);
    });
  });
}

function checkPriceSet(value: unknown, path: string, problem: Problem): void {
  if (!isRecord(value)) {
    problem(path, 'an object of prices', value);
    return;
  }
  for (const field of PRICE_SET_REQUIRED_FIELDS) {
    if (!isPrice(value[field]))
      problem(`${path}.${field}`, 'a non-negative integer of micro-USD per 1M tokens', value[field]);
  }
  for (const field of PRICE_SET_OPTIONAL_FIELDS) {
    if (value[field] !== undefined && !isPrice(value[field]))
      problem(`${path}.${field}`, 'a non-negative integer of micro-USD', value[field]);
  }
  for (const field of Object.keys(value))
    if (!PRICE_FIELDS.includes(field))
      problem(`${path}.${field}`, `one of ${PRICE_FIELDS.join(', ')}`, field);
}

function checkMatch(value: unknown, path: string, problem: Problem): void {
  if (!isRecord(value)) {
    problem(path, 'an object with "exact" and "prefixes"', value);
    return;
  }
  for (const field of ['exact', 'prefixes']) {
    const list = value[field];
    if (
      !Array.isArray(list) ||
      !list.every((item) => typeof item === 'string' && item !== '' && item === item.toLowerCase())
    ) {
      problem(`${path}.${field}`, 'an array of non-empty lower-case strings', list);
    }
  }
  if (value.pattern === undefined) return;
  if (typeof value.pattern !== 'string') {
    problem(`${path}.pattern`, 'a regular expression string', value.pattern);
    return;
  }
  try {
    new RegExp(value.pattern);
  } catch (error) {
    problem(
      `${path}.pattern`,
      `a valid regular expression (${error instanceof Error ? error.message : String(error)})`,
      value.pattern,
    );
  }
}

function checkRecord(
  value: unknown,
  path: string,
  problem: Problem,
  each: (item: unknown, path: string) => void,
): void {
  if (!isRecord(value)) {
    problem(path, 'an object', value);
    return;
  }
  for (const [key, item] of Object.entries(value)) each(item, `${path}[${JSON.stringify(key)}]`);
}

function checkList(
  value: unknown,
  path: string,
  problem: Problem,
  each: (item: unknown, path: string, index: number, list: readonly unknown[]) => void,
): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length === 0) {
    problem(path, 'a non-empty array when present', value);
    return;
  }
  value.forEach((item: unknown, index) => {
    each(item, `${path}[${index}]`, index, value);
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPrice(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
