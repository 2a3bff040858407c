import type { AnomalyBucketUnit } from './series-calendar.ts';

/** `--sensitivity`: how unusual a deviation must be, in robust standard deviations, to be reported. */
export type Sensitivity = 'low' | 'medium' | 'high';
export const SENSITIVITIES: readonly Sensitivity[] = ['low', 'medium', 'high'];

/** `--method`: the seasonal robust baseline, or the plain mean/σ rule it is measured against. */
export type DetectionMethod = 'robust' | 'zscore';
export const DETECTION_METHODS: readonly DetectionMethod[] = ['robust', 'zscore'];

/** Thresholds of the robust detector, in units of the point's robust σ. */
export interface RobustThresholds {
  /** A single point this far from expected opens a spike or drop. */
  readonly spikeSigmas: number;
  /** An open finding goes on while points stay this far out on the same side. */
  readonly continueSigmas: number;
  /** CUSUM for sustained small shifts: drift subtracted per point, and the alarm level. */
  readonly cusumDriftSigmas: number;
  readonly cusumLimitSigmas: number;
  /** Effect size: a finding must move its series by at least this share of expected. */
  readonly minRelativeChange: number;
}

// Chosen on the tuning seeds of test/bench/anomaly-eval.mjs (never on the seeds it reports).
export const ROBUST_THRESHOLDS: Readonly<Record<Sensitivity, RobustThresholds>> = {
  low: {
    spikeSigmas: 8,
    continueSigmas: 2.5,
    cusumDriftSigmas: 2,
    cusumLimitSigmas: 14,
    minRelativeChange: 0.5,
  },
  medium: {
    spikeSigmas: 6,
    continueSigmas: 2,
    cusumDriftSigmas: 1.5,
    cusumLimitSigmas: 10,
    minRelativeChange: 0.3,
  },
  high: {
    spikeSigmas: 4.5,
    continueSigmas: 1.5,
    cusumDriftSigmas: 1,
    cusumLimitSigmas: 7,
    minRelativeChange: 0.2,
  },
};

/** The plain rule: |value − mean| > 3σ over the trailing window. */
export const ZSCORE_SIGMAS = 3;

/** Per bucket unit: how much history is needed and how findings are shaped. */
export interface HistoryRequirements {
  /** Buckets of usable history before the first point is judged. */
  readonly minHistory: number;
  /** Trailing buckets the z-score rule averages over. */
  readonly zscoreWindow: number;
  /** How many same-slot points (past cycles) the seasonal factor is the median of. */
  readonly seasonSamples: number;
  /** Residuals the robust σ is taken over. */
  readonly scaleWindow: number;
  /** Quiet points tolerated inside one finding before it ends. */
  readonly gapAllowance: number;
  /** A finding at least this long is a level shift, not a spike. */
  readonly shiftMinLength: number;
}

export function historyRequirements(unit: AnomalyBucketUnit, cycleLength: number): HistoryRequirements {
  return unit === 'day'
    ? {
        minHistory: 14,
        zscoreWindow: 28,
        seasonSamples: 6,
        scaleWindow: 42,
        gapAllowance: 1,
        shiftMinLength: 5,
      }
    : {
        minHistory: cycleLength === 24 ? 72 : 2 * cycleLength,
        zscoreWindow: 168,
        seasonSamples: cycleLength === 24 ? 7 : 4,
        scaleWindow: 336,
        gapAllowance: 3,
        shiftMinLength: 24,
      };
}
