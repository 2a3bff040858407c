import {
  ADJUSTMENT_KINDS,
  CHARGEBACK_ATTRIBUTES,
  SPLIT_METHODS,
  UNALLOCATED,
  type Adjustment,
  type AdjustmentKind,
  type AdjustmentTerms,
  type AllocationRule,
  type AttributeCondition,
  type ChargebackAttribute,
  type ChargebackConfig,
  type CostCenter,
  type PoolSource,
  type Rate,
  type SharedPool,
  type SplitMethod,
  type VolumeBand,
} from '../model/chargeback-config.ts';
import { parseDecimalToPico, picoToDecimalString } from '../model/money.ts';
import { suggestKey } from '../ingest/suggest-key.ts';
import { suggestCostCenter } from './suggest-cost-center.ts';

const TOP_FIELDS = ['costCenters', 'rules', 'pools', 'adjustments'] as const;
const COST_CENTER_FIELDS = ['name', 'department'] as const;
const RULE_FIELDS = ['costCenter', 'match'] as const;
const POOL_FIELDS = ['name', 'amount', 'match', 'from', 'method', 'costCenters', 'weights'] as const;
const ADJUSTMENT_FIELDS: Readonly<Record<AdjustmentKind, readonly string[]>> = {
  markup: ['kind', 'percent', 'costCenters', 'label'],
  discount: ['kind', 'percent', 'costCenters', 'label'],
  tax: ['kind', 'percent', 'costCenters', 'label'],
  tiered: ['kind', 'bands', 'costCenters', 'label'],
  credit: ['kind', 'amount', 'period', 'costCenters', 'label'],
  prepaid: ['kind', 'balance', 'since', 'costCenters', 'label'],
};
/** Most a percentage may be per kind (tiered bands may also be negative, down to -100). */
const MAX_PERCENT: Readonly<Record<'markup' | 'discount' | 'tax' | 'tiered', number>> = {
  markup: 1000,
  discount: 100,
  tax: 100,
  tiered: 1000,
};
const COST_CENTER_ID = /^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,63}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The config file's `chargeback` key:
 *
 * ```json
 * { "costCenters": { "CC-100": { "name": "Search", "department": "Product" } },
 *   "rules": [ { "costCenter": "CC-100", "match": { "team": "search", "tag:env": ["prod", "stg-*"] } } ],
 *   "pools": [ { "name": "platform", "amount": 1200, "method": "proportional" },
 *              { "name": "evals", "match": { "tag:purpose": "eval" }, "method": "even" },
 *              { "name": "untagged", "from": "unallocated", "method": "fixed", "weights": { "CC-100": 3 } } ],
 *   "adjustments": [ { "kind": "markup", "percent": 5 }, { "kind": "tax", "percent": 19 } ] }
 * ```
 *
 * Every problem names its JSON path (`chargeback.rules[2].match.teem`) and what was expected; misspelt
 * fields and cost centers get a "did you mean". Every cost center named anywhere must be declared.
 */
export function parseChargeback(value: unknown, problems: string[]): ChargebackConfig | undefined {
  if (value === undefined) return undefined;
  const path = 'chargeback';
  if (!isObject(value)) {
    problems.push(
      `"${path}": expected an object with "costCenters" and "rules", got ${JSON.stringify(value)}`,
    );
    return undefined;
  }
  const before = problems.length;
  checkFields(value, TOP_FIELDS, path, problems);
  const costCenters = parseCostCenters(value.costCenters, `${path}.costCenters`, problems);
  const ids = costCenters.map((costCenter) => costCenter.id);
  const rules = listOf(value.rules, `${path}.rules`, problems, (entry, entryPath) =>
    parseRule(entry, entryPath, ids, problems),
  );
  const pools = listOf(value.pools, `${path}.pools`, problems, (entry, entryPath) =>
    parsePool(entry, entryPath, ids, problems),
  );
  checkPoolNames(pools, `${path}.pools`, problems);
  const adjustments = listOf(value.adjustments, `${path}.adjustments`, problems, (entry, entryPath) =>
    parseAdjustment(entry, entryPath, ids, problems),
  );
  if (problems.length > before) return undefined;
  return { costCenters, rules, pools, adjustments };
}

function checkFields(record: JsonObject, known: readonly string[], path: string, problems: string[]): void {
  for (const key of Object.keys(record)) {
    if (known.includes(key)) continue;
    const suggestion = suggestKey(key, known);
    problems.push(
      suggestion === null
        ? `"${path}.${key}": unknown field (known: ${known.join(', ')})`
        : `"${path}.${key}": unknown field; did you mean "${suggestion}"?`,
    );
  }
}

