import type { Command } from 'commander';
import { PERIOD_UNITS, type PeriodUnit } from '../../analysis/period.ts';
import type { Dimension, DimensionFilter } from '../../model/dimension.ts';
import type { CommandRunner } from '../command-runner.ts';
import { parseChoice, parseDimensionList, parsePositiveInteger } from '../parse-flags.ts';
import { addRangeOptions } from './report-range-options.ts';
import { registerReportHeatmap } from './report-heatmap.ts';
import { registerReportProviders } from './report-providers.ts';

export interface ReportOptions {
  readonly by: PeriodUnit;
  readonly groupBy: readonly Dimension[];
  readonly since?: string;
  readonly until?: string;
  readonly where: readonly DimensionFilter[];
  readonly top?: number;
  /** `previous` or a period label (`2026-09`, `2026-W40`, `2026-10-05`). */
  readonly compare?: string;
  readonly sort: 'cost' | 'delta';
  /** Unit economics columns: cost per request and per 1K tokens, cache hit ratio and savings, reasoning share. */
  readonly economics: boolean;
  /** Draw the period series under the table (table format only). */
  readonly chart?: boolean;
}

export function registerReport(program: Command, run: CommandRunner): void {
  // The views (`report providers`, `report heatmap`) take `--since`, `--until` and `--where` from here:
  // commander parses a parent's options wherever they appear (report-range-options.ts).
  const report = addRangeOptions(
    program
      .command('report')
      .description('cost and usage by period and group, with a totals row (views: providers, heatmap)')
      .option('--by <unit>', `period: ${PERIOD_UNITS.join('|')}`, parseChoice(PERIOD_UNITS), 'day')
      .option(
        '--group-by <dims>',
        'comma-separated: provider,model,project,user,team,apiKey,workspace,session,tag:<key>',
        parseDimensionList,
        [],
      ),
  )
    .option(
      '--top <n>',
      'keep the N groups with the largest cost; sum the rest into (other)',
      parsePositiveInteger,
    )
    .option(
      '--compare <period>',
      'add the cost of each group in the previous period (previous) or in a fixed one (2026-09, 2026-W40), with the change',
    )
    .option(
      '--sort <order>',
      'rows within a period by cost or, with --compare, by the size of the change',
      parseChoice(['cost', 'delta'] as const),
      'cost',
    )
    .option(
      '--economics',
      'unit economics: cost per request and per 1K tokens, cache hit ratio, what caching saved, reasoning share',
      false,
    )
    .option('--chart', 'draw the cost per period of each group under the table (table format only)')
    .action(async (options: ReportOptions, command: Command) => {
      const { runReport } = await import('./run-report.ts');
      await run(command, (ctx, settings) => runReport(options, settings, ctx));
    });
  registerReportProviders(report, run);
  registerReportHeatmap(report, run);
}
