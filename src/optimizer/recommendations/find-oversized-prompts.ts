import { promptTokens, type ReplayRow } from '../replay-row.ts';
import type { Workload, WorkloadDimension } from '../workloads/workload.ts';
import { evidenceConfidence, lowerConfidence } from './confidence.ts';
import { scopeOf, type Proposal } from './proposal.ts';

/** A prompt this share of the context window or more is near the limit. */
export const NEAR_LIMIT_SHARE = 0.8;
/** What a near-limit prompt is trimmed to, as a share of the context window. */
export const TRIM_TO_SHARE = 0.5;
/** Share of a workload's prompt tokens that must sit in near-limit requests before trimming is proposed. */
export const MIN_NEAR_LIMIT_TOKEN_SHARE = 0.1;

/**
 * Trimming prompts that fill the context window: workloads where requests with a prompt of at least 80%
 * of the model's context window (`contextWindowOf`) hold at least 10% of the prompt tokens. The saving
 * replayed: those requests with their uncached input cut so the prompt is 50% of the window (cache
 * reads and writes are left as they are). Whether the answers survive the cut is not in the data:
 * confidence one level below the volume's, quality unknown, effort medium (retrieval or summarising).
 */
export function findOversizedPrompts(
  workloads: readonly { readonly workload: Workload; readonly rows: readonly ReplayRow[] }[],
  contextWindowOf: (provider: string, model: string) => number | null,
  dimension: WorkloadDimension,
): Proposal[] {
  return workloads.flatMap(({ workload, rows }) => {
    const window = contextWindowOf(workload.provider, workload.model);
    if (window === null || workload.promptTokens === 0) return [];
    const isNearLimit = (row: ReplayRow): boolean =>
      promptTokens(row) >= NEAR_LIMIT_SHARE * window * Math.max(row.requests ?? 1, 1);
    const near = rows.filter(isNearLimit);
    const nearTokens = near.reduce((sum, row) => sum + promptTokens(row), 0);
    const share = nearTokens / workload.promptTokens;
    if (near.length === 0 || share < MIN_NEAR_LIMIT_TOKEN_SHARE) return [];
    const target = Math.floor(TRIM_TO_SHARE * window);
    const nearRequests = near.reduce((sum, row) => sum + Math.max(row.requests ?? 1, 1), 0);
    return [
      {
        change: {
          kind: 'trim-prompts',
          scope: { workload: workload.id, dimension },
          parameters: { nearLimitShare: String(NEAR_LIMIT_SHARE), trimTo: String(target) },
        },
        title: `Trim prompts of ${scopeOf(workload)} that fill the ${workload.model} window`,
        rationale: `${Math.round(share * 1000) / 10}% of its prompt tokens are in ${nearRequests} requests using ${Math.round(NEAR_LIMIT_SHARE * 100)}% or more of the ${window.toLocaleString('en-US')}-token window; replayed cut to ${target.toLocaleString('en-US')} tokens.`,
        confidence: lowerConfidence(
          evidenceConfidence(workload.requests, workload.lastMs - workload.firstMs),
        ),
        effort: 'medium',
        qualityImpact: {
          direction: 'unknown',
          deltaPoints: null,
          source: null,
          note: 'unknown: a shorter context may leave out what the answer needs',
        },
        rows: near,
        replay: { kind: 'transform', transform: (row) => trimPrompt(row, target) },
      },
    ];
  });
}

/** The row with its uncached input cut so its prompt per request is at most `targetTokens` (never below 0). */
export function trimPrompt(row: ReplayRow, targetTokens: number): ReplayRow {
  const requests = Math.max(row.requests ?? 1, 1);
  const excess = promptTokens(row) - targetTokens * requests;
  if (excess <= 0) return row;
  return { ...row, inputTokens: Math.max(0, row.inputTokens - excess) };
}
