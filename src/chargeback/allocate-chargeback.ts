import { UNALLOCATED, type ChargebackConfig } from '../model/chargeback-config.ts';
import { PICO_PER_CENT, roundPicoUsdToCents, type PicoUsd } from '../model/money.ts';
import { applyAdjustments } from './apply-adjustments.ts';
import { bucketKey, buildChargebackDetail, type ClassifiedUsage } from './build-chargeback-detail.ts';
import type {
  ChargebackRow,
  ChargebackStatement,
  ChargebackUsage,
  TokenClassWeigher,
} from './chargeback-statement.ts';
import { createUsageClassifier, type UsageBucket } from './classify-usage.ts';
import { roundToCentsKeepingTotal } from './largest-remainder.ts';
import { splitPools } from './split-pools.ts';

export interface ChargebackInput {
  /** `YYYY-MM`. */
  readonly period: string;
  readonly chargeback: ChargebackConfig;
  /** The period's usage, grouped by (at least) `chargebackDimensions()`, project, provider and model. */
  readonly usage: readonly ChargebackUsage[];
  readonly weighTokenClasses: TokenClassWeigher;
  /** Prepaid balances left by earlier months, by adjustment index (absent: the whole balance). */
  readonly prepaidOpening?: ReadonlyMap<number, PicoUsd>;
}

/**
 * A period's chargeback. Order of operations:
 * 1. each usage group goes to a usage pool (first match), else to the cost center of the first rule
 *    that matches, else to Unallocated (or to the pool that takes Unallocated);
 * 2. the spend of every cost center and pool is rounded to cents together, by largest remainder, so
 *    that direct spend plus the usage pools equals the period's usage cost rounded to the cent (what
 *    `report` shows);
 * 3. pools (fixed amounts rounded to the cent) are split in whole cents, each adding up exactly;
 * 4. adjustments: usage-based (markup, discount, tiers) → credits → prepaid → tax (apply-adjustments.ts).
 * Every amount out is pico-dollars in whole cents; totals are sums of the rows.
 */
export function allocateChargeback(input: ChargebackInput): ChargebackStatement {
  const { chargeback } = input;
  const classify = createUsageClassifier(chargeback);
  const classified: ClassifiedUsage[] = input.usage.map((usage) => ({
    bucket: classify(usage.attributes),
    usage,
  }));

  const buckets = orderedBuckets(chargeback);
  const exact = new Map<string, PicoUsd>(buckets.map((bucket) => [bucketKey(bucket), 0n]));
  for (const { bucket, usage } of classified) {
    const key = bucketKey(bucket);
    exact.set(key, (exact.get(key) ?? 0n) + usage.totals.costPico);
  }
  const keys = [...exact.keys()];
  const rounded = roundToCentsKeepingTotal(keys.map((key) => exact.get(key) ?? 0n));
  const bucketCents = new Map(keys.map((key, index) => [key, rounded[index] ?? 0n]));
  const direct = (costCenter: string): PicoUsd =>
    bucketCents.get(bucketKey({ kind: 'direct', costCenter })) ?? 0n;

  const poolAmounts = new Map(
    chargeback.pools.map((pool) => [
      pool.name,
      pool.source.kind === 'amount'
        ? roundPicoUsdToCents(pool.source.amountPico) * PICO_PER_CENT
        : (bucketCents.get(bucketKey({ kind: 'pool', pool: pool.name })) ?? 0n),
    ]),
  );
  const centerIds = chargeback.costCenters.map((center) => center.id);
  const pools = splitPools(chargeback.pools, poolAmounts, new Map(centerIds.map((id) => [id, direct(id)])));
  const sharesOf = (id: string): { pool: string; amountPico: PicoUsd }[] =>
    pools.flatMap((pool) =>
      pool.shares
        .filter((share) => share.costCenter === id)
        .map((share) => ({ pool: pool.name, amountPico: share.amountPico })),
    );
  const allocated = new Map(
    centerIds.map((id) => [id, direct(id) + sum(sharesOf(id).map((share) => share.amountPico))]),
  );
  const adjusted = applyAdjustments(
    chargeback.adjustments,
    input.period,
    allocated,
    input.prepaidOpening ?? new Map(),
  );

  const rows: ChargebackRow[] = chargeback.costCenters.map((center) => {
    const shares = sharesOf(center.id);
    const adjustments = adjusted.lines.get(center.id) ?? [];
    const directPico = direct(center.id);
    const sharedPico = sum(shares.map((share) => share.amountPico));
    const adjustmentsPico = sum(adjustments.map((line) => line.amountPico));
    return {
      costCenter: center.id,
      name: center.name,
      department: center.department,
      directPico,
      sharedPico,
      adjustmentsPico,
      totalPico: directPico + sharedPico + adjustmentsPico,
      shares,
      adjustments,
    };
  });
  const unallocated = direct(UNALLOCATED);
  if (unallocated !== 0n) {
    rows.push({
      costCenter: UNALLOCATED,
      name: UNALLOCATED,
      department: UNALLOCATED,
      directPico: unallocated,
      sharedPico: 0n,
      adjustmentsPico: 0n,
      totalPico: unallocated,
      shares: [],
      adjustments: [],
    });
  }

  const rank = new Map(buckets.map((bucket, index) => [bucketKey(bucket), index]));
  return {
    period: input.period,
    rows,
    totals: {
      directPico: sum(rows.map((row) => row.directPico)),
      sharedPico: sum(rows.map((row) => row.sharedPico)),
      adjustmentsPico: sum(rows.map((row) => row.adjustmentsPico)),
      totalPico: sum(rows.map((row) => row.totalPico)),
      usagePico: sum(rounded),
    },
    pools,
    balances: adjusted.balances,
    detail: buildChargebackDetail(
      classified,
      bucketCents,
      input.weighTokenClasses,
      (bucket) => rank.get(bucketKey(bucket)) ?? buckets.length,
    ),
    unpricedRecords: input.usage.reduce((count, usage) => count + usage.totals.unpricedRecords, 0),
    prepaidClosing: adjusted.prepaidClosing,
  };
}

