import type { Store } from './open-store.ts';

/** A finding someone marked as expected (`llmcost anomalies ack <id> --reason …`). */
export interface AnomalyAck {
  readonly findingId: string;
  readonly series: string;
  readonly kind: string;
  readonly startMs: number;
  readonly reason: string;
  readonly acknowledgedAtMs: number;
}

export function selectAnomalyAcks(store: Store): AnomalyAck[] {
  return store
    .prepare(
      `SELECT finding_id AS findingId, series, kind, start_ms AS startMs, reason,
         acknowledged_at_ms AS acknowledgedAtMs
       FROM anomaly_acks ORDER BY acknowledged_at_ms, finding_id`,
    )
    .all() as AnomalyAck[];
}

/** Records an acknowledgement; acknowledging the same finding again replaces the reason. */
export function upsertAnomalyAck(store: Store, ack: AnomalyAck): void {
  store
    .prepare(
      `INSERT INTO anomaly_acks (finding_id, series, kind, start_ms, reason, acknowledged_at_ms)
       VALUES (@findingId, @series, @kind, @startMs, @reason, @acknowledgedAtMs)
       ON CONFLICT (finding_id) DO UPDATE SET reason = excluded.reason,
         acknowledged_at_ms = excluded.acknowledged_at_ms`,
    )
    .run(ack);
}
