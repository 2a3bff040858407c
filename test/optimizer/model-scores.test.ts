import { describe, expect, it } from 'vitest';
import { readPriceBook } from '../../src/pricing/read-price-book.ts';
import { createScoredModelResolver } from '../../src/optimizer/scores/create-scored-model-resolver.ts';
import { loadModelScores } from '../../src/optimizer/scores/load-model-scores.ts';
import type { ModelScores } from '../../src/optimizer/scores/model-scores.ts';
import { compareQuality, indexScores, latencyOf } from '../../src/optimizer/scores/score-index.ts';
import { validateModelScores } from '../../src/optimizer/scores/validate-model-scores.ts';

const SOURCE = {
  metric: 'arena-score',
  title: 't',
  url: 'https://example.test',
  readFrom: 'https://example.test/copy',
  retrievedDate: '2026-11-24',
  note: 'a test source',
};

const SCORES: ModelScores = {
  sources: [
    { ...SOURCE, id: 'old', metric: 'arena-score', dataDate: '2025-01-01' },
    { ...SOURCE, id: 'new', metric: 'arena-score', dataDate: '2026-01-01' },
    { ...SOURCE, id: 'speed', metric: 'ttft-ms', dataDate: '2026-02-01' },
  ],
  scores: [
    { model: 'x/a', source: 'old', sourceModel: 'A', value: 1300, ci95: 3, votes: 10 },
    { model: 'x/b', source: 'old', sourceModel: 'B', value: 1200, ci95: 3, votes: 10 },
    { model: 'x/a', source: 'new', sourceModel: 'A', value: 1400, ci95: 3, votes: 10 },
    { model: 'x/c', source: 'new', sourceModel: 'C', value: 1500, ci95: 3, votes: 10 },
    { model: 'x/b', source: 'speed', sourceModel: 'B', value: 450, ci95: null, votes: null },
  ],
};

describe('bundled model scores', () => {
  const scores = loadModelScores();

  it('are valid, dated and cited', () => {
    expect(scores.sources.length).toBeGreaterThan(0);
    for (const source of scores.sources) {
      expect(source.readFrom).toMatch(/^https:\/\//);
      expect(source.retrievedDate >= source.dataDate).toBe(true);
    }
  });

  it('name models of the bundled price book only', () => {
    const book = readPriceBook();
    expect(scores.scores.filter((score) => book.models[score.model] === undefined)).toEqual([]);
  });
});

describe('validateModelScores', () => {
  it('names every problem with its entry', () => {
    const result = validateModelScores({
      sources: [{ ...SOURCE, id: 'a', dataDate: '2026-13-01' }],
      scores: [
        { model: 'gpt-4o', source: 'a', sourceModel: 'x', value: 1 },
        { model: 'openai/gpt-4o', source: 'b', sourceModel: 'x', value: -5 },
      ],
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        'sources[0].dataDate: expected a date YYYY-MM-DD',
        'scores[0].model: expected a price-book key such as "openai/gpt-4o"',
        // The source itself was refused, so nothing can name it.
        'scores[0].source: expected the id of a source listed under "sources"',
        'scores[1] (openai/gpt-4o).source: expected the id of a source listed under "sources"',
        'scores[1] (openai/gpt-4o).value: expected a positive number',
      ],
    });
  });

  it('refuses two scores of one model in one source', () => {
    const twice = { ...SCORES, scores: [SCORES.scores[0], SCORES.scores[0]] };
    expect(validateModelScores(twice)).toEqual({
      ok: false,
      problems: ['scores[1] (x/a): a second score in source "old"'],
    });
  });
});

describe('compareQuality', () => {
  const index = indexScores(SCORES);

  it('uses the newest source that rates both models', () => {
    // a and c share only "new": 1500 − 1400 = +100 → P = 1 / (1 + 10^(−100/400)) = 0.640065
    const comparison = compareQuality(index, 'x/a', 'x/c');
    expect(comparison?.source.id).toBe('new');
    expect(comparison?.deltaPoints).toBe(100);
    expect(comparison?.winProbability).toBeCloseTo(0.640065, 6);
    // a and b share only "old": 1200 − 1300 = −100 → 0.359935
    expect(compareQuality(index, 'x/a', 'x/b')?.winProbability).toBeCloseTo(0.359935, 6);
  });

  it('is unknown when no source rates both, never guessed', () => {
    expect(compareQuality(index, 'x/b', 'x/c')).toBeNull();
    expect(compareQuality(index, 'x/a', 'x/unrated')).toBeNull();
  });

  it('finds latency only in latency sources', () => {
    expect(latencyOf(index, 'x/b')?.ttftMs).toBe(450);
    expect(latencyOf(index, 'x/a')).toBeNull();
  });
});

describe('createScoredModelResolver', () => {
  const identify = createScoredModelResolver(readPriceBook(), loadModelScores());

  it.each([
    ['aws-bedrock', 'anthropic.claude-3-haiku-20240307-v1:0', 'anthropic/claude-3-haiku'],
    ['openrouter', 'openai/gpt-4o-2024-08-06', 'openai/gpt-4o'],
    ['azure-openai', 'gpt-4o-2024-08-06', 'openai/gpt-4o'],
    ['openai', 'gpt-4o-2024-05-13', 'openai/gpt-4o-2024-05-13'],
    ['google-vertex', 'gemini-2.5-pro', 'google/gemini-2.5-pro'],
    ['anthropic', 'claude-sonnet-4-5-20250929', 'anthropic/claude-sonnet-4-5'],
    ['aws-bedrock', 'meta.llama3-1-70b-instruct-v1:0', null],
  ])('%s %s is %s', (provider, model, expected) => {
    expect(identify(provider, model)).toBe(expected);
  });
});
