import type { ScoredCandidate } from '../optimizer/strategies/candidate.ts';
import type { OptimizeReport } from '../optimizer/strategies/optimize-report.ts';
import type { RetirementNotes } from '../optimizer/strategies/screen-retired-models.ts';
import type { ModelRetirement } from '../pricing/model-retirement.ts';
import { retiredCandidatesNote, retirementNote } from './describe-retirement.ts';
import type { WorkloadOptimization } from '../optimizer/strategies/optimize-workloads.ts';
import { SIZE_CLASS_FLOORS, type SizeClass } from '../optimizer/workloads/size-class.ts';
import { formatMoney } from './format-money.ts';
import { formatCount, formatPercent, requestCountText } from './format-number.ts';
import type { PlainTable } from './render-plain-table.ts';

/** Candidate rows shown per workload in tables: the pick, the current model, the next best eligible. */
export const CANDIDATE_ROWS_SHOWN = 5;

const SIZE_LABELS: Readonly<Record<SizeClass, string>> = {
  small: `small (<${formatCount(SIZE_CLASS_FLOORS.medium)} prompt tokens)`,
  medium: `medium (${formatCount(SIZE_CLASS_FLOORS.medium)}–${formatCount(SIZE_CLASS_FLOORS.large - 1)})`,
  large: `large (${formatCount(SIZE_CLASS_FLOORS.large)}–${formatCount(SIZE_CLASS_FLOORS.xlarge - 1)})`,
  xlarge: `xlarge (≥${formatCount(SIZE_CLASS_FLOORS.xlarge)})`,
  unknown: 'size unknown (no request count)',
};

const INELIGIBILITY_NOTES = {
  unpriced: 'unpriced',
  'current-unpriced': 'current unpriced',
  'quality-unknown': 'no rating',
  'quality-drop': 'below floor',
  'latency-unknown': 'no TTFT',
} as const;

/** One line naming a workload: group, size class, provider and model, requests and cost. */
export function workloadTitle(result: WorkloadOptimization, report: OptimizeReport): string {
  const { workload } = result;
  const group = `${report.dimension}=${workload.group ?? '(none)'}`;
  const cost =
    result.baselineCostPico === 0n && result.unpricedRecords > 0
      ? 'unpriced'
      : formatMoney(result.baselineCostPico, 'USD');
  return `${group} · ${SIZE_LABELS[workload.sizeClass]} · ${workload.provider}/${workload.model} · ${requestCountText(workload.requests, workload.requestsUnknown)} · ${cost}`;
}

/**
 * What the pick changes: `keep` or `→ model: saves $x (y%)` / `costs $x more`; and, where performance
 * counted on the user's own observed TTFT medians, says so.
 */
export function pickSummary(result: WorkloadOptimization): string {
  const { latencyBasis, weights, candidates } = result.choice;
  const compared = candidates.filter((candidate) => candidate.ineligibility === null);
  const hasObserved = compared.some((candidate) => candidate.observedTtft !== null);
  const basis =
    weights.performance === 0 || compared.length < 2 || !hasObserved
      ? ''
      : latencyBasis === 'observed'
        ? '; TTFT compared: observed*'
        : '; TTFT compared: published (not all observed)';
  return `${pickChange(result)}${basis}`;
}

function pickChange(result: WorkloadOptimization): string {
  const { pick } = result.choice;
  if (pick.isCurrent) return 'pick: keep the current model';
  const saving = result.baselineCostPico - (pick.costPico ?? result.baselineCostPico);
  const share =
    result.baselineCostPico > 0n
      ? ` (${formatPercent(Number(saving) / Number(result.baselineCostPico))})`
      : '';
  return saving >= 0n
    ? `pick: ${pick.model}, saves ${formatMoney(saving, 'USD')}${share}`
    : `pick: ${pick.model}, costs ${formatMoney(-saving, 'USD')} more`;
}

