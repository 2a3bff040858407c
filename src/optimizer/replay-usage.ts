import { periodOf } from '../analysis/period.ts';
import type { PicoUsd } from '../model/money.ts';
import type { Rational } from '../pricing/price-book.ts';
import type { CompiledScenario, ReplayPlan } from './plan-replay.ts';
import { hasCachePrices } from './plan-replay.ts';
import { countedRequests, promptTokens, requestsPerTest, type ReplayRow } from './replay-row.ts';
import { tokenizerFamilyOf, tokenScale } from './tokenizer-ratios.ts';
import { checkTargetLimits, moveToModel, withPromptCaching, type RequestState } from './transform-request.ts';

const QUARTER_HOUR_MS = 900_000;

/** A dimension the replay breaks costs down by; `day` is a calendar day in the options' time zone. */
export type BreakdownDimension = 'model' | 'provider' | 'project' | 'day' | `tag:${string}`;

export interface ReplayOptions {
  readonly breakdownBy: readonly BreakdownDimension[];
  /** IANA zone the `day` breakdown's days are in. */
  readonly timeZone: string;
}

/** Records and requests (a record whose request count is unknown adds a record and no request). */
export interface UsageCount {
  readonly records: number;
  readonly requests: number;
}

/** Usage one reason applies to, with its baseline cost. */
export interface ReasonCount extends UsageCount {
  readonly reason: string;
  readonly baselinePico: PicoUsd;
}

/** What one operation of a scenario changed: the requests it applied to and their cost before and after. */
export interface OperationEffect extends UsageCount {
  readonly operation: string;
  readonly beforePico: PicoUsd;
  readonly afterPico: PicoUsd;
}

export interface BaselineResult extends UsageCount {
  /** List cost of the priced usage under the active prices, replayed (pico-USD). */
  readonly costPico: PicoUsd;
  /** The stored list cost of the same usage, as priced when ingested or repriced (pico-USD). */
  readonly recordedCostPico: PicoUsd;
  /** Usage the active prices cannot price: left out of every total, baseline and scenarios alike. */
  readonly unpriced: UsageCount & { readonly reasons: readonly ReasonCount[] };
}

export interface ScenarioResult {
  readonly name: string;
  /** Cost of the same usage under the scenario (pico-USD). */
  readonly costPico: PicoUsd;
  /** Baseline cost − scenario cost: positive when the scenario is cheaper. */
  readonly savingsPico: PicoUsd;
  /** Per operation, in the order the scenario lists them. */
  readonly effects: readonly OperationEffect[];
  /** Usage an operation could not apply to (kept as it was), once per record, with every reason. */
  readonly excluded: UsageCount & { readonly reasons: readonly ReasonCount[] };
  readonly notes: readonly string[];
}

export interface BreakdownRow extends UsageCount {
  /** The dimension's value; null where the usage does not set it. */
  readonly key: string | null;
  readonly baselinePico: PicoUsd;
  /** Per scenario, in the plan's order. */
  readonly scenarioPico: readonly PicoUsd[];
}

export interface Breakdown {
  readonly dimension: BreakdownDimension;
  /** By baseline cost, largest first (`day`: by day), ties by key. */
  readonly rows: readonly BreakdownRow[];
}

export interface ReplayResult {
  readonly baseline: BaselineResult;
  readonly scenarios: readonly ScenarioResult[];
  readonly breakdowns: readonly Breakdown[];
}

/**
 * Replays usage under every scenario of a plan, one pass over the rows (an iterable, so the store can
 * stream them). Per row: the baseline cost with the active prices; then, per scenario, each operation in
 * turn on the request as the previous one left it (see Scenario). Money is exact pico-USD; the only
 * rounding is the pricer's (batch and override multipliers) and the batch share's, each half away from
 * zero, once per row. Derived token counts (tokenizer ratio, cache split) are whole tokens per row.
 */
