/** How stored costs of one hour, provider and model change under the new pricing. */
export interface RepriceChange {
  readonly hourStartMs: number;
  readonly provider: string;
  readonly model: string;
  /** Records whose cost, pricing model or unpriced reason changes. */
  readonly records: number;
  /** List cost before and after, over the changed records (unpriced counts as 0 here, see below). */
  readonly beforePico: bigint;
  readonly afterPico: bigint;
  readonly newlyPriced: number;
  readonly newlyUnpriced: number;
}
