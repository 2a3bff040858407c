import { InvalidArgumentError, type Command } from 'commander';
import type { CommandRunner } from '../command-runner.ts';
import { parseChoice } from '../parse-flags.ts';

export const CHARGEBACK_VIEWS = ['cost-center', 'department'] as const;
export type ChargebackView = (typeof CHARGEBACK_VIEWS)[number];

export interface ChargebackOptions {
  /** `YYYY-MM`, validated. */
  readonly period: string;
  readonly by: ChargebackView;
}

export interface InvoiceOptions {
  readonly period: string;
  readonly costCenter: string;
}

/** `--period YYYY-MM`: a calendar month in `--tz`. */
export function parseMonthFlag(text: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(text)) {
    throw new InvalidArgumentError(`expected a month such as 2026-10, got "${text}"`);
  }
  return text;
}

export function registerChargeback(program: Command, run: CommandRunner): void {
  program
    .command('chargeback')
    .description(
      'who pays what for a month: spend per cost center by the config\'s "chargeback" rules, shared pools split, adjustments (xlsx workbook with --out file.xlsx)',
    )
    .requiredOption('--period <month>', 'the calendar month, YYYY-MM (in --tz)', parseMonthFlag)
    .option(
      '--by <level>',
      `one row per: ${CHARGEBACK_VIEWS.join('|')}`,
      parseChoice(CHARGEBACK_VIEWS),
      'cost-center',
    )
    .action(async (options: ChargebackOptions, command: Command) => {
      const { runChargeback } = await import('./run-chargeback.ts');
      await run(command, (ctx, settings) => runChargeback(options, settings, ctx));
    });
  program
    .command('invoice')
    .description("one cost center's statement for a month: line items, shared costs, adjustments, tax, total")
    .requiredOption(
      '--cost-center <id>',
      'the cost center, as the config\'s "chargeback.costCenters" names it',
    )
    .requiredOption('--period <month>', 'the calendar month, YYYY-MM (in --tz)', parseMonthFlag)
    .action(async (options: InvoiceOptions, command: Command) => {
      const { runInvoice } = await import('./run-invoice.ts');
      await run(command, (ctx, settings) => runInvoice(options, settings, ctx));
    });
}
