import type { TokenClassName } from '../anomalies/token-class.ts';
import type {
  AdjustmentKind,
  ChargebackAttributes,
  PoolSource,
  SplitMethodName,
} from '../model/chargeback-config.ts';
import type { PicoUsd } from '../model/money.ts';
import type { UsageTotals } from '../model/usage-totals.ts';

/**
 * One store group of a period's usage, as the chargeback reads it: the attributes the rules test, and
 * the project, provider and model the Detail sheet breaks spend down by.
 */
export interface ChargebackUsage {
  readonly attributes: ChargebackAttributes;
  readonly project: string | null;
  readonly provider: string;
  readonly model: string;
  readonly totals: UsageTotals;
}

/**
 * Prices each token class of a usage group alone (list price, pico-dollars as numbers, in
 * TOKEN_CLASS_NAMES order): the weights its exact cost is split by in the Detail sheet. Zero weights
 * put the whole cost under `other`.
 */
export type TokenClassWeigher = (usage: ChargebackUsage) => readonly number[];

/** One line of a statement's adjustments: what it is, how it was computed, and its amount. */
export interface AdjustmentLine {
  /** Index in `chargeback.adjustments`. */
  readonly index: number;
  readonly kind: AdjustmentKind;
  readonly label: string;
  /** How the amount was computed, in words (`5% of $1,234.50`), for every output. */
  readonly method: string;
  /** The amount it was computed on (pico-dollars, whole cents). */
  readonly basePico: PicoUsd;
  /** Signed: markups and tax add, discounts, credits and prepaid drawdown subtract (whole cents). */
  readonly amountPico: PicoUsd;
}

/** A pool's share going to one cost center. */
export interface PoolShare {
  readonly costCenter: string;
  /**
   * The weight it was split by, in pico-units: its direct spend (pico-dollars) for proportional, 1
   * (10¹²) for even, the configured weight for fixed.
   */
  readonly weight: bigint;
  readonly amountPico: PicoUsd;
}

/** How one shared pool was split. Its shares add up to `amountPico` exactly. */
export interface PoolAllocation {
  readonly name: string;
  readonly source: PoolSource['kind'];
  /** The method used: the configured one, or `even` when `proportional` had no direct spend to follow. */
  readonly method: SplitMethodName;
  /** Why the method differs from the configured one, or null. */
  readonly note: string | null;
  /** The pool in pico-dollars, whole cents. */
  readonly amountPico: PicoUsd;
  readonly shares: readonly PoolShare[];
}

/** One cost center's (or Unallocated's) line of the summary; every amount in whole cents. */
export interface ChargebackRow {
  readonly costCenter: string;
  readonly name: string;
  /** Null: the cost center has none; `Unallocated` for the Unallocated bucket. */
  readonly department: string | null;
  readonly directPico: PicoUsd;
  readonly sharedPico: PicoUsd;
  readonly adjustmentsPico: PicoUsd;
  /** direct + shared + adjustments. */
  readonly totalPico: PicoUsd;
  /** Its share of each pool, in pool order (pools it is not in are left out). */
  readonly shares: readonly { readonly pool: string; readonly amountPico: PicoUsd }[];
  /** In the order applied (usage-based → credits → prepaid → tax). */
  readonly adjustments: readonly AdjustmentLine[];
}

/** Credits and prepaid balances: what was on offer, what was used, what is left. */
export interface BalanceOutcome {
  readonly index: number;
  readonly kind: 'credit' | 'prepaid';
  readonly label: string;
  /** The credit, or the prepaid balance at the start of the period. */
  readonly availablePico: PicoUsd;
  readonly appliedPico: PicoUsd;
  /** Prepaid: carried into the next month; credit: unused (credits do not carry over). */
  readonly remainingPico: PicoUsd;
}

/** Spend by cost center (or pool) × project × model × token class; cents add up to the bucket's. */
export interface DetailLine {
  /** A cost center, `Unallocated`, or the pool the usage went to. */
  readonly costCenter: string;
  /** `direct` for a cost center's own usage, `pool` for usage taken into a shared pool. */
  readonly bucket: 'direct' | 'pool';
  readonly project: string | null;
  readonly provider: string;
  readonly model: string;
  readonly tokenClass: TokenClassName;
  readonly tokens: number;
  readonly costPico: PicoUsd;
}

export interface ChargebackTotals {
  readonly directPico: PicoUsd;
  readonly sharedPico: PicoUsd;
  readonly adjustmentsPico: PicoUsd;
  readonly totalPico: PicoUsd;
  /**
   * The period's usage cost (what `report` shows): direct spend plus the usage taken into pools by tag
   * or from Unallocated. The fixed pools and the adjustments come on top.
   */
  readonly usagePico: PicoUsd;
}

/** A period's chargeback: who pays what, how shared costs were split, and every adjustment. */
export interface ChargebackStatement {
  /** `YYYY-MM`. */
  readonly period: string;
  /** Declared cost centers in config order, then Unallocated when anything is left in it. */
  readonly rows: readonly ChargebackRow[];
  /** The sums of the rows (exact). */
  readonly totals: ChargebackTotals;
  readonly pools: readonly PoolAllocation[];
  readonly balances: readonly BalanceOutcome[];
  /** Sorted by cost center (config order), project, provider, model, token class. */
  readonly detail: readonly DetailLine[];
  /** Records without a cost in the cost mode: counted, charged to nobody. */
  readonly unpricedRecords: number;
  /** Prepaid balances left after this period, by adjustment index (the next month's opening). */
  readonly prepaidClosing: ReadonlyMap<number, PicoUsd>;
}
