import { describeSeries, describeSpan } from '../../output/describe-finding.ts';
import { upsertAnomalyAck } from '../../store/anomaly-acks.ts';
import { openStore } from '../../store/open-store.ts';
import type { Context } from '../context.ts';
import { InputError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { Settings } from '../settings.ts';
import type { AnomalyAckOptions, AnomalyDetectionOptions } from './anomalies.ts';
import { requireUsd } from '../require-usd.ts';
import { findStoredAnomalies, requireDatabase } from './find-stored-anomalies.ts';

/**
 * `anomalies ack <id> --reason …`: finds the id among the current findings (any impact, acknowledged
 * ones included, with the same detection flags) and records the acknowledgement in the store.
 */
export function runAnomalyAck(
  id: string,
  options: AnomalyAckOptions,
  detection: AnomalyDetectionOptions,
  settings: Settings,
  ctx: Context,
): ExitCode {
  requireDatabase(settings);
  requireUsd(settings, 'anomalies ack');
  const store = openStore(settings.dbPath);
  try {
    const report = findStoredAnomalies(store, detection, settings, 0);
    const { findings, acknowledged, belowMinImpact } = report.result;
    const finding = [...findings, ...belowMinImpact, ...acknowledged].find(
      (candidate) => candidate.id === id,
    );
    if (finding === undefined) {
      throw new InputError(
        `no current anomaly has id "${id}": run llmcost anomalies (with the same --by, --group-by, --since, ` +
          '--until, --where, --sensitivity and --method) to list the ids',
      );
    }
    upsertAnomalyAck(store, {
      findingId: finding.id,
      series: finding.seriesKey,
      kind: finding.kind,
      startMs: finding.startMs,
      reason: options.reason,
      acknowledgedAtMs: ctx.nowMs,
    });
    if (!settings.isQuiet) {
      ctx.stderr.write(
        `Acknowledged ${finding.id}: ${finding.kind.replace('_', ' ')} in ${describeSeries(finding.filters)}, ` +
          `${describeSpan(finding, report.calendar, report.timeZone)} (${options.reason}). It is not reported again.\n`,
      );
    }
    return EXIT.OK;
  } finally {
    store.close();
  }
}
