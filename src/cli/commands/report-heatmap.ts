import type { Command } from 'commander';
import type { CommandRunner } from '../command-runner.ts';
import { addReportRangeOptions, type ReportRangeFlags } from './report-range-options.ts';

export type ReportHeatmapOptions = ReportRangeFlags;

export function registerReportHeatmap(report: Command, run: CommandRunner): void {
  addReportRangeOptions(
    report.command('heatmap').description('spend by weekday and hour of day in --tz: when usage peaks'),
  ).action(async (options: ReportHeatmapOptions, command: Command) => {
    const { runReportHeatmap } = await import('./run-report-heatmap.ts');
    await run(command, (ctx, settings) => runReportHeatmap(options, settings, ctx));
  });
}
