import {
  CHARGEBACK_ATTRIBUTES,
  SPLIT_METHODS,
  UNALLOCATED,
  type AllocationRule,
  type AttributeCondition,
  type ChargebackAttribute,
  type ChargebackConfig,
  type CostCenter,
  type PoolSource,
  type SharedPool,
  type SplitMethod,
} from '../model/chargeback-config.ts';
import { suggestKey } from '../ingest/suggest-key.ts';
import {
  checkFields,
  costCenterList,
  costCenterRef,
  decimalOf,
  isObject,
  listOf,
  optionalText,
  parseAmount,
  type JsonObject,
} from './chargeback-fields.ts';
import { parseAdjustment } from './parse-chargeback-adjustments.ts';

const TOP_FIELDS = ['costCenters', 'rules', 'pools', 'adjustments'] as const;
const COST_CENTER_FIELDS = ['name', 'department'] as const;
const RULE_FIELDS = ['costCenter', 'match'] as const;
const POOL_FIELDS = ['name', 'amount', 'match', 'from', 'method', 'costCenters', 'weights'] as const;
const COST_CENTER_ID = /^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,63}$/;

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
