import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.ts';
import { openStore } from '../../src/store/open-store.ts';
import {
  selectRecommendationDecision,
  selectRecommendationDecisions,
  upsertRecommendationDecision,
  type RecommendationDecision,
} from '../../src/store/recommendation-decisions.ts';

/** A store file left at schema version 5 (before recommendation decisions). */
function storeAtVersion5(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'llmcost-migrate-')), 'old.db');
  const old = new Database(path);
  for (const [index, sql] of MIGRATIONS.slice(0, 5).entries()) {
    old.exec(sql);
    old.pragma(`user_version = ${index + 1}`);
  }
  old.close();
  return path;
}

const DECISION: RecommendationDecision = {
  recommendationId: 'rec-0123abcd',
  kind: 'model-downgrade',
  title: 'Use openai/gpt-4.1-mini for support small requests',
  decision: 'accepted',
  reason: null,
  decidedAtMs: Date.UTC(2026, 10, 20),
  change: {
    kind: 'model-downgrade',
    scope: { workload: 'support|small|openai|gpt-4o' },
    parameters: { from: 'openai/gpt-4o', to: 'openai/gpt-4.1-mini' },
  },
  windowStartMs: Date.UTC(2026, 9, 1),
  windowEndMs: Date.UTC(2026, 10, 1),
  baselineRequests: 1_200,
  // Past 2^53: money stays exact through the store.
  baselineCostPico: 9_007_199_254_740_993n,
  scenarioCostPico: 1_000_000n,
  monthlySavingsPico: 9_007_199_253_740_993n,
  pricingVersion: 'sha256:0123456789abcdef',
};

describe('migration 6 (recommendation decisions)', () => {
  it('adds the decisions table to a store at version 5', () => {
    const store = openStore(storeAtVersion5());
    expect(store.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(selectRecommendationDecisions(store)).toEqual([]);
    store.close();
  });

  it('keeps a decision exactly and replaces it when decided again', () => {
    const store = openStore(':memory:');
    upsertRecommendationDecision(store, DECISION);
    expect(selectRecommendationDecision(store, 'rec-0123abcd')).toEqual(DECISION);
    const rejected = {
      ...DECISION,
      decision: 'rejected' as const,
      reason: 'tone',
      decidedAtMs: DECISION.decidedAtMs + 1,
    };
    upsertRecommendationDecision(store, rejected);
    expect(selectRecommendationDecisions(store)).toEqual([rejected]);
    expect(selectRecommendationDecision(store, 'rec-ffffffff')).toBeNull();
    store.close();
  });
});
