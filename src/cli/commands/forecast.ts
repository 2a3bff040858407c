import type { Command } from 'commander';
import type { DimensionFilter, Dimension } from '../../model/dimension.ts';
import type { CommandRunner } from '../command-runner.ts';
import {
  collectFilter,
  collectGrowth,
  parseChoice,
  parseDimensionList,
  parseHorizon,
  parseIntervalLevel,
  type HorizonFlag,
} from '../parse-flags.ts';

export const FORECAST_UNITS = ['hour', 'day', 'week'] as const;

export interface ForecastCommandOptions {
  readonly horizon?: HorizonFlag;
  readonly until?: string;
  readonly by?: (typeof FORECAST_UNITS)[number];
  readonly groupBy: readonly Dimension[];
  readonly where: readonly DimensionFilter[];
  readonly since?: string;
  /** `auto` or `<method>[:<season length>]`, checked when the command runs. */
  readonly method: string;
  /** Central band level, 0–1. */
  readonly interval: number;
  readonly growth: readonly number[];
  readonly chart?: boolean;
}

export function registerForecast(program: Command, run: CommandRunner): void {
  program
    .command('forecast')
    .description('forecast spend per period with a calibrated band and a backtested accuracy card')
    .option(
      '--horizon <n><h|d|w|m>',
      'how far ahead: 48h, 30d, 13w, 3m (default 48h by hour, 30d by day, 13w by week)',
      parseHorizon,
    )
    .option(
      '--until <date>',
      'forecast up to this date (inclusive, in --tz) or instant, instead of --horizon',
    )
    .option(
      '--by <unit>',
      "period: hour|day|week (default: from --horizon's unit, else day)",
      parseChoice(FORECAST_UNITS),
    )
    .option(
      '--group-by <dims>',
      'also forecast each group: provider,model,project,user,team,apiKey,workspace,session,tag:<key>',
      parseDimensionList,
      [],
    )
    .option(
      '--where <dim=value>',
      'keep only usage where dimension = value (* matches any text; repeatable)',
      collectFilter,
      [],
    )
    .option(
      '--since <date>',
      'history starts at this date (default: 6 weeks by hour, 1 year by day, 3 years by week)',
    )
    .option(
      '--method <name>',
      'auto (best by backtest), or naive, seasonal-naive, naive2, moving-average, linear-trend, ses, holt, damped, hw-additive, hw-multiplicative, theta, combo; add :<season> (theta:168)',
      'auto',
    )
    .option('--interval <percent>', 'central band level', parseIntervalLevel, 0.8)
    .option(
      '--growth <percent>',
      'add a capacity scenario: usage this much above the forecast (repeatable)',
      collectGrowth,
      [],
    )
    .option('--chart', 'draw history, forecast and band (table format)')
    .action(async (options: ForecastCommandOptions, command: Command) => {
      const { runForecast } = await import('./run-forecast.ts');
      await run(command, (ctx, settings) => runForecast(options, settings, ctx));
    });
}
