import type { ChargebackStatement, PoolAllocation } from '../chargeback/chargeback-statement.ts';
import type { DepartmentRow } from '../chargeback/group-by-department.ts';
import { picoToNumber } from '../model/money.ts';

/** Amounts in the chargeback JSON: US dollars as decimal numbers, whole cents. */
type Dollars = number;

export interface ChargebackAmountsJson {
  readonly direct: Dollars;
  readonly shared: Dollars;
  readonly adjustments: Dollars;
  readonly total: Dollars;
}

export interface CostCenterRowJson extends ChargebackAmountsJson {
  readonly costCenter: string;
  readonly name: string;
  readonly department: string | null;
  readonly shares: readonly { readonly pool: string; readonly amount: Dollars }[];
  readonly adjustmentLines: readonly {
    readonly kind: string;
    readonly label: string;
    readonly method: string;
    readonly base: Dollars;
    readonly amount: Dollars;
  }[];
}

export interface DepartmentRowJson extends ChargebackAmountsJson {
  readonly department: string;
  readonly costCenters: readonly string[];
}

export interface PoolJson {
  readonly name: string;
  readonly source: PoolAllocation['source'];
  readonly method: PoolAllocation['method'];
  readonly note: string | null;
  readonly amount: Dollars;
  /** `share`: the cost center's weight as a fraction of the pool's weights (6 decimals). */
  readonly shares: readonly {
    readonly costCenter: string;
    readonly share: number;
    readonly amount: Dollars;
  }[];
}

/**
 * `llmcost chargeback --format json`: a public contract (scripts depend on it). `rows` (cost centers,
 * or departments with `--by department`), `totals` (the exact sums of the rows) and `pools`, every
 * amount in US dollars as a decimal number of whole cents.
 */
export interface ChargebackJson {
  readonly period: string;
  readonly currency: 'USD';
  readonly by: 'cost-center' | 'department';
  readonly rows: readonly (CostCenterRowJson | DepartmentRowJson)[];
  readonly totals: ChargebackAmountsJson & {
    /** The period's usage cost (what `report` totals): direct spend plus usage taken into pools. */
    readonly usage: Dollars;
  };
  readonly pools: readonly PoolJson[];
  readonly balances: readonly {
    readonly kind: 'credit' | 'prepaid';
    readonly label: string;
    readonly available: Dollars;
    readonly applied: Dollars;
    readonly remaining: Dollars;
  }[];
  readonly unpricedRecords: number;
}

const amountsOf = (row: {
  directPico: bigint;
  sharedPico: bigint;
  adjustmentsPico: bigint;
  totalPico: bigint;
}): ChargebackAmountsJson => ({
  direct: picoToNumber(row.directPico),
  shared: picoToNumber(row.sharedPico),
  adjustments: picoToNumber(row.adjustmentsPico),
  total: picoToNumber(row.totalPico),
});

export function toChargebackJson(
  statement: ChargebackStatement,
  departments: readonly DepartmentRow[] | null,
): ChargebackJson {
  return {
    period: statement.period,
    currency: 'USD',
    by: departments === null ? 'cost-center' : 'department',
    rows:
      departments === null
        ? statement.rows.map((row) => ({
            costCenter: row.costCenter,
            name: row.name,
            department: row.department,
            ...amountsOf(row),
            shares: row.shares.map((share) => ({ pool: share.pool, amount: picoToNumber(share.amountPico) })),
            adjustmentLines: row.adjustments.map((line) => ({
              kind: line.kind,
              label: line.label,
              method: line.method,
              base: picoToNumber(line.basePico),
              amount: picoToNumber(line.amountPico),
            })),
          }))
        : departments.map((row) => ({
            department: row.department,
            costCenters: row.costCenters,
            ...amountsOf(row),
          })),
    totals: { ...amountsOf(statement.totals), usage: picoToNumber(statement.totals.usagePico) },
    pools: statement.pools.map((pool) => {
      const weightSum = pool.shares.reduce((sum, share) => sum + share.weight, 0n);
      return {
        name: pool.name,
        source: pool.source,
        method: pool.method,
        note: pool.note,
        amount: picoToNumber(pool.amountPico),
        shares: pool.shares.map((share) => ({
          costCenter: share.costCenter,
          share: weightSum === 0n ? 0 : Number((share.weight * 1_000_000n) / weightSum) / 1_000_000,
          amount: picoToNumber(share.amountPico),
        })),
      };
    }),
    balances: statement.balances.map((balance) => ({
      kind: balance.kind,
      label: balance.label,
      available: picoToNumber(balance.availablePico),
      applied: picoToNumber(balance.appliedPico),
      remaining: picoToNumber(balance.remainingPico),
    })),
    unpricedRecords: statement.unpricedRecords,
  };
}

export function renderChargebackJson(
  statement: ChargebackStatement,
  departments: readonly DepartmentRow[] | null,
): string {
  return `${JSON.stringify(toChargebackJson(statement, departments), null, 2)}\n`;
}
