/**
 * The exit-code contract CI jobs rely on (README "Exit codes"). Change only on purpose.
 */
export const EXIT = {
  /** Success: report printed, ingest done, gate passed. */
  OK: 0,
  /** Runtime failure: unreadable or invalid input, rejected rows, DB error, unexpected bug. */
  FAILURE: 1,
  /** Usage or config error: unknown flag, bad value, invalid config file, prompt needed without a TTY. */
  USAGE: 2,
  /** A policy gate ran fine and said no (budget breached, forecast over budget, anomaly found). */
  GATE: 3,
  /** Interrupted by SIGINT. */
  INTERRUPTED: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