export function replayUsage(
  rows: Iterable<ReplayRow>,
  plan: ReplayPlan,
  options: ReplayOptions,
): ReplayResult {
  const baseline = createBaselineTotals();
  const scenarios = plan.scenarios.map(createScenarioTotals);
  const breakdowns = options.breakdownBy.map((dimension) => ({
    dimension,
    keyOf: breakdownKey(dimension, options.timeZone),
    rows: new Map<string | null, MutableBreakdownRow>(),
  }));
  const scenarioCosts: bigint[] = new Array<bigint>(scenarios.length).fill(0n);

  for (const row of rows) {
    const requests = countedRequests(row);
    const base = plan.baselinePrice(row);
    if (base.kind === 'unpriced') {
      baseline.unpricedRecords += row.records;
      baseline.unpricedRequests += requests;
      addReason(baseline.unpricedReasons, base.reason, row, 0n);
      continue;
    }
    baseline.costPico += base.costPico;
    baseline.recordedCostPico += row.recordedCostPico;
    baseline.records += row.records;
    baseline.requests += requests;
    for (let index = 0; index < scenarios.length; index++) {
      const totals = scenarios[index];
      if (totals === undefined) continue;
      const cost = replayRow(row, base.costPico, base.modelId, totals, plan);
      totals.costPico += cost;
      scenarioCosts[index] = cost;
    }
    for (const breakdown of breakdowns) {
      const key = breakdown.keyOf(row);
      let entry = breakdown.rows.get(key);
      if (entry === undefined) {
        entry = {
          key,
          records: 0,
          requests: 0,
          baselinePico: 0n,
          scenarioPico: new Array<bigint>(scenarios.length).fill(0n),
        };
        breakdown.rows.set(key, entry);
      }
      entry.records += row.records;
      entry.requests += requests;
      entry.baselinePico += base.costPico;
      for (let index = 0; index < scenarioCosts.length; index++)
        entry.scenarioPico[index] = (entry.scenarioPico[index] ?? 0n) + (scenarioCosts[index] ?? 0n);
    }
  }

  return {
    baseline: {
      costPico: baseline.costPico,
      recordedCostPico: baseline.recordedCostPico,
      records: baseline.records,
      requests: baseline.requests,
      unpriced: {
        records: baseline.unpricedRecords,
        requests: baseline.unpricedRequests,
        reasons: sortedReasons(baseline.unpricedReasons),
      },
    },
    scenarios: scenarios.map((totals) => ({
      name: totals.scenario.name,
      costPico: totals.costPico,
      savingsPico: baseline.costPico - totals.costPico,
      effects: [...totals.effects.values()],
      excluded: {
        records: totals.excludedRecords,
        requests: totals.excludedRequests,
        reasons: sortedReasons(totals.excludedReasons),
      },
      notes: totals.scenario.notes,
    })),
    breakdowns: breakdowns.map(({ dimension, rows: byKey }) => ({
      dimension,
      rows: [...byKey.values()].sort(dimension === 'day' ? byKeyAscending : byBaselineDescending),
    })),
  };
}

interface ScenarioTotals {
  readonly scenario: CompiledScenario;
  costPico: bigint;
  /** Keyed by operation label, created in the scenario's order so output keeps it. */
  readonly effects: Map<string, MutableEffect>;
  excludedRecords: number;
  excludedRequests: number;
  readonly excludedReasons: Map<string, MutableReason>;
}

type MutableEffect = { -readonly [K in keyof OperationEffect]: OperationEffect[K] };
type MutableReason = { -readonly [K in keyof ReasonCount]: ReasonCount[K] };
type MutableBreakdownRow = { -readonly [K in keyof BreakdownRow]: BreakdownRow[K] } & {
  scenarioPico: bigint[];
};

function createBaselineTotals() {
  return {
    costPico: 0n,
    recordedCostPico: 0n,
    records: 0,
    requests: 0,
    unpricedRecords: 0,
    unpricedRequests: 0,
    unpricedReasons: new Map<string, MutableReason>(),
  };
}

