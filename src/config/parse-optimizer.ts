import { suggestKey } from '../ingest/suggest-key.ts';
import {
  DEFAULT_OPTIMIZER_SETTINGS,
  type OptimizerSettings,
  type StrategyWeights,
} from '../optimizer/strategies/strategy.ts';

const OPTIMIZER_FIELDS = ['balancedWeights', 'maxQualityDrop'] as const;
const WEIGHT_FIELDS = ['cost', 'performance', 'quality'] as const;

/**
 * The config file's `optimizer`: `{ "balancedWeights": { "cost": 0.4, "performance": 0.3, "quality": 0.3 },
 * "maxQualityDrop": 50 }`, both optional. Weights are non-negative numbers, all three given, not all 0;
 * they are divided by their sum (so `4, 3, 3` means the same as `0.4, 0.3, 0.3`). `maxQualityDrop` is
 * arena points, ≥ 0. Problems name their path (`optimizer.balancedWeights.cost`).
 */
export function parseOptimizer(value: unknown, problems: string[]): OptimizerSettings | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    problems.push(
      `"optimizer": expected an object such as { "balancedWeights": { "cost": 0.4, "performance": 0.3, "quality": 0.3 }, "maxQualityDrop": 50 }, got ${JSON.stringify(value)}`,
    );
    return undefined;
  }
  const before = problems.length;
  for (const key of Object.keys(value)) {
    if ((OPTIMIZER_FIELDS as readonly string[]).includes(key)) continue;
    // suggestKey compares lower-cased input with the known keys as written: give it lower-case keys.
    const lowerCase = suggestKey(
      key,
      OPTIMIZER_FIELDS.map((field) => field.toLowerCase()),
    );
    const suggestion = OPTIMIZER_FIELDS.find((field) => field.toLowerCase() === lowerCase) ?? null;
    problems.push(
      `"optimizer.${key}": unknown field${suggestion === null ? ` (known: ${OPTIMIZER_FIELDS.join(', ')})` : `; did you mean "${suggestion}"?`}`,
    );
  }
  const balancedWeights =
    value.balancedWeights === undefined
      ? DEFAULT_OPTIMIZER_SETTINGS.balancedWeights
      : readWeights(value.balancedWeights, problems);
  let { maxQualityDrop } = DEFAULT_OPTIMIZER_SETTINGS;
  if (value.maxQualityDrop !== undefined) {
    if (
      typeof value.maxQualityDrop === 'number' &&
      Number.isFinite(value.maxQualityDrop) &&
      value.maxQualityDrop >= 0
    )
      maxQualityDrop = value.maxQualityDrop;
    else
      problems.push(
        `"optimizer.maxQualityDrop": expected arena points, a number ≥ 0 such as 50, got ${JSON.stringify(value.maxQualityDrop)}`,
      );
  }
  if (problems.length > before || balancedWeights === null) return undefined;
  return { balancedWeights, maxQualityDrop };
}

function readWeights(value: unknown, problems: string[]): StrategyWeights | null {
  if (!isRecord(value)) {
    problems.push(
      `"optimizer.balancedWeights": expected { "cost": …, "performance": …, "quality": … }, got ${JSON.stringify(value)}`,
    );
    return null;
  }
  const before = problems.length;
  for (const key of Object.keys(value))
    if (!(WEIGHT_FIELDS as readonly string[]).includes(key))
      problems.push(
        `"optimizer.balancedWeights.${key}": unknown weight (known: ${WEIGHT_FIELDS.join(', ')})`,
      );
  const weights = { cost: 0, performance: 0, quality: 0 };
  for (const field of WEIGHT_FIELDS) {
    const weight = value[field];
    if (typeof weight === 'number' && Number.isFinite(weight) && weight >= 0) weights[field] = weight;
    else
      problems.push(
        `"optimizer.balancedWeights.${field}": expected a number ≥ 0, got ${weight === undefined ? 'nothing' : JSON.stringify(weight)}`,
      );
  }
  if (problems.length > before) return null;
  const sum = weights.cost + weights.performance + weights.quality;
  if (sum === 0) {
    problems.push('"optimizer.balancedWeights": the weights must not all be 0');
    return null;
  }
  return { cost: weights.cost / sum, performance: weights.performance / sum, quality: weights.quality / sum };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
