import type { ReplayRow } from './replay-row.ts';
import { promptTokens, requestsPerTest } from './replay-row.ts';
import { compileGlob } from './match-glob.ts';
import type { Comparison, ConditionDimension, RowCondition } from './scenario.ts';

/** A condition made callable once: globs compiled, the attribute read chosen. */
export type RowTest = (row: ReplayRow) => boolean;

/**
 * Compiles a condition. Size tests compare the row's tokens with `tokens × requests` (the per-request
 * average without a division, so grouped rows give the answer each of their records gives).
 */
export function compileRowCondition(condition: RowCondition): RowTest {
  switch (condition.kind) {
    case 'size': {
      const { measure, comparison, tokens } = condition;
      const measured =
        measure === 'input' ? (row: ReplayRow) => promptTokens(row) : (row: ReplayRow) => row.outputTokens;
      return (row) => compare(measured(row), comparison, tokens * requestsPerTest(row));
    }
    case 'attribute': {
      const matches = compileGlob(condition.pattern);
      const read = attributeReader(condition.dimension);
      return condition.isNegated
        ? (row) => {
            const value = read(row);
            return value === null || !matches(value);
          }
        : (row) => {
            const value = read(row);
            return value !== null && matches(value);
          };
    }
    case 'all': {
      const tests = condition.conditions.map(compileRowCondition);
      return (row) => tests.every((test) => test(row));
    }
    default:
      return condition satisfies never;
  }
}

export function compare(left: number, comparison: Comparison, right: number): boolean {
  switch (comparison) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    default:
      return comparison satisfies never;
  }
}

function attributeReader(dimension: ConditionDimension): (row: ReplayRow) => string | null {
  if (dimension.startsWith('tag:')) {
    const key = dimension.slice(4);
    return (row) => row.tags[key] ?? null;
  }
  switch (dimension) {
    case 'provider':
      return (row) => row.provider;
    case 'model':
      return (row) => row.model;
    case 'project':
      return (row) => row.project;
    default:
      throw new Error(`unknown condition dimension "${dimension}"`);
  }
}

/** The condition as the user would write it (`input<2000 and project=search`). */
export function describeCondition(condition: RowCondition): string {
  switch (condition.kind) {
    case 'size':
      return `${condition.measure}${condition.comparison}${condition.tokens}`;
    case 'attribute':
      return `${condition.dimension}${condition.isNegated ? '!=' : '='}${condition.pattern}`;
    case 'all':
      return condition.conditions.map(describeCondition).join(' and ');
    default:
      return condition satisfies never;
  }
}
