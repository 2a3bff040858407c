import type { Command } from 'commander';
import type { CommandRunner } from '../command-runner.ts';
import type { PricingCheckOptions } from './run-pricing-check.ts';
import { parseChoice } from '../parse-flags.ts';
import type { GlobalFlags } from '../settings.ts';

export interface PricingListOptions {
  readonly provider?: string;
  readonly search?: string;
}

export interface PricingShowOptions {
  readonly provider?: string;
  readonly at?: string;
}

export type ImportSourceFormat = 'litellm' | 'genai-prices';
export const IMPORT_SOURCE_FORMATS: readonly ImportSourceFormat[] = ['litellm', 'genai-prices'];

export interface PricingImportOptions {
  readonly as: ImportSourceFormat;
  readonly into?: string;
  readonly dryRun: boolean;
  readonly acceptLargeChanges: boolean;
}

/** `llmcost pricing list|show|import`: read and refresh the price book. */
export function registerPricing(program: Command, run: CommandRunner): void {
  const pricing = program
    .command('pricing')
    .description('list, show, check and import model prices (the price book)');
  pricing
    .command('list')
    .description('one row per model with the prices in effect at --as-of (default: now), $ per 1M tokens')
    .option('--provider <id>', 'only this provider (e.g. openai, anthropic, aws, google)')
    .option('--search <text>', 'only models whose id, name or aliases contain this text (any case)')
    .action(async (options: PricingListOptions, command: Command) => {
      const { runPricingList } = await import('./run-pricing-list.ts');
      const { asOf } = command.optsWithGlobals<GlobalFlags>();
      await run(command, (ctx, settings) => runPricingList(options, asOf, settings, ctx));
    });
  pricing
    .command('show')
    .description('every price period, tier and time window of one model, as a usage record would match it')
    .argument('<model>', 'a model id as records name it (gpt-4o-2024-08-06, openai/gpt-4o, Bedrock ids)')
    .option('--provider <id>', 'the provider the model is billed by, to disambiguate (e.g. aws)')
    .option('--at <date>', 'mark the period in effect on this date (UTC) or instant (default: --as-of, now)')
    .action(async (model: string, options: PricingShowOptions, command: Command) => {
      const { runPricingShow } = await import('./run-pricing-show.ts');
      const { asOf } = command.optsWithGlobals<GlobalFlags>();
      await run(command, (ctx, settings) => runPricingShow(model, options, asOf, settings, ctx));
    });
  pricing
    .command('check')
    .description('explain each model in the store that has no price, and how to fix it')
    .option('--since <date>', 'only usage from this date (inclusive, in --tz) or instant')
    .option('--fail-on-unpriced', 'exit 3 when any stored usage has no price (for CI)', false)
    .action(async (options: PricingCheckOptions, command: Command) => {
      const { runPricingCheck } = await import('./run-pricing-check.ts');
      await run(command, (ctx, settings) => runPricingCheck(options, settings, ctx));
    });
  pricing
    .command('import')
    .description(
      'merge prices from a downloaded LiteLLM or genai-prices file: new dated periods, never rewrites',
    )
    .argument('<file>', "LiteLLM's model_prices_and_context_window.json or genai-prices' data.json")
    .requiredOption(
      '--as <source>',
      `the file's format: ${IMPORT_SOURCE_FORMATS.join('|')}`,
      parseChoice(IMPORT_SOURCE_FORMATS),
    )
    .option(
      '--into <file>',
      'price book to write (default: the active --pricing/LLMCOST_PRICING/config book, else $XDG_DATA_HOME/llmcost/pricing.json)',
    )
    .option('--dry-run', 'print the differences, write nothing', false)
    .option('--accept-large-changes', 'write even prices that moved 5x or more (check them first)', false)
    .action(async (file: string, options: PricingImportOptions, command: Command) => {
      const { runPricingImport } = await import('./run-pricing-import.ts');
      const { asOf } = command.optsWithGlobals<GlobalFlags>();
      await run(command, (ctx, settings) => runPricingImport(file, options, asOf, settings, ctx));
    });
}
