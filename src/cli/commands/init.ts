import type { Command } from 'commander';
import type { CommandRunner } from '../command-runner.ts';

/** `llmcost init`: interactive set-up of the config file (a terminal is required). */
export function registerInit(program: Command, run: CommandRunner): void {
  program
    .command('init')
    .description('set up llmcost.config.json interactively: store, time zone, currency, sources, budgets')
    .action(async (_options: unknown, command: Command) => {
      const { runInit } = await import('./run-init.ts');
      await run(command, (ctx, settings) => runInit(settings, ctx));
    });
}
