/**
 * Chargeback vocabulary: how usage is charged back to the cost centers that caused it (the config
 * file's `chargeback` key, parsed by config/parse-chargeback.ts).
 *
 * A **cost center** is who pays (finance's unit: `CC-100`), inside a **department** (one level of
 * hierarchy). **Rules** map usage to cost centers by its attributes, first match wins; usage no rule
 * matches goes to the explicit `Unallocated` bucket. **Pools** are shared costs split across cost
 * centers; **adjustments** turn allocated usage into what is charged (markups, discounts, credits,
 * prepaid drawdown, tax). All money is exact pico-USD (model/money.ts).
 */

/** The record attributes a rule can test; `tag:<key>` tests the value of one tag. */
export const CHARGEBACK_ATTRIBUTES = ['team', 'project', 'apiKey', 'user', 'workspace'] as const;
export type BuiltInChargebackAttribute = (typeof CHARGEBACK_ATTRIBUTES)[number];
export type ChargebackAttribute = BuiltInChargebackAttribute | `tag:${string}`;

/** The cost center (and department) of usage that no rule matched. Not a name a config may declare. */
export const UNALLOCATED = 'Unallocated';

/**
 * One record's attributes as the rules see them. A `UsageRecord` is one; so is a store aggregate
 * grouped by `chargebackDimensions()` (see chargeback/match-cost-center.ts). Null: not set.
 */
export interface ChargebackAttributes {
  readonly team: string | null;
  readonly project: string | null;
  readonly apiKey: string | null;
  readonly user: string | null;
  readonly workspace: string | null;
  /** Only the tags the rules mention need be present. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * One test of a rule: the attribute equals one of `patterns`. A pattern is exact text, where `*`
 * stands for any run of characters (`research-*`). An attribute that is not set matches nothing.
 */
export interface AttributeCondition {
  readonly attribute: ChargebackAttribute;
  readonly patterns: readonly string[];
}

/** Usage whose attributes pass every condition belongs to `costCenter`. */
export interface AllocationRule {
  readonly conditions: readonly AttributeCondition[];
  readonly costCenter: string;
}

export interface CostCenter {
  /** The key in the config (`CC-100`): what rules, pools, adjustments and `--cost-center` name. */
  readonly id: string;
  /** Display name (`Search`); the id when the config gives none. */
  readonly name: string;
  /** The department it rolls up to, or null (shown as `(none)` by `--by department`). */
  readonly department: string | null;
}

/**
 * Where a shared pool's amount comes from:
 * - `amount`: a set amount per calendar month (platform overhead, a support contract);
 * - `usage`: the spend of usage matching `conditions` (eval runs by tag), taken out of direct spend;
 *   a record matching several pools goes to the first;
 * - `unallocated`: the spend no rule matched (the `Unallocated` bucket), taken out of it.
 */
export type PoolSource =
  | { readonly kind: 'amount'; readonly amountPico: bigint }
  | { readonly kind: 'usage'; readonly conditions: readonly AttributeCondition[] }
  | { readonly kind: 'unallocated' };

/**
 * How a pool is split across its cost centers:
 * - `proportional`: to each one's direct spend in the period (before any pool);
 * - `even`: the same share each;
 * - `fixed`: to stated weights (`{ "CC-100": 3, "CC-200": 1 }`), exact decimals as pico-units.
 */
export type SplitMethod =
  | { readonly kind: 'proportional' }
  | { readonly kind: 'even' }
  | { readonly kind: 'fixed'; readonly weights: ReadonlyMap<string, bigint> };

export const SPLIT_METHODS = ['proportional', 'even', 'fixed'] as const;
export type SplitMethodName = (typeof SPLIT_METHODS)[number];

export interface SharedPool {
  readonly name: string;
  readonly source: PoolSource;
  readonly method: SplitMethod;
  /** The cost centers that share it, in config order (for `fixed`: the weights' keys); never Unallocated. */
  readonly costCenters: readonly string[];
}

/**
 * A rate as an exact fraction: `ratePpt` parts per trillion (19 % = 190_000_000_000n), so that
 * amount × rate is exact integer maths. `percentText` is the percentage as the config wrote it.
 */
export interface Rate {
  readonly ratePpt: bigint;
  readonly percentText: string;
}

/** A marginal volume band: spend up to `upToPico` (null: no limit) is adjusted by `rate` (may be negative). */
export interface VolumeBand {
  readonly upToPico: bigint | null;
  readonly rate: Rate;
}

export const ADJUSTMENT_KINDS = ['markup', 'discount', 'tiered', 'credit', 'prepaid', 'tax'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

/**
 * A billing adjustment. Percent kinds (`markup`, `discount`, `tiered`, `tax`) apply to each cost
 * center in scope on its own; amount kinds (`credit`, `prepaid`) are one amount shared by the cost
 * centers in scope, in proportion to what they are charged at that step. The steps run in a fixed
 * order whatever the file order: usage-based (markup, discount, tiered) → credits → prepaid → tax.
 */
export type AdjustmentTerms =
  | { readonly kind: 'markup' | 'discount' | 'tax'; readonly rate: Rate }
  | { readonly kind: 'tiered'; readonly bands: readonly VolumeBand[] }
  /** `period`: the month (`YYYY-MM`) the credit is for; null: every month. */
  | { readonly kind: 'credit'; readonly amountPico: bigint; readonly period: string | null }
  /** A balance paid in advance at the start of month `since`, drawn down month by month until spent. */
  | { readonly kind: 'prepaid'; readonly balancePico: bigint; readonly since: string };

export type Adjustment = AdjustmentTerms & {
  /** What invoices call it (`Tax 19%`); the config's `label`, else one made from the terms. */
  readonly label: string;
  /** Cost centers it applies to, in config order; all declared cost centers when the config lists none. */
  readonly costCenters: readonly string[];
};

/** The config file's `chargeback` key, validated: every cost center named anywhere is declared. */
export interface ChargebackConfig {
  /** In config order. */
  readonly costCenters: readonly CostCenter[];
  /** In config order: the first rule that matches wins. */
  readonly rules: readonly AllocationRule[];
  readonly pools: readonly SharedPool[];
  readonly adjustments: readonly Adjustment[];
}