/** An optional list: absent is empty; each entry parsed with its `[index]` path, nulls dropped. */
function listOf<T>(
  value: unknown,
  path: string,
  problems: string[],
  parse: (entry: unknown, path: string) => T | null,
): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`"${path}": expected a list, got ${JSON.stringify(value)}`);
    return [];
  }
  return value.flatMap((entry: unknown, index) => {
    const parsed = parse(entry, `${path}[${index}]`);
    return parsed === null ? [] : [parsed];
  });
}

function parseCostCenters(value: unknown, path: string, problems: string[]): CostCenter[] {
  if (!isObject(value) || Object.keys(value).length === 0) {
    problems.push(
      `"${path}": expected an object of <id>: { "name": …, "department": … } with at least one cost center, got ${JSON.stringify(value)}`,
    );
    return [];
  }
  const costCenters: CostCenter[] = [];
  for (const [id, entry] of Object.entries(value)) {
    const entryPath = `${path}.${id}`;
    if (!COST_CENTER_ID.test(id)) {
      problems.push(`"${entryPath}": a cost center id uses letters, digits, space and "._/-" (at most 64)`);
      continue;
    }
    if (id.toLowerCase() === UNALLOCATED.toLowerCase()) {
      problems.push(`"${entryPath}": "${UNALLOCATED}" is the bucket for unmatched usage; choose another id`);
      continue;
    }
    if (!isObject(entry)) {
      problems.push(
        `"${entryPath}": expected an object such as { "department": "Product" }, got ${JSON.stringify(entry)}`,
      );
      continue;
    }
    checkFields(entry, COST_CENTER_FIELDS, entryPath, problems);
    const name = optionalText(entry.name, `${entryPath}.name`, problems) ?? id;
    const department = optionalText(entry.department, `${entryPath}.department`, problems) ?? null;
    costCenters.push({ id, name, department });
  }
  return costCenters;
}

function optionalText(value: unknown, path: string, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() !== '') return value;
  problems.push(`"${path}": expected a non-empty string, got ${JSON.stringify(value)}`);
  return undefined;
}

/** A declared cost center id, or a problem with a "did you mean". */
function costCenterRef(
  value: unknown,
  path: string,
  ids: readonly string[],
  problems: string[],
): string | null {
  if (typeof value !== 'string' || value === '') {
    problems.push(`"${path}": expected a cost center id, got ${JSON.stringify(value)}`);
    return null;
  }
  if (ids.includes(value)) return value;
  const suggestion = suggestCostCenter(value, ids);
  problems.push(
    suggestion === null
      ? `"${path}": no cost center "${value}" in chargeback.costCenters (known: ${ids.join(', ')})`
      : `"${path}": no cost center "${value}" in chargeback.costCenters; did you mean "${suggestion}"?`,
  );
  return null;
}

/** `costCenters: ["CC-100", …]`; absent: every declared cost center. */
function costCenterList(value: unknown, path: string, ids: readonly string[], problems: string[]): string[] {
  if (value === undefined) return [...ids];
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`"${path}": expected a non-empty list of cost center ids, got ${JSON.stringify(value)}`);
    return [];
  }
  const listed = value.flatMap((item: unknown, index) => {
    const id = costCenterRef(item, `${path}[${index}]`, ids, problems);
    return id === null ? [] : [id];
  });
  if (new Set(listed).size !== listed.length) problems.push(`"${path}": lists a cost center twice`);
  return listed;
}

/** `{ "team": "search", "tag:env": ["prod", "stg-*"] }`: every condition must hold. */
function parseConditions(value: unknown, path: string, problems: string[]): AttributeCondition[] {
  if (!isObject(value) || Object.keys(value).length === 0) {
    problems.push(
      `"${path}": expected an object of <attribute>: <value or list of values> such as { "team": "search" }, got ${JSON.stringify(value)}`,
    );
    return [];
  }
  const known: readonly string[] = [...CHARGEBACK_ATTRIBUTES, 'tag:<key>'];
  const conditions: AttributeCondition[] = [];
  for (const [key, patternValue] of Object.entries(value)) {
    const isTag = key.startsWith('tag:') && key.length > 4;
    if (!isTag && !(CHARGEBACK_ATTRIBUTES as readonly string[]).includes(key)) {
      const suggestion = suggestKey(key, CHARGEBACK_ATTRIBUTES);
      problems.push(
        suggestion === null
          ? `"${path}.${key}": unknown attribute (known: ${known.join(', ')})`
          : `"${path}.${key}": unknown attribute; did you mean "${suggestion}"?`,
      );
      continue;
    }
    const patterns = typeof patternValue === 'string' ? [patternValue] : patternValue;
    if (
      !Array.isArray(patterns) ||
      patterns.length === 0 ||
      !patterns.every((pattern) => typeof pattern === 'string' && pattern !== '')
    ) {
      problems.push(
        `"${path}.${key}": expected a value or a list of values ("*" matches any text), got ${JSON.stringify(patternValue)}`,
      );
      continue;
    }
    conditions.push({ attribute: key as ChargebackAttribute, patterns: patterns as string[] });
  }
  return conditions;
}