function createScenarioTotals(scenario: CompiledScenario): ScenarioTotals {
  const effects = new Map<string, MutableEffect>();
  const labels = [
    ...(scenario.priceListLabel === null ? [] : [scenario.priceListLabel]),
    ...scenario.modelChanges.map((change) => change.label),
    ...scenario.caches.map((cache) => cache.label),
    ...scenario.tiers.map((tier) => tier.label),
    ...scenario.batches.map((batch) => batch.label),
  ];
  for (const operation of labels)
    effects.set(operation, { operation, records: 0, requests: 0, beforePico: 0n, afterPico: 0n });
  return {
    scenario,
    costPico: 0n,
    effects,
    excludedRecords: 0,
    excludedRequests: 0,
    excludedReasons: new Map(),
  };
}

/**
 * One row under one scenario: returns its scenario cost and records what changed and what could not.
 * `baseCost`/`baseKey`: the row's baseline cost and the price-book key that priced it.
 */
function replayRow(
  row: ReplayRow,
  baseCost: bigint,
  baseKey: string,
  totals: ScenarioTotals,
  plan: ReplayPlan,
): bigint {
  const { scenario } = totals;
  const { price } = scenario;
  const exclusions: string[] = [];
  let state: RequestState = row;
  let cost = baseCost;
  let modelKey = baseKey;
  const applied = (label: string, after: bigint): void => {
    const effect = totals.effects.get(label);
    if (effect !== undefined) {
      effect.records += row.records;
      effect.requests += countedRequests(row);
      effect.beforePico += cost;
      effect.afterPico += after;
    }
    cost = after;
  };

  if (scenario.priceListLabel !== null) {
    const start = price(row);
    if (start.kind === 'unpriced') {
      exclude(totals, row, baseCost, [`${scenario.priceListLabel}: ${start.reason}`]);
      return baseCost;
    }
    applied(scenario.priceListLabel, start.costPico);
    modelKey = start.modelId;
  }

  const change = scenario.modelChanges.find(
    (candidate) =>
      candidate.matchesModel(row.model, modelKey) && (candidate.when === null || candidate.when(row)),
  );
  if (change !== undefined && change.targetKey !== modelKey) {
    const source = scenario.book.models[modelKey];
    const scale: Rational = tokenScale(
      plan.settings.tokenizerRatios,
      source === undefined ? null : tokenizerFamilyOf(source.model, source.provider),
      change.family,
    );
    const overLimit = checkTargetLimits(state, scale, change.target, change.targetKey);
    if (overLimit !== null) {
      exclusions.push(`${change.label}: ${overLimit}`);
    } else {
      const moved = moveToModel(
        state,
        change.target,
        scale,
        change.hasCachePrices,
        source?.provider === change.target.provider,
      );
      const priced = price(moved);
      if (priced.kind === 'unpriced') {
        exclusions.push(`${change.label}: ${priced.reason}`);
      } else {
        state = moved;
        modelKey = priced.modelId;
        applied(change.label, priced.costPico);
      }
    }
  }

  const cache = scenario.caches.find((candidate) => candidate.when === null || candidate.when(row));
  if (cache !== undefined) {
    const entry = scenario.book.models[modelKey];
    if (promptTokens(row) < plan.settings.minCacheablePromptTokens * requestsPerTest(row)) {
      exclusions.push(
        `${cache.label}: prompt under ${plan.settings.minCacheablePromptTokens} tokens per request, not cacheable`,
      );
    } else if (entry === undefined || !hasCachePrices(entry)) {
      exclusions.push(`${cache.label}: ${modelKey} has no prompt-cache prices`);
    } else {
      const cached = withPromptCaching(state, cache.hitRate, cache.ttl);
      const priced = price(cached);
      if (priced.kind === 'unpriced') {
        exclusions.push(`${cache.label}: ${priced.reason}`);
      } else {
        state = cached;
        applied(cache.label, priced.costPico);
      }
    }
  }

  const tier = scenario.tiers.find((candidate) => candidate.when === null || candidate.when(row));
  if (tier !== undefined && state.serviceTier?.toLowerCase() !== tier.tier) {
    const tiered = { ...state, serviceTier: tier.tier };
    const priced = price(tiered);
    if (priced.kind === 'unpriced') {
      exclusions.push(`${tier.label}: ${priced.reason}`);
    } else {
      state = tiered;
      applied(tier.label, priced.costPico);
    }
  }

  const batch = scenario.batches.find((candidate) => candidate.when === null || candidate.when(row));
  if (batch !== undefined && !state.isBatch) {
    const priced = price({ ...state, isBatch: true });
    if (priced.kind === 'unpriced') {
      exclusions.push(`${batch.label}: ${priced.reason}`);
    } else {
      applied(batch.label, cost + multiplyRoundHalfAway(priced.costPico - cost, batch.share));
    }
  }

  if (exclusions.length > 0) exclude(totals, row, baseCost, exclusions);
  return cost;
}

