import type { Command } from 'commander';
import type { DimensionFilter } from '../../model/dimension.ts';
import { UsageError } from '../errors.ts';
import { collectFilter } from '../parse-flags.ts';

/** The range and filter flags every report view shares with `llmcost report`. */
export interface ReportRangeFlags {
  readonly since?: string;
  readonly until?: string;
  readonly where: readonly DimensionFilter[];
}

const SHARED_OPTIONS: ReadonlySet<string> = new Set(['since', 'until', 'where']);

/**
 * Adds `--since`, `--until` and `--where` as `llmcost report` defines them, for commands that read the
 * stored usage the same way (report, whatif); resolve them with resolveReportRange.
 */
export function addRangeOptions(command: Command): Command {
  return command
    .option('--since <date>', 'from this date (inclusive, in --tz) or instant')
    .option('--until <date>', 'up to this date (inclusive) or instant (exclusive)')
    .option('--where <dim=value>', 'keep only usage where dimension = value (repeatable)', collectFilter, []);
}

/** Help text of a view: where its range flags come from. */
export const SHARED_OPTIONS_HELP = `
Range and filters, as on llmcost report:
  --since <date>        from this date (inclusive, in --tz) or instant
  --until <date>        up to this date (inclusive) or instant (exclusive)
  --where <dim=value>   keep only usage where dimension = value (repeatable)`;

/**
 * A view's `--since`, `--until` and `--where`. Commander reads a parent's options wherever they appear
 * (global options work after the subcommand too), so `report` itself parses them even after the view's
 * name, and the view reads them from there. `report`'s own options (`--by`, `--group-by`, `--top`,
 * `--chart`) mean nothing to a view: given on the command line, they are refused rather than ignored.
 */
export function readViewRangeFlags(view: Command): ReportRangeFlags {
  const report = view.parent;
  if (report === null) throw new Error(`report view ${view.name()} is not registered under report`);
  for (const option of report.options) {
    const name = option.attributeName();
    if (!SHARED_OPTIONS.has(name) && report.getOptionValueSource(name) === 'cli') {
      throw new UsageError(
        `${option.long ?? name} is an option of llmcost report, not of report ${view.name()}`,
      );
    }
  }
  const flags = report.opts<{ since?: string; until?: string; where?: DimensionFilter[] }>();
  return {
    ...(flags.since === undefined ? {} : { since: flags.since }),
    ...(flags.until === undefined ? {} : { until: flags.until }),
    where: flags.where ?? [],
  };
}
