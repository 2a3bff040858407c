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
  // Hand-built rather than JSON.stringify([...]): three times faster, and as unambiguous (see `text`).
  const cost = record.reportedCost;
  const canonical =
    `${record.occurredAtMs}|${text(record.provider)}|${text(record.model)}|${record.requests ?? '-'}` +
    `|${record.inputTokens}|${record.cacheReadTokens}|${record.cacheWrite5mTokens}|${record.cacheWrite1hTokens}` +
    `|${record.cacheWriteTokens}|${record.outputTokens}|${record.reasoningTokens}|${record.webSearchRequests}` +
    `|${record.status}|${text(record.project)}|${text(record.user)}|${text(record.team)}|${text(record.apiKey)}` +
    `|${text(record.workspace)}|${text(record.session)}|${text(record.serviceTier)}|${record.isBatch ? 'batch' : '-'}` +
    `|${cost === null ? '-' : `${cost.amountPico.toString()} ${cost.currency}`}|${tagsText(record.tags)}`;
  return `${prefix}:${hash('sha256', canonical)}`;
}

/** Length-prefixed, so no value can imitate a separator: `-` for null, `5:hello` for "hello". */
function text(value: string | null): string {
  return value === null ? '-' : `${value.length}:${value}`;
}

function tagsText(tags: Readonly<Record<string, string>>): string {
  const keys = Object.keys(tags);
  if (keys.length === 0) return '-';
  keys.sort();
  return keys.map((key) => `${text(key)}=${text(tags[key] ?? '')}`).join(',');
}
