import type { Command } from 'commander';
import type { CommandRunner } from '../command-runner.ts';
import { addRangeOptions, type ReportRangeFlags } from './report-range-options.ts';

export interface ExportOptions extends ReportRangeFlags {
  /** Write a FOCUS 1.2 cost and usage dataset (the only export format so far). */
  readonly focus?: boolean;
}

export function registerExport(program: Command, run: CommandRunner): void {
  const command = program
    .command('export')
    .description(
      'export usage and cost for other tools: --focus writes a FinOps FOCUS 1.2 CSV (to --out or stdout)',
    )
    .option(
      '--focus',
      'FOCUS 1.2 cost and usage CSV: one row per UTC day, model, token class and allocation key',
    );
  addRangeOptions(command).action(async (options: ExportOptions, cmd: Command) => {
    const { runExport } = await import('./run-export.ts');
    await run(cmd, (ctx, settings) => runExport(options, settings, ctx));
  });
}
