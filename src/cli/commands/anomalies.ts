import type { Command } from 'commander';
import {
  DETECTION_METHODS,
  SENSITIVITIES,
  type DetectionMethod,
  type Sensitivity,
} from '../../anomalies/detection-settings.ts';
import type { Dimension, DimensionFilter } from '../../model/dimension.ts';
import type { CommandRunner } from '../command-runner.ts';
import { collectFilter, parseChoice, parseDimensionList, parseUsdAmount } from '../parse-flags.ts';

const BUCKET_UNITS = ['day', 'hour'] as const;

/** What to look at and how: shared by `anomalies` and `anomalies ack` (which finds the id the same way). */
export interface AnomalyDetectionOptions {
  readonly by: (typeof BUCKET_UNITS)[number];
  readonly groupBy: readonly Dimension[];
  readonly since?: string;
  readonly until?: string;
  readonly where: readonly DimensionFilter[];
  readonly sensitivity: Sensitivity;
  readonly method: DetectionMethod;
}

export interface AnomaliesOptions extends AnomalyDetectionOptions {
  readonly minImpact: number;
  readonly failOnAnomaly: boolean;
}

export interface AnomalyAckOptions {
  readonly reason: string;
}

export function registerAnomalies(program: Command, run: CommandRunner): void {
  const anomalies = program
    .command('anomalies')
    .description('cost spikes, drops and level shifts, with their root cause in dollars')
    .option('--by <unit>', 'bucket: day|hour', parseChoice(BUCKET_UNITS), 'day')
    .option(
      '--group-by <dims>',
      'dimensions to explain by (token classes always): model,project,user,apiKey,…',
      parseDimensionList,
      ['model', 'project'],
    )
    .option('--since <date>', 'report findings from this date (default: 28 days, or 7 with --by hour)')
    .option('--until <date>', 'up to this date (inclusive) or instant (exclusive)')
    .option(
      '--where <dim=value>',
      'keep only usage where dimension = value (* matches any text; repeatable)',
      collectFilter,
      [],
    )
    .option('--sensitivity <level>', 'low|medium|high', parseChoice(SENSITIVITIES), 'medium')
    .option('--min-impact <usd>', 'hide findings that move fewer dollars than this', parseUsdAmount, 1)
    .option(
      '--method <method>',
      'robust (seasonal, median/MAD) or zscore (plain mean ± 3σ, for comparison)',
      parseChoice(DETECTION_METHODS),
      'robust',
    )
    .option('--fail-on-anomaly', 'exit 3 when an unacknowledged finding above --min-impact exists', false)
    .action(async (options: AnomaliesOptions, command: Command) => {
      const { runAnomalies } = await import('./run-anomalies.ts');
      await run(command, (ctx, settings) => runAnomalies(options, settings, ctx));
    });
  anomalies
    .command('ack <id>')
    .description('mark a finding as expected: it is not reported again')
    .requiredOption('--reason <text>', 'why it is expected (e.g. planned)')
    .action(async (id: string, options: AnomalyAckOptions, command: Command) => {
      const { runAnomalyAck } = await import('./run-anomaly-ack.ts');
      // The detection flags are the parent's (`anomalies --group-by … ack <id>` or after the id).
      const detection = anomalies.opts<AnomaliesOptions>();
      await run(command, (ctx, settings) => runAnomalyAck(id, options, detection, settings, ctx));
    });
}