function exclude(totals: ScenarioTotals, row: ReplayRow, baseCost: bigint, reasons: readonly string[]): void {
  totals.excludedRecords += row.records;
  totals.excludedRequests += countedRequests(row);
  for (const reason of reasons) addReason(totals.excludedReasons, reason, row, baseCost);
}

function addReason(reasons: Map<string, MutableReason>, reason: string, row: ReplayRow, cost: bigint): void {
  let entry = reasons.get(reason);
  if (entry === undefined) {
    entry = { reason, records: 0, requests: 0, baselinePico: 0n };
    reasons.set(reason, entry);
  }
  entry.records += row.records;
  entry.requests += countedRequests(row);
  entry.baselinePico += cost;
}

/** Most requests first, then by text, so output is stable. */
function sortedReasons(reasons: ReadonlyMap<string, ReasonCount>): ReasonCount[] {
  return [...reasons.values()].sort(
    (a, b) => b.requests - a.requests || b.records - a.records || (a.reason < b.reason ? -1 : 1),
  );
}

/** amount × fraction, rounded half away from zero. */
function multiplyRoundHalfAway(amount: bigint, fraction: Rational): bigint {
  const numerator = amount * BigInt(fraction.numerator);
  const denominator = BigInt(fraction.denominator);
  const sign = numerator < 0n ? -1n : 1n;
  return sign * ((numerator * sign * 2n + denominator) / (denominator * 2n));
}

function breakdownKey(dimension: BreakdownDimension, timeZone: string): (row: ReplayRow) => string | null {
  switch (dimension) {
    case 'model':
      return (row) => row.model;
    case 'provider':
      return (row) => row.provider;
    case 'project':
      return (row) => row.project;
    case 'day': {
      // A zone's days start on a quarter hour: one zone conversion per quarter hour seen.
      const labels = new Map<number, string>();
      return (row) => {
        const quarter = Math.floor(row.occurredAtMs / QUARTER_HOUR_MS);
        let label = labels.get(quarter);
        if (label === undefined) {
          label = periodOf(row.occurredAtMs, 'day', timeZone).label;
          labels.set(quarter, label);
        }
        return label;
      };
    }
    default: {
      const tag = dimension.slice(4);
      return (row) => row.tags[tag] ?? null;
    }
  }
}

function byBaselineDescending(a: BreakdownRow, b: BreakdownRow): number {
  if (a.baselinePico !== b.baselinePico) return a.baselinePico > b.baselinePico ? -1 : 1;
  return byKeyAscending(a, b);
}

function byKeyAscending(a: BreakdownRow, b: BreakdownRow): number {
  if (a.key === b.key) return 0;
  if (a.key === null) return 1;
  if (b.key === null) return -1;
  return a.key < b.key ? -1 : 1;
}