function parseRule(
  entry: unknown,
  path: string,
  ids: readonly string[],
  problems: string[],
): AllocationRule | null {
  if (!isObject(entry)) {
    problems.push(`"${path}": expected { "costCenter": …, "match": { … } }, got ${JSON.stringify(entry)}`);
    return null;
  }
  checkFields(entry, RULE_FIELDS, path, problems);
  const costCenter = costCenterRef(entry.costCenter, `${path}.costCenter`, ids, problems);
  const conditions = parseConditions(entry.match, `${path}.match`, problems);
  return costCenter === null || conditions.length === 0 ? null : { costCenter, conditions };
}

function parsePool(
  entry: unknown,
  path: string,
  ids: readonly string[],
  problems: string[],
): SharedPool | null {
  if (!isObject(entry)) {
    problems.push(
      `"${path}": expected { "name": …, "amount" | "match" | "from": …, "method": … }, got ${JSON.stringify(entry)}`,
    );
    return null;
  }
  const before = problems.length;
  checkFields(entry, POOL_FIELDS, path, problems);
  const name = optionalText(entry.name, `${path}.name`, problems);
  if (name === undefined && entry.name === undefined)
    problems.push(`"${path}.name": missing (e.g. "platform")`);
  const source = parsePoolSource(entry, path, problems);
  const methodName = entry.method;
  let method: SplitMethod = { kind: 'proportional' };
  let costCenters: string[] = [];
  if (methodName === 'fixed') {
    if (entry.costCenters !== undefined) {
      problems.push(
        `"${path}.costCenters": a fixed split names its cost centers in "weights"; drop "costCenters"`,
      );
    }
    const weights = parseWeights(entry.weights, `${path}.weights`, ids, problems);
    method = { kind: 'fixed', weights };
    costCenters = [...weights.keys()];
  } else if (methodName === 'proportional' || methodName === 'even') {
    if (entry.weights !== undefined) {
      problems.push(`"${path}.weights": only a "fixed" split takes weights`);
    }
    method = { kind: methodName };
    costCenters = costCenterList(entry.costCenters, `${path}.costCenters`, ids, problems);
  } else {
    problems.push(
      `"${path}.method": expected one of ${SPLIT_METHODS.join(', ')}, got ${JSON.stringify(methodName)}`,
    );
  }
  if (problems.length > before || name === undefined || source === null) return null;
  return { name, source, method, costCenters };
}

/** Exactly one of `amount` (fixed monthly), `match` (usage) or `from: "unallocated"`. */
function parsePoolSource(entry: JsonObject, path: string, problems: string[]): PoolSource | null {
  const given = (['amount', 'match', 'from'] as const).filter((key) => entry[key] !== undefined);
  if (given.length !== 1) {
    problems.push(
      `"${path}": give exactly one of "amount" (a fixed monthly amount), "match" (usage by attribute or tag) or "from": "unallocated"${given.length > 1 ? `, not ${given.map((key) => `"${key}"`).join(' and ')}` : ''}`,
    );
    return null;
  }
  if (entry.amount !== undefined) {
    const amountPico = parseAmount(entry.amount, `${path}.amount`, problems);
    return amountPico === null ? null : { kind: 'amount', amountPico };
  }
  if (entry.match !== undefined) {
    const conditions = parseConditions(entry.match, `${path}.match`, problems);
    return conditions.length === 0 ? null : { kind: 'usage', conditions };
  }
  if (entry.from === 'unallocated') return { kind: 'unallocated' };
  problems.push(`"${path}.from": expected "unallocated", got ${JSON.stringify(entry.from)}`);
  return null;
}

