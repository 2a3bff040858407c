import type { Command } from 'commander';
import type { DimensionFilter } from '../../model/dimension.ts';
import { collectFilter } from '../parse-flags.ts';

/** The range and filter flags every report view shares with `llmcost report`. */
export interface ReportRangeFlags {
  readonly since?: string;
  readonly until?: string;
  readonly where: readonly DimensionFilter[];
}

/** Adds `--since`, `--until` and `--where` with the same meaning as on `llmcost report`. */
export function addReportRangeOptions(command: Command): Command {
  return command
    .option('--since <date>', 'from this date (inclusive, in --tz) or instant')
    .option('--until <date>', 'up to this date (inclusive) or instant (exclusive)')
    .option('--where <dim=value>', 'keep only usage where dimension = value (repeatable)', collectFilter, []);
}
