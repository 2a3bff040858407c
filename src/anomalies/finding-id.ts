import { shortHash } from '../model/short-hash.ts';

/**
 * A short stable id for a finding: 10 hex digits of a 53-bit hash (cyrb53) of its series, kind and
 * start instant, so `anomalies ack <id>` names the same incident on every run.
 */
export function findingId(seriesKey: string, kind: string, startMs: number): string {
  return shortHash(`${seriesKey}|${kind}|${new Date(startMs).toISOString()}`, 10);
}
