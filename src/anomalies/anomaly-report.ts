import type { AnomalyResult } from './detect-anomalies.ts';
import type { DetectionMethod, Sensitivity } from './detection-settings.ts';
import type { SeriesCalendar } from './series-calendar.ts';

/** Everything the anomaly renderers print: the result and the question it answers. */
export interface AnomalyReport {
  readonly result: AnomalyResult;
  readonly calendar: SeriesCalendar;
  readonly timeZone: string;
  readonly method: DetectionMethod;
  readonly sensitivity: Sensitivity;
  readonly minImpactUsd: number;
  readonly groupBy: readonly string[];
  readonly sinceMs: number;
  readonly untilMs: number;
  readonly asOfMs: number;
  /** Why each hidden finding was acknowledged, by id. */
  readonly ackReasons: ReadonlyMap<string, string>;
  /** Plain sentences about coverage: too little history, missing data, an incomplete last bucket. */
  readonly notes: readonly string[];
}
