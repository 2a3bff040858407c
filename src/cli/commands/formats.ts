import type { Command } from 'commander';
import type { CommandRunner } from '../command-runner.ts';

export function registerFormats(program: Command, run: CommandRunner): void {
  program
    .command('formats')
    .description('list the input formats ingest understands, with an example line of each')
    .action(async (_options: unknown, command: Command) => {
      const { runFormats } = await import('./run-formats.ts');
      await run(command, (ctx, settings) => runFormats(settings, ctx));
    });
}
