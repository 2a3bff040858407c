import type { SourceKind } from './source-kind.ts';

/**
 * One source kind's usage summed over a UTC day, provider and model, on a provider and day that both
 * kinds cover: what `reconcile` compares. Money in pico-USD; costs stated in other currencies are left
 * out of `statedCostPico`.
 */
export interface KindDaySums {
  readonly dayStartMs: number;
  readonly provider: string;
  readonly model: string;
  readonly kind: SourceKind;
  readonly records: number;
  readonly inputTokens: number;
  readonly cacheReadTokens: number;
  /** Every cache write (5m, 1h and unknown TTL). */
  readonly cacheWriteTokens: number;
  readonly outputTokens: number;
  /** List cost of the priced records. */
  readonly listCostPico: bigint;
  readonly unpricedRecords: number;
  /** Cost the sources state in USD, and how many records state one. */
  readonly statedCostPico: bigint;
  readonly statedRecords: number;
}
