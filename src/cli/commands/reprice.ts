import type { Command } from 'commander';
import type { CommandRunner } from '../command-runner.ts';

export interface RepriceOptions {
  readonly since?: string;
  readonly dryRun: boolean;
}

export function registerReprice(program: Command, run: CommandRunner): void {
  program
    .command('reprice')
    .description(
      'recompute stored costs with the current price book and overrides (history never changes otherwise)',
    )
    .option('--since <date>', 'only usage from this date (inclusive, in --tz) or instant; default: all')
    .option('--dry-run', 'print the per-day, per-model difference without writing', false)
    .action(async (options: RepriceOptions, command: Command) => {
      const { runReprice } = await import('./run-reprice.ts');
      await run(command, (ctx, settings) => runReprice(options, settings, ctx));
    });
}
