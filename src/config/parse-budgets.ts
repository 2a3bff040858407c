import {
  DEFAULT_THRESHOLDS,
  ENFORCEMENTS,
  formatBudgetPeriod,
  formatBudgetThreshold,
  type Budget,
  type Enforcement,
} from '../model/budget.ts';
import { picoToDecimalString } from '../model/money.ts';
import { isValidTimeZone } from '../model/zoned-time.ts';
import { suggestKey } from '../ingest/suggest-key.ts';
import {
  parseBudgetAmount,
  parseBudgetPeriod,
  parseBudgetThreshold,
  sortThresholds,
} from './parse-budget-fields.ts';
import { parseDimensionFilters } from './parse-dimension-filters.ts';

const BUDGET_FIELDS = [
  'amount',
  'currency',
  'where',
  'period',
  'timeZone',
  'thresholds',
  'enforcement',
  'rollover',
  'parent',
] as const;

/** A budget name: letters, digits and `._-`, so it is safe on a command line and in a file. */
export const BUDGET_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The config file's `budgets`: `{ "<name>": { "amount": "500", "period": "monthly", ... } }`. Every
 * problem names its path (`budgets.team-a.amount`) and what was expected; a misspelt field gets a
 * "did you mean". A parent must exist and the parents must not form a cycle.
 */
export function parseBudgets(value: unknown, problems: string[]): Budget[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(
      `"budgets": expected an object of <name>: { "amount": …, "period": … }, got ${JSON.stringify(value)}`,
    );
    return undefined;
  }
  const budgets: Budget[] = [];
  for (const [name, entry] of Object.entries(value)) {
    const budget = parseBudget(name, entry, problems);
    if (budget !== null) budgets.push(budget);
  }
  const byName = new Map(budgets.map((budget) => [budget.name, budget]));
  for (const budget of budgets) {
    if (budget.parent === null) continue;
    if (!byName.has(budget.parent)) {
      problems.push(`"budgets.${budget.name}.parent": no budget named "${budget.parent}"`);
      continue;
    }
    const seen = new Set([budget.name]);
    for (
      let parent = byName.get(budget.parent);
      parent !== undefined;
      parent = byName.get(parent.parent ?? '')
    ) {
      if (seen.has(parent.name)) {
        problems.push(
          `"budgets.${budget.name}.parent": the parents form a cycle (${[...seen].join(' → ')} → ${parent.name})`,
        );
        break;
      }
      seen.add(parent.name);
    }
  }
  return budgets;
}

function parseBudget(name: string, entry: unknown, problems: string[]): Budget | null {
  const path = `budgets.${name}`;
  if (!BUDGET_NAME_PATTERN.test(name)) {
    problems.push(`"${path}": a budget name uses letters, digits, ".", "_" and "-" (at most 64)`);
    return null;
  }
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    problems.push(`"${path}": expected an object with "amount" and "period", got ${JSON.stringify(entry)}`);
    return null;
  }
  const record = entry as Record<string, unknown>;
  const before = problems.length;
  for (const key of Object.keys(record)) {
    if ((BUDGET_FIELDS as readonly string[]).includes(key)) continue;
    const suggestion = suggestKey(key, BUDGET_FIELDS);
    problems.push(
      suggestion === null
        ? `"${path}.${key}": unknown field (known: ${BUDGET_FIELDS.join(', ')})`
        : `"${path}.${key}": unknown field; did you mean "${suggestion}"?`,
    );
  }
  const text = (key: string): string | undefined => {
    const value = record[key];
    if (value === undefined) return undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value === 'string' && value !== '') return value;
    problems.push(`"${path}.${key}": expected a non-empty string, got ${JSON.stringify(value)}`);
    return undefined;
  };

  const amountText = text('amount');
  let amountPico = 0n;
  if (amountText === undefined) {
    if (record.amount === undefined)
      problems.push(`"${path}.amount": missing (the amount per period, e.g. "500")`);
  } else {
    const amount = parseBudgetAmount(amountText);
    if (amount.ok) amountPico = amount.value;
    else problems.push(`"${path}.amount": ${amount.message}`);
  }

  const periodText = text('period');
  let period: Budget['period'] = { kind: 'calendar', unit: 'monthly' };
  if (periodText === undefined) {
    if (record.period === undefined) problems.push(`"${path}.period": missing (e.g. "monthly")`);
  } else {
    const parsed = parseBudgetPeriod(periodText);
    if (parsed.ok) period = parsed.value;
    else problems.push(`"${path}.period": ${parsed.message}`);
  }

  const currency = text('currency') ?? null;
  if (currency !== null && !/^[A-Z]{3}$/.test(currency)) {
    problems.push(`"${path}.currency": expected an ISO 4217 code such as "EUR", got "${currency}"`);
  }
  const timeZone = text('timeZone') ?? null;
  if (timeZone !== null && !isValidTimeZone(timeZone)) {
    problems.push(
      `"${path}.timeZone": expected an IANA time zone such as "Europe/Berlin", got "${timeZone}"`,
    );
  }
  const enforcement = text('enforcement') ?? 'warn';
  if (!(ENFORCEMENTS as readonly string[]).includes(enforcement)) {
    problems.push(`"${path}.enforcement": expected one of ${ENFORCEMENTS.join(', ')}, got "${enforcement}"`);
  }
  const parent = text('parent') ?? null;
  if (parent === name) problems.push(`"${path}.parent": a budget cannot be its own parent`);

  const where = parseDimensionFilters(record.where, `${path}.where`, problems);
  const thresholds = parseThresholds(record.thresholds, `${path}.thresholds`, problems);
  const rollover = parseRollover(record.rollover, `${path}.rollover`, problems);
  if (rollover !== null && period.kind !== 'calendar') {
    problems.push(
      `"${path}.rollover": only calendar periods roll over (rolling windows and custom dates have no next period)`,
    );
  }
  if (problems.length > before) return null;
  return {
    name,
    amountPico,
    currency,
    where,
    period,
    timeZone,
    thresholds,
    enforcement: enforcement as Enforcement,
    rollover,
    parent,
  };
}

