import type { Comparison, ConditionDimension, RowCondition } from '../../optimizer/scenario.ts';
import { UsageError } from '../errors.ts';

const SIZE = /^(input|output)\s*(<=|>=|<|>)\s*(\d+)(k?)$/i;
const ATTRIBUTE = /^(provider|model|project|tag:[^\s=!<>]+)\s*(!=|=)\s*(\S+)$/;
const SIZE_WORD = /^(input|output)\b/i;

/**
 * Reads a request condition: clauses joined by `and` (or `&&`), each a per-request size test
 * (`input<2000`, `output>=8k`; `input` is the whole prompt with cache reads and writes) or an attribute
 * glob (`project=search`, `model!=gpt-4o*`, `tag:env=prod`, `provider=openai`). `where` names the flag
 * for errors, which quote the clause they could not read.
 */
export function parseRowCondition(text: string, where: string): RowCondition {
  const clauses = text
    .trim()
    .split(/\s+and\b\s*|\s*&&\s*/i)
    .map((clause) => clause.trim());
  if (clauses.some((clause) => clause === ''))
    throw new UsageError(`${where}: empty condition in "${text}"; write e.g. input<2000 and project=search`);
  const conditions = clauses.map((clause) => parseClause(clause, where));
  const [only] = conditions;
  return conditions.length === 1 && only !== undefined ? only : { kind: 'all', conditions };
}

function parseClause(clause: string, where: string): RowCondition {
  const size = SIZE.exec(clause);
  if (size !== null) {
    const tokens = Number(size[3]) * (size[4] === '' ? 1 : 1000);
    if (!Number.isSafeInteger(tokens))
      throw new UsageError(`${where}: "${clause}": the token count is too large`);
    return {
      kind: 'size',
      measure: (size[1] ?? 'input').toLowerCase() as 'input' | 'output',
      comparison: size[2] as Comparison,
      tokens,
    };
  }
  const attribute = ATTRIBUTE.exec(clause);
  if (attribute !== null) {
    return {
      kind: 'attribute',
      dimension: attribute[1] as ConditionDimension,
      pattern: attribute[3] ?? '',
      isNegated: attribute[2] === '!=',
    };
  }
  const word = /^[^\s=!<>]*/.exec(clause)?.[0] ?? clause;
  const hint = SIZE_WORD.test(clause)
    ? 'a size test is input|output followed by <, <=, > or >= and a whole number of tokens (2000 or 2k)'
    : `"${word}" is not input, output, provider, model, project or tag:<key>`;
  throw new UsageError(`${where}: cannot read "${clause}": ${hint}`);
}
