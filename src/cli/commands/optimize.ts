import { InvalidArgumentError, type Command } from 'commander';
import { STRATEGIES, type StrategyName } from '../../optimizer/strategies/strategy.ts';
import type { WorkloadDimension } from '../../optimizer/workloads/workload.ts';
import type { CommandRunner } from '../command-runner.ts';
import { parseChoice, parsePositiveInteger } from '../parse-flags.ts';
import { addRangeOptions, type ReportRangeFlags } from './report-range-options.ts';

export interface OptimizeOptions extends ReportRangeFlags {
  readonly strategy: StrategyName;
  /** What groups requests into workloads besides prompt size and model. */
  readonly groupBy: WorkloadDimension;
  /** Globs on `provider/model` keys, or null: scored models of the providers already in use. */
  readonly candidates: readonly string[] | null;
  /** Overrides the config's `optimizer.maxQualityDrop` (arena points). */
  readonly maxQualityDrop?: number;
  /** Workloads shown, largest cost first. */
  readonly top: number;
}

export function registerOptimize(program: Command, run: CommandRunner): void {
  const command = program
    .command('optimize')
    .description(
      'per workload (project or tag × prompt size × model): candidate models replayed on your usage, with quality, latency and the strategy’s pick',
    )
    .option('--strategy <name>', STRATEGIES.join('|'), parseChoice(STRATEGIES), 'balanced')
    .option('--group-by <dim>', 'workloads per: project or tag:<key>', parseWorkloadDimension, 'project')
    .option(
      '--candidates <globs>',
      'comma-separated provider/model globs to consider (openai/*,google/gemini-2.5-*), or all (default: scored models of the providers you use)',
      parseCandidates,
    )
    .option(
      '--max-quality-drop <points>',
      'arena points a candidate may be rated below the current model (default: config optimizer.maxQualityDrop, else 50)',
      parseNonNegativeNumber,
    )
    .option('--top <n>', 'workloads shown, largest cost first', parsePositiveInteger, 10);
  addRangeOptions(command).action(async (options: OptimizeOptions, self: Command) => {
    const { runOptimize } = await import('./run-optimize.ts');
    await run(self, (ctx, settings) => runOptimize(options, settings, ctx));
  });
}

export function parseWorkloadDimension(text: string): WorkloadDimension {
  if (text === 'project' || (text.startsWith('tag:') && text.length > 4)) return text as WorkloadDimension;
  throw new InvalidArgumentError(`expected project or tag:<key>, got "${text}"`);
}

/** `all` → every scored model (`*`); else comma-separated globs. */
export function parseCandidates(text: string): string[] {
  const patterns = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (patterns.length === 0) throw new InvalidArgumentError('expected provider/model globs or all');
  return patterns.some((pattern) => pattern === 'all') ? ['*'] : patterns;
}

export function parseNonNegativeNumber(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0)
    throw new InvalidArgumentError(`expected a number ≥ 0, got "${text}"`);
  return value;
}
