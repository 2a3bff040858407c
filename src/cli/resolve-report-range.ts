import { existsSync } from 'node:fs';
import { InputError, UsageError } from './errors.ts';
import { endOf, parseDateFlag, startOf } from './parse-date-flag.ts';
import type { Settings } from './settings.ts';

/** The time range a report view reads, from `--since`/`--until` capped at `--as-of`. */
export interface ReportRange {
  /** Inclusive start, or null for everything before `untilMs`. */
  readonly sinceMs: number | null;
  /** Exclusive end: `--until` or `--as-of`, whichever is earlier. */
  readonly untilMs: number;
  /** `--until` as given (null without it), for the range a JSON output states. */
  readonly untilFlagMs: number | null;
}

/**
 * Reads `--since`/`--until` in the settings' zone the way `llmcost report` does (a date is a whole day
 * in `--tz`), and checks that the database exists, so report views fail with the same messages.
 */
export function resolveReportRange(
  flags: { readonly since?: string; readonly until?: string },
  settings: Settings,
): ReportRange {
  const { timeZone } = settings;
  const sinceMs = flags.since === undefined ? null : startOf(parseDateFlag(flags.since, '--since'), timeZone);
  const untilFlagMs =
    flags.until === undefined ? null : endOf(parseDateFlag(flags.until, '--until'), timeZone);
  const untilMs = Math.min(untilFlagMs ?? settings.asOfMs, settings.asOfMs);
  if (sinceMs !== null && sinceMs >= untilMs) {
    throw new UsageError('--since must be before --until (and before --as-of)');
  }
  if (!existsSync(settings.dbPath)) {
    throw new InputError(
      `no database at ${settings.dbPath}: ingest some usage first (llmcost ingest <files>)`,
    );
  }
  return { sinceMs, untilMs, untilFlagMs };
}
