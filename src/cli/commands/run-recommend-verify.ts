import {
  undoScenario,
  rowsInScope,
  verifyRecommendation,
} from '../../optimizer/recommendations/verify-recommendation.ts';
import { renderVerifyJson, renderVerifyText } from '../../output/render-recommend-verify.ts';
import { openStore } from '../../store/open-store.ts';
import { selectRecommendationDecision } from '../../store/recommendation-decisions.ts';
import type { Context } from '../context.ts';
import { InputError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { planOrFail, readOptimizerInputs, readWorkloads } from '../read-optimizer-inputs.ts';
import { resolveReportRange } from '../resolve-report-range.ts';
import { requireFormat } from '../require-format.ts';
import { requireUsd } from '../require-usd.ts';
import type { Settings } from '../settings.ts';
import { writeOutput } from '../write-output.ts';
import { parseWorkloadDimension } from './optimize.ts';
import type { RecommendOptions } from './recommend.ts';
import { usageFilterOf } from '../usage-filter-of.ts';

/**
 * `recommend verify <id>`: the usage since the recommendation was accepted (to `--as-of`), what it cost,
 * and what it would have cost without the change (verify-recommendation.ts), against the prediction
 * scaled to the same days. An id without an accepted decision is exit 1.
 */
export function runRecommendVerify(
  id: string,
  options: RecommendOptions,
  settings: Settings,
  ctx: Context,
): ExitCode {
  const format = requireFormat(settings, 'recommend verify', ['table', 'json']);
  requireUsd(settings, 'recommend verify');
  resolveReportRange({}, settings);
  const store = openStore(settings.dbPath);
  try {
    const decision = selectRecommendationDecision(store, id);
    if (decision?.decision !== 'accepted') {
      throw new InputError(
        decision === null
          ? `no decision recorded for "${id}": accept it first (llmcost recommend accept ${id})`
          : `"${id}" was rejected, not accepted: there is no change to verify`,
      );
    }
    const window = { startMs: decision.decidedAtMs, endMs: Math.max(decision.decidedAtMs, settings.asOfMs) };
    const filter = usageFilterOf(settings, window.startMs, window.endMs, options.where);
    const inputs = readOptimizerInputs(store, settings, filter);
    const undo = undoScenario(decision.change);
    const plan = planOrFail(undo === null ? [] : [undo], inputs, settings);
    const workloads = readWorkloads(store, filter, plan, inputs, {
      dimension: parseWorkloadDimension(decision.change.scope.dimension ?? 'project'),
      timeZone: settings.timeZone,
      isHourly: false,
    });
    const verification = verifyRecommendation(
      decision.change,
      decision,
      rowsInScope(decision.change, workloads, inputs.identify),
      plan,
      window,
      settings.timeZone,
    );
    writeOutput(
      ctx,
      settings,
      format === 'json' ? renderVerifyJson(decision, verification) : renderVerifyText(decision, verification),
    );
    return EXIT.OK;
  } finally {
    store.close();
  }
}
