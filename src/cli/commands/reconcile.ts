import type { Command } from 'commander';
import { RECONCILE_BY, type ReconcileBy } from '../../analysis/reconcile-sources.ts';
import type { CommandRunner } from '../command-runner.ts';
import { parseChoice } from '../parse-flags.ts';

export interface ReconcileOptions {
  readonly provider?: string;
  readonly by: ReconcileBy;
  /** First and last UTC day, YYYY-MM-DD (or an instant), as typed. */
  readonly since?: string;
  readonly until?: string;
}

export function registerReconcile(program: Command, run: CommandRunner): void {
  program
    .command('reconcile')
    .description(
      'where a billing export and request logs cover the same provider and day, compare their tokens and cost (and our list price)',
    )
    .option('--provider <name>', 'only this provider (as reports name it: anthropic, openai, …)')
    .option('--by <level>', `one group per: ${RECONCILE_BY.join('|')}`, parseChoice(RECONCILE_BY), 'day')
    .option('--since <date>', 'first UTC day to compare (YYYY-MM-DD)')
    .option('--until <date>', 'last UTC day to compare, inclusive (YYYY-MM-DD)')
    .action(async (options: ReconcileOptions, command: Command) => {
      const { runReconcile } = await import('./run-reconcile.ts');
      await run(command, (ctx, settings) => runReconcile(options, settings, ctx));
    });
}
