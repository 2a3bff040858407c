import type { Command } from 'commander';
import { RECOMMENDATION_ID_PATTERN } from '../../optimizer/recommendations/recommendation-id.ts';
import type { WorkloadDimension } from '../../optimizer/workloads/workload.ts';
import type { CommandRunner } from '../command-runner.ts';
import { UsageError } from '../errors.ts';
import { parseCandidates, parseNonNegativeNumber, parseWorkloadDimension } from './optimize.ts';
import { addRangeOptions, type ReportRangeFlags } from './report-range-options.ts';

/** What `recommend` and its subcommands read the usage with (accept finds the id the same way). */
export interface RecommendOptions extends ReportRangeFlags {
  readonly groupBy: WorkloadDimension;
  readonly candidates: readonly string[] | null;
  readonly maxQualityDrop?: number;
  /** Also list rejected recommendations. */
  readonly all: boolean;
}

export interface RecommendDecisionOptions {
  readonly reason?: string;
}

export function registerRecommend(program: Command, run: CommandRunner): void {
  const recommend = program
    .command('recommend')
    .description(
      'ranked recommendations with monthly savings replayed on your usage, confidence, effort and quality impact (accept, reject, verify)',
    )
    .option('--group-by <dim>', 'workloads per: project or tag:<key>', parseWorkloadDimension, 'project')
    .option(
      '--candidates <globs>',
      'models a downgrade may pick: provider/model globs, or all (default: scored models of the providers you use)',
      parseCandidates,
    )
    .option(
      '--max-quality-drop <points>',
      'arena points a downgrade may be rated below the current model (default: config, else 50)',
      parseNonNegativeNumber,
    )
    .option('--all', 'also list rejected recommendations', false);
  addRangeOptions(recommend).action(async (options: RecommendOptions, command: Command) => {
    const { runRecommend } = await import('./run-recommend.ts');
    await run(command, (ctx, settings) => runRecommend(options, settings, ctx));
  });

  for (const decision of ['accept', 'reject'] as const) {
    recommend
      .command(`${decision} <id>`)
      .description(
        decision === 'accept'
          ? 'record that you made a recommended change (keeps its prediction for verify)'
          : 'record that you will not make it (it is no longer listed)',
      )
      .option('--reason <text>', 'why, kept with the decision')
      .action(async (id: string, options: RecommendDecisionOptions, command: Command) => {
        const { runRecommendDecision } = await import('./run-recommend-decision.ts');
        await run(command, (ctx, settings) =>
          runRecommendDecision(
            parseRecommendationId(id),
            decision,
            options,
            parentOptions(command),
            settings,
            ctx,
          ),
        );
      });
  }

  recommend
    .command('verify <id>')
    .description('compare spend since an accepted change with its predicted saving')
    .action(async (id: string, _options: unknown, command: Command) => {
      const { runRecommendVerify } = await import('./run-recommend-verify.ts');
      await run(command, (ctx, settings) =>
        runRecommendVerify(parseRecommendationId(id), parentOptions(command), settings, ctx),
      );
    });
}

/**
 * A malformed id is a usage error (exit 2): it cannot name anything. A well-formed id that names no
 * current recommendation is checked against the data instead and fails with exit 1.
 */
export function parseRecommendationId(text: string): string {
  if (!RECOMMENDATION_ID_PATTERN.test(text))
    throw new UsageError(
      `expected a recommendation id such as rec-0a1b2c3d (as llmcost recommend prints it), got "${text}"`,
    );
  return text;
}

/** The parent's options: `recommend --since … accept <id>` or after the id (commander reads both). */
function parentOptions(command: Command): RecommendOptions {
  const parent = command.parent;
  if (parent === null) throw new Error('recommend subcommand without its parent');
  return parent.opts<RecommendOptions>();
}
