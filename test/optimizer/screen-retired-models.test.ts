import { describe, expect, it } from 'vitest';
import {
  retirementFlags,
  screenRetiredModels,
} from '../../src/optimizer/strategies/screen-retired-models.ts';
import type { PriceBook } from '../../src/pricing/price-book.ts';
import { REPLAY_BOOK } from '../helpers/replay-book.ts';

/** REPLAY_BOOK with openai/small retiring on 2026-06-01 and acme/plain flagged deprecated (no date). */
const book: PriceBook = {
  ...REPLAY_BOOK,
  models: {
    ...REPLAY_BOOK.models,
    'openai/small': { ...REPLAY_BOOK.models['openai/small']!, deprecationDate: '2026-06-01' },
    'acme/plain': { ...REPLAY_BOOK.models['acme/plain']!, deprecated: true },
  },
};
const candidates = ['acme/plain', 'anthropic/claude-mid', 'openai/big', 'openai/small', 'openai/unknown'];

describe('screenRetiredModels', () => {
  it.each([
    // day, kept, excluded
    ['2026-03-01', ['anthropic/claude-mid', 'openai/big', 'openai/small', 'openai/unknown'], ['acme/plain']],
    ['2026-05-31', ['anthropic/claude-mid', 'openai/big', 'openai/small', 'openai/unknown'], ['acme/plain']],
    ['2026-06-01', ['anthropic/claude-mid', 'openai/big', 'openai/unknown'], ['acme/plain', 'openai/small']],
  ])('on %s keeps %j and leaves out %j', (day, kept, excluded) => {
    const screen = screenRetiredModels(candidates, book, day);
    expect(screen.kept).toEqual(kept);
    expect(screen.excluded.map(({ model }) => model)).toEqual(excluded);
  });

  it('gives each left-out model its date, null for a flag without one', () => {
    expect(screenRetiredModels(candidates, book, '2026-07-01').excluded).toEqual([
      { model: 'acme/plain', date: null },
      { model: 'openai/small', date: '2026-06-01' },
    ]);
  });

  it('proposes no retired model whatever the day: kept ∪ excluded = the candidates', () => {
    for (const day of ['2020-01-01', '2026-06-01', '2030-01-01']) {
      const screen = screenRetiredModels(candidates, book, day);
      const flags = retirementFlags(screen.kept, book, day);
      expect([...flags.values()].filter((flag) => flag.status === 'retired')).toEqual([]);
      expect([...screen.kept, ...screen.excluded.map(({ model }) => model)].sort()).toEqual(candidates);
    }
  });
});

describe('retirementFlags', () => {
  it('flags a model retiring within 90 days, and a retired one, not an available one', () => {
    expect(retirementFlags(['openai/small', 'openai/big'], book, '2026-03-03')).toEqual(
      new Map([['openai/small', { status: 'retiring', date: '2026-06-01', daysLeft: 90 }]]),
    );
    expect(retirementFlags(['openai/small'], book, '2026-03-02').size).toBe(0);
    expect(retirementFlags(['acme/plain'], book, '2026-03-02').get('acme/plain')?.status).toBe('retired');
  });
});
