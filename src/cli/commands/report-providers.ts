import type { Command } from 'commander';
import { COMPARISON_LEVELS, type ComparisonLevel } from '../../analysis/compare-providers.ts';
import type { CommandRunner } from '../command-runner.ts';
import { parseChoice } from '../parse-flags.ts';
import { readViewRangeFlags, SHARED_OPTIONS_HELP, type ReportRangeFlags } from './report-range-options.ts';

export interface ReportProvidersOptions extends ReportRangeFlags {
  readonly per: ComparisonLevel;
}

export function registerReportProviders(report: Command, run: CommandRunner): void {
  report
    .command('providers')
    .description('compare providers and models: requests, tokens, cost, unit costs, errors, efficiency')
    .option(
      '--per <level>',
      `one row per: ${COMPARISON_LEVELS.join('|')} (models are listed under their provider)`,
      parseChoice(COMPARISON_LEVELS),
      'model',
    )
    .addHelpText('after', SHARED_OPTIONS_HELP)
    .action(async (options: { per: ComparisonLevel }, command: Command) => {
      const { runReportProviders } = await import('./run-report-providers.ts');
      await run(command, (ctx, settings) =>
        runReportProviders({ ...readViewRangeFlags(command), per: options.per }, settings, ctx),
      );
    });
}
