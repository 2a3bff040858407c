import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { registerAnomalies } from './commands/anomalies.ts';
import { registerBudget } from './commands/budget.ts';
import { registerChargeback } from './commands/chargeback.ts';
import { registerExport } from './commands/export.ts';
import { registerForecast } from './commands/forecast.ts';
import { registerFormats } from './commands/formats.ts';
import { registerIngest } from './commands/ingest.ts';
import { registerOptimize } from './commands/optimize.ts';
import { registerRecommend } from './commands/recommend.ts';
import { registerInit } from './commands/init.ts';
import { registerPricing } from './commands/pricing.ts';
import { registerReconcile } from './commands/reconcile.ts';
import { registerReprice } from './commands/reprice.ts';
import { registerReport } from './commands/report.ts';
import { registerWhatif } from './commands/whatif.ts';
import type { CommandRunner } from './command-runner.ts';
import type { Context } from './context.ts';
import { CliError } from './errors.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import { OUTPUT_FORMATS, resolveSettings, type GlobalFlags } from './settings.ts';

function readVersion(): string {
  const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return packageJson.version;
}

/** Builds the program. Global options are accepted before or after the subcommand. */
function buildProgram(ctx: Context, run: CommandRunner): Command {
  const program = new Command('llmcost')
    .description('What your LLM usage costs, why, and what it will cost next. Offline, exact.')
    .version(readVersion(), '-V, --version')
    .option(
      '--db <path>',
      'database file (default: $LLMCOST_DB, config "db", $XDG_DATA_HOME/llmcost/llmcost.db)',
    )
    .option(
      '--config <path>',
      'config file (default: ./llmcost.config.json, then $XDG_CONFIG_HOME/llmcost/config.json)',
    )
    .option(
      '--tz <zone>',
      'IANA time zone for periods (default: $LLMCOST_TZ, config "timeZone", the system zone)',
    )
    .option('--as-of <date>', 'treat this date (end of day) or instant as now, for reproducible output')
    .addOption(
      new Option(
        '--format <format>',
        'output format (xlsx: report and chargeback; html: report and invoice)',
      ).choices(OUTPUT_FORMATS),
    )
    .option(
      '--out <file>',
      'write output to a file; the format follows the extension (.json .csv .md .txt .xlsx .html)',
    )
    .option('--pricing <file>', 'price book to use instead of the bundled pricing.json')
    .addOption(
      new Option(
        '--cost <mode>',
        'cost shown: auto (stated by the source, else list price), list, reported (default: auto)',
      ).choices(['auto', 'list', 'reported']),
    )
    .addOption(
      new Option(
        '--prefer <kind>',
        'where a billing export and request logs cover the same provider and day, use this one (default: billing)',
      ).choices(['billing', 'logs']),
    )
    .option(
      '--currency <code>',
      'report money in this currency, converted with the config\'s "exchangeRatesFile" (default: USD)',
    )
    .option('-q, --quiet', 'print only results and errors (no summaries, no progress)')
    .showHelpAfterError('(run llmcost --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
      outputError: (text, write) => {
        write(text.replace(/^error: /, 'llmcost: '));
      },
    });
  registerIngest(program, run);
  registerReport(program, run);
  registerPricing(program, run);
  registerAnomalies(program, run);
  registerForecast(program, run);
  registerBudget(program, run);
  registerInit(program, run);
  registerFormats(program, run);
  registerReprice(program, run);
  registerReconcile(program, run);
  registerChargeback(program, run);
  registerExport(program, run);
  registerOptimize(program, run);
  registerRecommend(program, run);
  registerWhatif(program, run);
  return program;
}

/** Runs the CLI and returns the exit code. The one place that catches (STYLE §4). */
export async function runCli(argv: readonly string[], ctx: Context): Promise<number> {
  let exitCode: ExitCode = EXIT.OK;
  const run: CommandRunner = async (command, body) => {
    const settings = resolveSettings(command.optsWithGlobals<GlobalFlags>(), ctx);
    exitCode = await body(ctx, settings);
  };
  const program = buildProgram(ctx, run);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.USAGE;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
        ? EXIT.OK
        : EXIT.USAGE;
    }
    if (error instanceof CliError) {
      ctx.stderr.write(`llmcost: ${error.message}\n`);
      return error.exitCode;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    ctx.stderr.write(
      `llmcost: unexpected error: ${detail}\nThis is a bug in llmcost; please report it with the command you ran.\n`,
    );
    return EXIT.FAILURE;
  }
}