/** The candidates shown for a workload, and a count of the others by reason. */
export function shownCandidates(
  result: WorkloadOptimization,
  limit: number = CANDIDATE_ROWS_SHOWN,
): { readonly shown: readonly ScoredCandidate[]; readonly others: string | null } {
  const { candidates, pick } = result.choice;
  const current = candidates.find((candidate) => candidate.isCurrent);
  const first = [pick, ...(current !== undefined && current !== pick ? [current] : [])];
  const rest = candidates.filter((candidate) => !first.includes(candidate));
  const eligible = rest.filter((candidate) => candidate.ineligibility === null);
  const shown = [...first, ...eligible.slice(0, Math.max(0, limit - first.length))];
  const hidden = candidates.filter((candidate) => !shown.includes(candidate));
  if (hidden.length === 0) return { shown, others: null };
  const counts = new Map<string, number>();
  for (const candidate of hidden) {
    const reason =
      candidate.ineligibility === null ? 'eligible' : INELIGIBILITY_NOTES[candidate.ineligibility];
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  const parts = [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([reason, count]) => `${count} ${reason}`);
  return { shown, others: `+${hidden.length} more candidates: ${parts.join(', ')}` };
}

/** The trade-off table of one workload's shown candidates; `flags` marks models retiring or retired. */
export function candidateTable(
  result: WorkloadOptimization,
  shown: readonly ScoredCandidate[],
  flags: RetirementNotes['flags'],
): PlainTable {
  const current = result.choice.candidates.find((candidate) => candidate.isCurrent);
  const currentCost = current?.costPico ?? null;
  return {
    head: ['Model', 'Cost', 'vs now', 'Quality', 'TTFT', 'Errors', 'Score', 'Note'],
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    shrinkable: [0],
    rows: shown.map((candidate) => [
      candidate.model,
      candidate.costPico === null ? 'unpriced' : formatMoney(candidate.costPico, 'USD'),
      candidate.isCurrent || candidate.costPico === null || currentCost === null || currentCost === 0n
        ? '-'
        : signedPercent(Number(candidate.costPico - currentCost) / Number(currentCost)),
      candidate.quality === null ? '?' : `${signedPoints(candidate.quality.deltaPoints)} pts`,
      ttftText(candidate),
      candidate.observedErrorShare === null ? '-' : formatPercent(candidate.observedErrorShare),
      candidate.scores.total === null ? '-' : candidate.scores.total.toFixed(2),
      noteOf(candidate, candidate === result.choice.pick, flags.get(candidate.model)),
    ]),
  };
}

/** The observed median TTFT marked `*` where the user's requests state it, else the published one. */
function ttftText(candidate: ScoredCandidate): string {
  if (candidate.observedTtft !== null) return `${formatCount(candidate.observedTtft.medianMs)} ms*`;
  return candidate.latency === null ? '?' : `${formatCount(candidate.latency.ttftMs)} ms`;
}

function noteOf(
  candidate: ScoredCandidate,
  isPick: boolean,
  retirement: ModelRetirement | undefined,
): string {
  const parts: string[] = [];
  if (isPick) parts.push('pick');
  if (candidate.isCurrent) parts.push('current');
  if (retirement !== undefined) parts.push(retirementNote(retirement));
  if (candidate.ineligibility !== null) parts.push(INELIGIBILITY_NOTES[candidate.ineligibility]);
  if (candidate.excludedRequests > 0) parts.push(`${formatCount(candidate.excludedRequests)} stay`);
  return parts.join(', ');
}

/** The notes under the tables: strategy, what each column means, the sources cited. */
export function optimizeNotes(report: OptimizeReport): string[] {
  const weights = report.weights;
  const notes = [
    `Strategy ${report.strategy}: weights cost ${weights.cost.toFixed(2)}, performance ${weights.performance.toFixed(2)}, quality ${weights.quality.toFixed(2)}; no pick is rated more than ${report.maxQualityDrop} arena points below the current model.`,
  ];
  if (report.budgetPressure !== null) {
    const { pressure, outlooks } = report.budgetPressure;
    const detail =
      outlooks.length === 0
        ? 'no budgets configured'
        : outlooks
            .map((outlook) => `${outlook.name} projected at ${formatPercent(outlook.projectedUtilization)}`)
            .join(', ');
    notes.push(
      `Budget pressure ${pressure.toFixed(2)} (${detail}): weights = (1 − p) × balanced + p × cost only, p = clamp((u − 0.5) / 0.5, 0, 1) of the highest projected use u.`,
    );
  }
  const hasObserved = report.workloads.some((result) =>
    result.choice.candidates.some((candidate) => candidate.observedTtft !== null),
  );
  const ttftNote = hasObserved
    ? 'TTFT: published time to first token; * = the median of your own successful requests to the model in the range that state it (performance compares these only where every compared candidate has one, else published figures for all).'
    : 'TTFT: published time to first token.';
  notes.push(
    'Cost: the workload’s usage in the range replayed at list price on each model (USD); vs now: change against the current cost. "n stay": requests that do not fit the model (context window, max output) and stay on the current one.',
    `Quality: arena points against the current model from the newest source rating both; ? = no source rates it (never guessed). ${ttftNote} Errors: your own failed share (- = no requests sent to it).`,
    'Score: weighted cost, performance and quality, each relative to the best eligible candidate (1 = best); a component unknown for the current model is left out. Not eligible: no rating, below the quality floor (below floor), no TTFT while performance is weighted.',
  );
  notes.push(...optimizeRetirementNotes(report.retirement));
  if (report.hiddenWorkloads > 0)
    notes.push(`${formatCount(report.hiddenWorkloads)} smaller workloads not shown (--top).`);
  notes.push('Sources (the dated copies read are in --format json and the README):');
  for (const source of report.sources)
    notes.push(
      `  [${source.id}] ${source.title}. Data ${source.dataDate}, read ${source.retrievedDate}: ${source.url}`,
    );
  return notes;
}

/** The retired candidates left out, and what each retirement flag in the Note column means. */
function optimizeRetirementNotes(retirement: RetirementNotes): string[] {
  const notes = [retiredCandidatesNote(retirement)].filter((note) => note !== null);
  const statuses = new Set([...retirement.flags.values()].map((flag) => flag.status));
  if (statuses.has('retiring'))
    notes.push(
      `retires <date>: the provider retires the model within ${retirement.soonDays} days of ${retirement.day}; still proposed, plan the move.`,
    );
  if (statuses.has('retired'))
    notes.push('retired: the current model is retired already (its date in the price book); move off it.');
  return notes;
}

function signedPercent(share: number): string {
  return `${share > 0 ? '+' : ''}${formatPercent(share)}`;
}

function signedPoints(points: number): string {
  return points > 0 ? `+${points}` : `${points}`;
}