/** `[50, 80, "90:forecast", 100]`; absent: 50/80/90/100 on actual spend. */
function parseThresholds(value: unknown, path: string, problems: string[]): Budget['thresholds'] {
  if (value === undefined) return DEFAULT_THRESHOLDS;
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(
      `"${path}": expected a list such as [50, 80, "90:forecast", 100], got ${JSON.stringify(value)}`,
    );
    return [];
  }
  const thresholds = value.flatMap((item: unknown, index) => {
    const parsed =
      typeof item === 'number' || typeof item === 'string'
        ? parseBudgetThreshold(String(item))
        : ({
            ok: false,
            message: `expected a number or "<n>:forecast", got ${JSON.stringify(item)}`,
          } as const);
    if (parsed.ok) return [parsed.value];
    problems.push(`"${path}[${index}]": ${parsed.message}`);
    return [];
  });
  return sortThresholds(thresholds);
}

/** `true` (carry all unused), `{ "cap": "100" }`, or absent/false (no rollover). */
function parseRollover(value: unknown, path: string, problems: string[]): Budget['rollover'] {
  if (value === undefined || value === false) return null;
  if (value === true) return { capPico: null };
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { cap, ...rest } = value as Record<string, unknown>;
    for (const key of Object.keys(rest)) problems.push(`"${path}.${key}": unknown field (known: cap)`);
    if (cap === undefined) return { capPico: null };
    const parsed = typeof cap === 'number' || typeof cap === 'string' ? parseBudgetAmount(String(cap)) : null;
    if (parsed?.ok === true) return { capPico: parsed.value };
    problems.push(
      `"${path}.cap": ${parsed?.ok === false ? parsed.message : `expected an amount, got ${JSON.stringify(cap)}`}`,
    );
    return null;
  }
  problems.push(`"${path}": expected true, false or { "cap": <amount> }, got ${JSON.stringify(value)}`);
  return null;
}

/** A decimal text as a JSON number when that is exact (`500`, `12.5`), else the string (`"0.1234567890123"`). */
function amountJson(amountPico: bigint): number | string {
  const text = picoToDecimalString(amountPico);
  return String(Number(text)) === text ? Number(text) : text;
}

/** A budget as the config file holds it (defaults left out), for `budget add` and `init`. */
export function budgetToJson(budget: Budget): Record<string, unknown> {
  const isDefaultThresholds =
    budget.thresholds.length === DEFAULT_THRESHOLDS.length &&
    budget.thresholds.every(
      (threshold, index) =>
        threshold.percent === DEFAULT_THRESHOLDS[index]?.percent && threshold.basis === 'actual',
    );
  return {
    amount: amountJson(budget.amountPico),
    ...(budget.currency === null ? {} : { currency: budget.currency }),
    period: formatBudgetPeriod(budget.period),
    ...(budget.timeZone === null ? {} : { timeZone: budget.timeZone }),
    ...(budget.where.length === 0
      ? {}
      : { where: Object.fromEntries(budget.where.map((filter) => [filter.dimension, filter.value])) }),
    ...(isDefaultThresholds
      ? {}
      : {
          thresholds: budget.thresholds.map((threshold) =>
            threshold.basis === 'actual' ? threshold.percent : formatBudgetThreshold(threshold),
          ),
        }),
    ...(budget.enforcement === 'warn' ? {} : { enforcement: budget.enforcement }),
    ...(budget.rollover === null
      ? {}
      : {
          rollover: budget.rollover.capPico === null ? true : { cap: amountJson(budget.rollover.capPico) },
        }),
    ...(budget.parent === null ? {} : { parent: budget.parent }),
  };
}
