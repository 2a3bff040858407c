import { hash } from 'node:crypto';
import type { UsageRecord } from '../model/usage-record.ts';

/** Everything a record says about the usage: what two copies of the same usage have in common. */
export type RecordContent = Omit<UsageRecord, 'dedupKey' | 'sourceLine'>;

/**
 * Dedup key for sources without a usage id: `<prefix>:` + SHA-256 (hex) of the normalized fields, in a
 * fixed order. Built from the record, not the raw line, so key order, whitespace and number spelling
 * (`1e3` vs `1000`) don't matter; the line number is left out so a copy in another file matches.
 * Consequence: two genuinely identical requests in the same millisecond count once.
 */
export function contentDedupKey(prefix: string, record: RecordContent): string {
  const canonical = JSON.stringify([
    record.occurredAtMs,
    record.provider,
    record.model,
    record.requests,
    record.inputTokens,
    record.cacheReadTokens,
    record.cacheWrite5mTokens,
    record.cacheWrite1hTokens,
    record.cacheWriteTokens,
    record.outputTokens,
    record.reasoningTokens,
    record.webSearchRequests,
    record.status,
    record.project,
    record.user,
    record.team,
    record.apiKey,
    record.workspace,
    record.session,
    record.serviceTier,
    record.isBatch,
    canonicalTags(record.tags),
    record.reportedCost === null
      ? null
      : [record.reportedCost.amountPico.toString(), record.reportedCost.currency],
  ]);
  return `${prefix}:${hash('sha256', canonical)}`;
}

function canonicalTags(
  tags: Readonly<Record<string, string>>,
): readonly (readonly [string, string])[] | null {
  const keys = Object.keys(tags);
  if (keys.length === 0) return null;
  keys.sort();
  return keys.map((key) => [key, tags[key] ?? ''] as const);
}