/** One month's usage, for `allocateChargebackMonths`. */
export interface MonthUsage {
  readonly period: string;
  readonly usage: readonly ChargebackUsage[];
}

/**
 * The chargeback of the last of `months` (consecutive, oldest first), with prepaid balances drawn
 * down through the earlier ones: each month opens with the balance the previous one left.
 */
export function allocateChargebackMonths(
  months: readonly MonthUsage[],
  chargeback: ChargebackConfig,
  weighTokenClasses: TokenClassWeigher,
): ChargebackStatement {
  let prepaidOpening: ReadonlyMap<number, PicoUsd> = new Map();
  let statement: ChargebackStatement | null = null;
  for (const month of months) {
    statement = allocateChargeback({ ...month, chargeback, weighTokenClasses, prepaidOpening });
    prepaidOpening = statement.prepaidClosing;
  }
  if (statement === null) throw new RangeError('allocateChargebackMonths: no months given');
  return statement;
}

/**
 * The months `allocateChargebackMonths` needs for `period` (`YYYY-MM`), oldest first: from the
 * earliest prepaid balance bought before it (its drawdown so far decides what is left), else the
 * period alone.
 */
export function chargebackMonths(chargeback: ChargebackConfig, period: string): string[] {
  const starts = chargeback.adjustments.flatMap((adjustment) =>
    adjustment.kind === 'prepaid' && adjustment.since < period ? [adjustment.since] : [],
  );
  const first = starts.sort()[0] ?? period;
  const months: string[] = [];
  for (let month = first; month <= period; month = nextMonth(month)) months.push(month);
  return months;
}

function nextMonth(month: string): string {
  const [year = 0, value = 0] = month.split('-').map(Number);
  return value === 12 ? `${year + 1}-01` : `${year}-${String(value + 1).padStart(2, '0')}`;
}

/** Declared cost centers in config order, Unallocated, then the pools that take usage. */
function orderedBuckets(chargeback: ChargebackConfig): UsageBucket[] {
  return [
    ...chargeback.costCenters.map((center): UsageBucket => ({ kind: 'direct', costCenter: center.id })),
    { kind: 'direct', costCenter: UNALLOCATED },
    ...chargeback.pools.flatMap((pool): UsageBucket[] =>
      pool.source.kind === 'amount' ? [] : [{ kind: 'pool', pool: pool.name }],
    ),
  ];
}

function sum(amounts: readonly PicoUsd[]): PicoUsd {
  return amounts.reduce((total, amount) => total + amount, 0n);
}