function checkPoolNames(pools: readonly SharedPool[], path: string, problems: string[]): void {
  const seen = new Set<string>();
  for (const pool of pools) {
    if (seen.has(pool.name)) problems.push(`"${path}": two pools are named "${pool.name}"`);
    seen.add(pool.name);
  }
  if (pools.filter((pool) => pool.source.kind === 'unallocated').length > 1) {
    problems.push(`"${path}": only one pool can take "from": "unallocated"`);
  }
}

/** `{ "CC-100": 3, "CC-200": "1.5" }`: weights ≥ 0, not all 0. */
function parseWeights(
  value: unknown,
  path: string,
  ids: readonly string[],
  problems: string[],
): Map<string, bigint> {
  const weights = new Map<string, bigint>();
  if (!isObject(value) || Object.keys(value).length === 0) {
    problems.push(
      `"${path}": a fixed split needs weights such as { "CC-100": 3, "CC-200": 1 }, got ${JSON.stringify(value)}`,
    );
    return weights;
  }
  for (const [id, weight] of Object.entries(value)) {
    if (costCenterRef(id, `${path}.${id}`, ids, problems) === null) continue;
    const parsed = decimalOf(weight);
    if (parsed === null || parsed < 0n) {
      problems.push(`"${path}.${id}": expected a weight ≥ 0 such as 3 or 1.5, got ${JSON.stringify(weight)}`);
      continue;
    }
    weights.set(id, parsed);
  }
  if (weights.size > 0 && [...weights.values()].every((weight) => weight === 0n)) {
    problems.push(`"${path}": at least one weight must be above 0`);
  }
  return weights;
}

/** A JSON number or decimal string as exact pico-units, or null. */
function decimalOf(value: unknown): bigint | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return parseDecimalToPico(Math.abs(value) < 1e-6 && value !== 0 ? value.toFixed(12) : String(value));
  }
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return parseDecimalToPico(value);
  return null;
}

/** An amount of dollars > 0: `1200`, `"99.95"`, `"$99.95"`. */
function parseAmount(value: unknown, path: string, problems: string[]): bigint | null {
  const pico = decimalOf(typeof value === 'string' ? value.replace(/^\s*\$/, '') : value);
  if (pico === null || pico <= 0n) {
    problems.push(
      `"${path}": expected an amount of dollars > 0 such as 1200 or "99.95", got ${JSON.stringify(value)}`,
    );
    return null;
  }
  return pico;
}

/** A percentage with at most 6 decimals between `min` and `max` as an exact rate. */
function parseRate(value: unknown, path: string, min: number, max: number, problems: string[]): Rate | null {
  const text =
    typeof value === 'number'
      ? String(value)
      : typeof value === 'string'
        ? value.trim().replace(/%$/, '')
        : '';
  const percentPico = /^-?\d+(\.\d{1,6})?$/.test(text) ? parseDecimalToPico(text) : null;
  const percent = Number(text);
  if (percentPico === null || percent < min || percent > max) {
    problems.push(
      `"${path}": expected a percentage from ${min} to ${max} (at most 6 decimals) such as 19 or 7.5, got ${JSON.stringify(value)}`,
    );
    return null;
  }
  // percent × 10¹² / 100 = the fraction × 10¹²: exact, since the percentage has at most 6 decimals.
  return { ratePpt: percentPico / 100n, percentText: picoToDecimalString(percentPico) };
}

function parseAdjustment(
  entry: unknown,
  path: string,
  ids: readonly string[],
  problems: string[],
): Adjustment | null {
  if (!isObject(entry)) {
    problems.push(`"${path}": expected { "kind": …, … }, got ${JSON.stringify(entry)}`);
    return null;
  }
  const kind = entry.kind;
  if (typeof kind !== 'string' || !(ADJUSTMENT_KINDS as readonly string[]).includes(kind)) {
    const suggestion = typeof kind === 'string' ? suggestKey(kind, ADJUSTMENT_KINDS) : null;
    problems.push(
      `"${path}.kind": expected one of ${ADJUSTMENT_KINDS.join(', ')}, got ${JSON.stringify(kind)}${suggestion === null ? '' : `; did you mean "${suggestion}"?`}`,
    );
    return null;
  }
  const before = problems.length;
  const adjustmentKind = kind as AdjustmentKind;
  checkFields(entry, ADJUSTMENT_FIELDS[adjustmentKind], path, problems);
  const costCenters = costCenterList(entry.costCenters, `${path}.costCenters`, ids, problems);
  const label = optionalText(entry.label, `${path}.label`, problems);
  const terms = parseTerms(adjustmentKind, entry, path, problems);
  if (terms === null || problems.length > before) return null;
  return { ...terms, label: label ?? defaultLabel(terms), costCenters };
}

