import type { KindDaySums } from '../model/kind-day-sums.ts';

export type ReconcileBy = 'day' | 'model';
export const RECONCILE_BY: readonly ReconcileBy[] = ['day', 'model'];

/**
 * What a line compares. Token classes (tokens); `list cost`: each side's tokens at our list price;
 * `stated cost`: the cost each side states; `billed vs list`: the export's stated cost against the logs
 * at list price (what the bill says against what the logs say it should be). Money in pico-USD.
 */
export type ReconcileMeasure =
  'input' | 'cache read' | 'cache write' | 'output' | 'list cost' | 'stated cost' | 'billed vs list';

export interface ReconcileLine {
  readonly measure: ReconcileMeasure;
  readonly unit: 'tokens' | 'picoUSD';
  readonly billing: bigint;
  readonly logs: bigint;
  /** logs − billing, in `unit`. */
  readonly difference: bigint;
  /** The difference as a percentage of the billing figure; null when that is 0. */
  readonly differencePercent: number | null;
}

export interface ReconcileGroup {
  readonly provider: string;
  /** The UTC day (`--by day`), or null (`--by model`: every overlapping day summed). */
  readonly dayStartMs: number | null;
  /** The model (`--by model`), or null (`--by day`: every model summed). */
  readonly model: string | null;
  readonly lines: readonly ReconcileLine[];
  /** Records each side left out of its list cost for lack of a price. */
  readonly unpricedRecords: { readonly billing: number; readonly logs: number };
}

export interface Reconciliation {
  readonly by: ReconcileBy;
  /** Largest absolute money difference first (then provider, day, model). */
  readonly groups: readonly ReconcileGroup[];
  /** Every group summed; null when nothing overlaps. */
  readonly totals: ReconcileGroup | null;
}

interface Side {
  inputTokens: bigint;
  cacheReadTokens: bigint;
  cacheWriteTokens: bigint;
  outputTokens: bigint;
  listCostPico: bigint;
  statedCostPico: bigint;
  statedRecords: number;
  unpricedRecords: number;
}

const emptySide = (): Side => ({
  inputTokens: 0n,
  cacheReadTokens: 0n,
  cacheWriteTokens: 0n,
  outputTokens: 0n,
  listCostPico: 0n,
  statedCostPico: 0n,
  statedRecords: 0,
  unpricedRecords: 0,
});

function addTo(side: Side, sums: KindDaySums): void {
  side.inputTokens += BigInt(sums.inputTokens);
  side.cacheReadTokens += BigInt(sums.cacheReadTokens);
  side.cacheWriteTokens += BigInt(sums.cacheWriteTokens);
  side.outputTokens += BigInt(sums.outputTokens);
  side.listCostPico += sums.listCostPico;
  side.statedCostPico += sums.statedCostPico;
  side.statedRecords += sums.statedRecords;
  side.unpricedRecords += sums.unpricedRecords;
}

/**
 * Compares the billing export with the request logs where both cover a provider and UTC day: per day
 * (models summed) or per model (overlapping days summed), each token class, the list cost of each
 * side's tokens and, where a side states costs, the stated costs. Pure; exact integer differences.
 */
export function reconcileSources(sums: readonly KindDaySums[], by: ReconcileBy): Reconciliation {
  const groups = new Map<
    string,
    { provider: string; dayStartMs: number | null; model: string | null; billing: Side; logs: Side }
  >();
  const total = { billing: emptySide(), logs: emptySide() };
  for (const row of sums) {
    const key = by === 'day' ? `${row.provider}\u0000${row.dayStartMs}` : `${row.provider}\u0000${row.model}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        provider: row.provider,
        dayStartMs: by === 'day' ? row.dayStartMs : null,
        model: by === 'model' ? row.model : null,
        billing: emptySide(),
        logs: emptySide(),
      };
      groups.set(key, group);
    }
    addTo(row.kind === 'billing' ? group.billing : group.logs, row);
    addTo(row.kind === 'billing' ? total.billing : total.logs, row);
  }
  const compared = [...groups.values()].map((group) => ({
    provider: group.provider,
    dayStartMs: group.dayStartMs,
    model: group.model,
    ...compareSides(group.billing, group.logs),
  }));
  compared.sort(
    (left, right) =>
      compareBigintsDescending(largestMoneyDifference(left), largestMoneyDifference(right)) ||
      compareText(left.provider, right.provider) ||
      (left.dayStartMs ?? 0) - (right.dayStartMs ?? 0) ||
      compareText(left.model ?? '', right.model ?? ''),
  );
  return {
    by,
    groups: compared,
    totals:
      compared.length === 0
        ? null
        : { provider: '', dayStartMs: null, model: null, ...compareSides(total.billing, total.logs) },
  };
}

function compareSides(billing: Side, logs: Side): Pick<ReconcileGroup, 'lines' | 'unpricedRecords'> {
  const lines: ReconcileLine[] = [
    line('input', 'tokens', billing.inputTokens, logs.inputTokens),
    line('cache read', 'tokens', billing.cacheReadTokens, logs.cacheReadTokens),
    line('cache write', 'tokens', billing.cacheWriteTokens, logs.cacheWriteTokens),
    line('output', 'tokens', billing.outputTokens, logs.outputTokens),
    line('list cost', 'picoUSD', billing.listCostPico, logs.listCostPico),
  ];
  if (billing.statedRecords > 0 || logs.statedRecords > 0) {
    lines.push(line('stated cost', 'picoUSD', billing.statedCostPico, logs.statedCostPico));
  }
  if (billing.statedRecords > 0) {
    lines.push(line('billed vs list', 'picoUSD', billing.statedCostPico, logs.listCostPico));
  }
  return { lines, unpricedRecords: { billing: billing.unpricedRecords, logs: logs.unpricedRecords } };
}

function line(
  measure: ReconcileMeasure,
  unit: ReconcileLine['unit'],
  billing: bigint,
  logs: bigint,
): ReconcileLine {
  const difference = logs - billing;
  return {
    measure,
    unit,
    billing,
    logs,
    difference,
    // A float for display and JSON (unit: percent); the exact figures are the integers beside it.
    differencePercent: billing === 0n ? null : (Number(difference) / Number(billing)) * 100,
  };
}

function largestMoneyDifference(group: Pick<ReconcileGroup, 'lines'>): bigint {
  let largest = 0n;
  for (const { unit, difference } of group.lines) {
    const magnitude = difference < 0n ? -difference : difference;
    if (unit === 'picoUSD' && magnitude > largest) largest = magnitude;
  }
  return largest;
}

function compareBigintsDescending(left: bigint, right: bigint): number {
  return left === right ? 0 : left > right ? -1 : 1;
}

function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
