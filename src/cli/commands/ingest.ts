import type { Command } from 'commander';
import type { CommandRunner } from '../command-runner.ts';
import { collectTag, collectText } from '../parse-flags.ts';

export interface IngestOptions {
  readonly from: string;
  readonly tag: Readonly<Record<string, string>>;
  readonly dryRun: boolean;
  readonly strict: boolean;
  readonly force: boolean;
  /** `--map` values, for `--from csv` (comma-separated field=column pairs each). */
  readonly map: readonly string[];
  readonly mapProfile?: string;
}

export function registerIngest(program: Command, run: CommandRunner): void {
  program
    .command('ingest')
    .description('read usage exports and logs into the local store (idempotent, incremental)')
    .argument('[paths...]', 'files, directories (recursive), globs, .gz, or - for stdin')
    .option('--from <format>', 'input format, or auto to detect it per file (see: llmcost formats)', 'auto')
    .option('--tag <key=value>', 'add this tag to every record read (repeatable)', collectTag, {})
    .option('--dry-run', 'parse, price and count, but write nothing', false)
    .option('--strict', 'reject a whole file when any row is invalid (default: keep the good rows)', false)
    .option('--force', 're-read files even if they did not change since the last ingest', false)
    .option(
      '--map <field=column,...>',
      'for --from csv: which column holds what, e.g. timestamp=Date,model=Model,provider=openai,inputTokens=In (repeatable)',
      collectText,
      [],
    )
    .option(
      '--map-profile <name>',
      'for --from csv: a column mapping saved under csvMappings in the config file',
    )
    .action(async (paths: string[], options: IngestOptions, command: Command) => {
      const { runIngest } = await import('./run-ingest.ts');
      await run(command, (ctx, settings) => runIngest(paths, options, settings, ctx));
    });
}
