import { SCORE_METRICS, type ModelScore, type ModelScores, type ScoreSource } from './model-scores.ts';

export type ModelScoresValidation =
  | { readonly ok: true; readonly scores: ModelScores }
  | { readonly ok: false; readonly problems: readonly string[] };

const ISO_DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;
const SOURCE_TEXT_FIELDS = ['id', 'title', 'url', 'readFrom', 'note'] as const;

/**
 * Checks the bundled `model-scores.json`: every source is complete and dated, every score names a known
 * source, a positive finite value, and no model has two scores in one source. Problems name the entry
 * (`scores[3] (openai/gpt-4o).value`).
 */
export function validateModelScores(json: unknown): ModelScoresValidation {
  const problems: string[] = [];
  if (!isRecord(json)) return { ok: false, problems: ['(top level): expected an object'] };
  const sources: ScoreSource[] = [];
  if (!Array.isArray(json.sources)) problems.push('sources: expected an array');
  else
    json.sources.forEach((value: unknown, index) => {
      const source = readSource(value, `sources[${index}]`, problems);
      if (source === null) return;
      if (sources.some((known) => known.id === source.id))
        problems.push(`sources[${index}].id: "${source.id}" appears twice`);
      sources.push(source);
    });
  const scores: ModelScore[] = [];
  if (!Array.isArray(json.scores)) problems.push('scores: expected an array');
  else
    json.scores.forEach((value: unknown, index) => {
      const score = readScore(value, index, new Set(sources.map((source) => source.id)), problems);
      if (score === null) return;
      if (scores.some((known) => known.model === score.model && known.source === score.source))
        problems.push(`scores[${index}] (${score.model}): a second score in source "${score.source}"`);
      scores.push(score);
    });
  return problems.length === 0 ? { ok: true, scores: { sources, scores } } : { ok: false, problems };
}

function readSource(value: unknown, path: string, problems: string[]): ScoreSource | null {
  if (!isRecord(value)) {
    problems.push(`${path}: expected an object`);
    return null;
  }
  const before = problems.length;
  for (const field of SOURCE_TEXT_FIELDS)
    if (typeof value[field] !== 'string' || value[field] === '')
      problems.push(`${path}.${field}: expected a non-empty string`);
  if (!(SCORE_METRICS as readonly unknown[]).includes(value.metric))
    problems.push(`${path}.metric: expected one of ${SCORE_METRICS.join(', ')}`);
  for (const field of ['dataDate', 'retrievedDate'] as const)
    if (typeof value[field] !== 'string' || !ISO_DATE.test(value[field]))
      problems.push(`${path}.${field}: expected a date YYYY-MM-DD`);
  return problems.length === before ? (value as unknown as ScoreSource) : null;
}

function readScore(
  value: unknown,
  index: number,
  sourceIds: ReadonlySet<string>,
  problems: string[],
): ModelScore | null {
  const path = `scores[${index}]`;
  if (!isRecord(value)) {
    problems.push(`${path}: expected an object`);
    return null;
  }
  const before = problems.length;
  const model = typeof value.model === 'string' && value.model.includes('/') ? value.model : null;
  if (model === null) problems.push(`${path}.model: expected a price-book key such as "openai/gpt-4o"`);
  const at = model === null ? path : `${path} (${model})`;
  if (typeof value.source !== 'string' || !sourceIds.has(value.source))
    problems.push(`${at}.source: expected the id of a source listed under "sources"`);
  if (typeof value.sourceModel !== 'string' || value.sourceModel === '')
    problems.push(`${at}.sourceModel: expected the row's name in the source`);
  if (!isPositiveNumber(value.value)) problems.push(`${at}.value: expected a positive number`);
  for (const field of ['ci95', 'votes'] as const)
    if (value[field] !== undefined && value[field] !== null && !isPositiveNumber(value[field]))
      problems.push(`${at}.${field}: expected a positive number or nothing`);
  if (problems.length > before) return null;
  return {
    model: model ?? '',
    source: value.source as string,
    sourceModel: value.sourceModel as string,
    value: value.value as number,
    ci95: (value.ci95 as number | undefined) ?? null,
    votes: (value.votes as number | undefined) ?? null,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPositiveNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
