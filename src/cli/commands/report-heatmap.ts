import type { Command } from 'commander';
import type { CommandRunner } from '../command-runner.ts';
import { readViewRangeFlags, SHARED_OPTIONS_HELP } from './report-range-options.ts';

export function registerReportHeatmap(report: Command, run: CommandRunner): void {
  report
    .command('heatmap')
    .description('spend by weekday and hour of day in --tz: when usage peaks')
    .addHelpText('after', SHARED_OPTIONS_HELP)
    .action(async (_options: unknown, command: Command) => {
      const { runReportHeatmap } = await import('./run-report-heatmap.ts');
      await run(command, (ctx, settings) => runReportHeatmap(readViewRangeFlags(command), settings, ctx));
    });
}
