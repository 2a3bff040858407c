import { InvalidArgumentError, type Command } from 'commander';
import type { DimensionFilter } from '../../model/dimension.ts';
import type { BreakdownDimension } from '../../optimizer/replay-usage.ts';
import type { CommandRunner } from '../command-runner.ts';
import { collectText, parsePositiveInteger } from '../parse-flags.ts';
import type { ScenarioFlags } from '../whatif/parse-scenario-flags.ts';
import { addRangeOptions } from './report-range-options.ts';

export interface WhatifOptions extends ScenarioFlags {
  readonly since?: string;
  readonly until?: string;
  readonly where: readonly DimensionFilter[];
  readonly scenario: readonly string[];
  readonly by: readonly BreakdownDimension[];
  readonly top?: number;
  readonly chart?: boolean;
}

const SCENARIO_HELP = `
Operations (the flags form one scenario, "what-if"; --scenario adds named ones to compare):
  --swap gpt-4o=gpt-4.1-mini            price these requests on another model (glob on the left)
  --route "input<2000 -> gpt-4.1-mini"  the same, for requests matching a condition
  --cache-hit-rate 0.6 --cache 1h       prompt caching at a hit rate (default: the observed one)
  --batch 30%                           move a share of requests to batch prices
  --tier flex                           bill in a service tier (needs a priceOverrides tier price)
  --price-book new.json --overrides deal.json   another price list or negotiated rates
Conditions: input|output <,<=,>,>= N[k] (per request), project=, model=, provider=, tag:<key>=
(globs, != to negate), joined with "and"; --batch, --cache-hit-rate and --tier take "<value> if <cond>".
Scenarios: --scenario "cheap=swap gpt-4o=gpt-4.1-mini; batch 50% if tag:job=nightly" (repeatable).`;

export function registerWhatif(program: Command, run: CommandRunner): void {
  addRangeOptions(
    program
      .command('whatif')
      .description(
        'replay stored usage under other models, caching, batch, routing, tiers or prices: baseline vs scenarios',
      ),
  )
    .option(
      '--swap <from=to>',
      'price requests of model <from> (glob) on model <to> (repeatable)',
      collectText,
      [],
    )
    .option(
      '--route <rule>',
      'send requests matching a condition to a model: "<cond> -> <model>" (repeatable)',
      collectText,
      [],
    )
    .option('--cache-hit-rate <rate>', 'simulate prompt caching at this hit rate (0–1, 60%, or observed)')
    .option(
      '--cache <ttl>',
      'cache write TTL for the simulation: 5m or 1h (default 5m; alone: observed rate)',
    )
    .option(
      '--batch <share>',
      'move this share of requests to batch pricing (0.3, 30%, "1 if tag:job=nightly")',
    )
    .option('--tier <tier>', 'bill requests in this service tier (flex, priority) where a price exists')
    .option('--price-book <file>', 'price the scenario with this price book instead of the active one')
    .option('--overrides <file>', 'add these negotiated rates (a priceOverrides array, or a config file)')
    .option(
      '--scenario <name=ops>',
      'a named scenario: "name=op value; op value" (repeatable)',
      collectText,
      [],
    )
    .option('--by <dims>', 'breakdowns: model,provider,project,day,tag:<key>, or none', parseBreakdowns, [
      'model',
    ])
    .option('--top <n>', 'show the N costliest rows of each breakdown (table and md)', parsePositiveInteger)
    .option('--chart', 'draw the cumulative cost per day of each scenario (table format only)')
    .addHelpText('after', SCENARIO_HELP)
    .action(async (options: WhatifOptions, command: Command) => {
      const { runWhatif } = await import('./run-whatif.ts');
      await run(command, (ctx, settings) => runWhatif(options, settings, ctx));
    });
}

function parseBreakdowns(text: string): BreakdownDimension[] {
  if (text === 'none' || text === '') return [];
  return text.split(',').map((part) => {
    const dimension = part.trim();
    if (['model', 'provider', 'project', 'day'].includes(dimension)) return dimension as BreakdownDimension;
    if (dimension.startsWith('tag:') && dimension.length > 4) return dimension as BreakdownDimension;
    throw new InvalidArgumentError(
      `unknown breakdown "${dimension}"; use model, provider, project, day or tag:<key>`,
    );
  });
}