function parseTerms(
  kind: AdjustmentKind,
  entry: JsonObject,
  path: string,
  problems: string[],
): AdjustmentTerms | null {
  switch (kind) {
    case 'markup':
    case 'discount':
    case 'tax': {
      const rate = required(entry, 'percent', path, problems)
        ? parseRate(entry.percent, `${path}.percent`, 0, MAX_PERCENT[kind], problems)
        : null;
      return rate === null ? null : { kind, rate };
    }
    case 'tiered': {
      const bands = parseBands(entry.bands, `${path}.bands`, problems);
      return bands === null ? null : { kind, bands };
    }
    case 'credit': {
      const amountPico = required(entry, 'amount', path, problems)
        ? parseAmount(entry.amount, `${path}.amount`, problems)
        : null;
      const period = entry.period === undefined ? null : parseMonth(entry.period, `${path}.period`, problems);
      return amountPico === null || period === undefined ? null : { kind, amountPico, period };
    }
    case 'prepaid': {
      const balancePico = required(entry, 'balance', path, problems)
        ? parseAmount(entry.balance, `${path}.balance`, problems)
        : null;
      const since = required(entry, 'since', path, problems)
        ? parseMonth(entry.since, `${path}.since`, problems)
        : undefined;
      return balancePico === null || since === undefined ? null : { kind, balancePico, since };
    }
    default:
      return kind satisfies never;
  }
}

function required(entry: JsonObject, key: string, path: string, problems: string[]): boolean {
  if (entry[key] !== undefined) return true;
  problems.push(`"${path}.${key}": missing`);
  return false;
}

/** `YYYY-MM`, or undefined (with a problem). */
function parseMonth(value: unknown, path: string, problems: string[]): string | undefined {
  if (typeof value === 'string' && MONTH.test(value)) return value;
  problems.push(`"${path}": expected a month such as "2026-10", got ${JSON.stringify(value)}`);
  return undefined;
}

/** `[{ "upTo": 1000, "percent": 8 }, { "upTo": 5000, "percent": 4 }, { "percent": 0 }]`. */
function parseBands(value: unknown, path: string, problems: string[]): VolumeBand[] | null {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(
      `"${path}": expected a list of bands such as [{ "upTo": 1000, "percent": 8 }, { "percent": 3 }], got ${JSON.stringify(value)}`,
    );
    return null;
  }
  const before = problems.length;
  const bands: VolumeBand[] = [];
  value.forEach((band: unknown, index) => {
    const bandPath = `${path}[${index}]`;
    const isLast = index === value.length - 1;
    if (!isObject(band)) {
      problems.push(
        `"${bandPath}": expected { "upTo": <dollars>, "percent": <n> }, got ${JSON.stringify(band)}`,
      );
      return;
    }
    checkFields(band, ['upTo', 'percent'], bandPath, problems);
    let upToPico: bigint | null = null;
    if (band.upTo === undefined) {
      if (!isLast) problems.push(`"${bandPath}.upTo": missing (only the last band is open-ended)`);
    } else if (isLast) {
      problems.push(`"${bandPath}.upTo": the last band is open-ended; drop "upTo"`);
    } else {
      upToPico = parseAmount(band.upTo, `${bandPath}.upTo`, problems);
      const previous = bands.at(-1)?.upToPico ?? null;
      if (upToPico !== null && previous !== null && upToPico <= previous) {
        problems.push(
          `"${bandPath}.upTo": bands must rise (${picoToDecimalString(upToPico)} ≤ ${picoToDecimalString(previous)})`,
        );
      }
    }
    const rate = required(band, 'percent', bandPath, problems)
      ? parseRate(band.percent, `${bandPath}.percent`, -100, MAX_PERCENT.tiered, problems)
      : null;
    if (rate !== null) bands.push({ upToPico, rate });
  });
  return problems.length > before ? null : bands;
}

function defaultLabel(terms: AdjustmentTerms): string {
  switch (terms.kind) {
    case 'markup':
      return `Markup ${terms.rate.percentText}%`;
    case 'discount':
      return `Discount ${terms.rate.percentText}%`;
    case 'tax':
      return `Tax ${terms.rate.percentText}%`;
    case 'tiered':
      return 'Volume tiers';
    case 'credit':
      return 'Credit';
    case 'prepaid':
      return `Prepaid balance since ${terms.since}`;
    default:
      return terms satisfies never;
  }
}
