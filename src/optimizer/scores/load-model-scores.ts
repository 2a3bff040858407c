import bundled from './model-scores.json' with { type: 'json' };
import type { ModelScores } from './model-scores.ts';
import { validateModelScores } from './validate-model-scores.ts';

/**
 * The bundled quality and latency figures, validated. The file ships with llmcost (tsc copies an
 * imported JSON file to dist/), so an invalid one is a bug in llmcost, not a user error: it throws.
 */
export function loadModelScores(): ModelScores {
  const result = validateModelScores(bundled);
  if (!result.ok) {
    throw new Error(`model-scores.json is invalid:\n  ${result.problems.join('\n  ')}`);
  }
  return result.scores;
}
