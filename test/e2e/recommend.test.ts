import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecommendJson } from '../../src/output/recommend-json.ts';
import type { Sandbox } from '../helpers/run-cli.ts';
import { fixturePath, makeSeededSandbox, runLlmcost } from '../helpers/run-llmcost.ts';
import { writeBookWithDates } from '../helpers/write-book-with-dates.ts';

/**
 * fixtures/recommend/usage.jsonl (2026-11-01 to 11-14): one workload per recommendation kind.
 * after-change.jsonl: a week from 2026-11-16 with support-bot's small requests on gpt-4.1-nano.
 */
const seeded = (): Sandbox => makeSeededSandbox([fixturePath('recommend/usage.jsonl')]);
const FLAGS = ['--as-of', '2026-11-15', '--candidates', 'openai/gpt-4.1*'];

function recommendJson(sandbox: Sandbox, args: readonly string[] = []): RecommendJson {
  const result = runLlmcost(['recommend', ...FLAGS, '--format', 'json', ...args], sandbox);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as RecommendJson;
}

describe('llmcost recommend', () => {
  it.each([
    ['table', []],
    ['markdown', ['--format', 'md']],
    ['csv', ['--format', 'csv']],
  ])('ranks the recommendations: %s', async (name, args) => {
    const result = runLlmcost(['recommend', ...FLAGS, ...args], seeded());
    expect(result.code, result.stderr).toBe(0);
    await expect(result.stdout).toMatchFileSnapshot(`../golden/recommend/${name}.txt`);
  });

  it('fits 100 columns', () => {
    const result = runLlmcost(['recommend', ...FLAGS], seeded());
    expect(result.stdout.split('\n').filter((line) => line.length > 100)).toEqual([]);
  });

  it('finds each kind the fixture is shaped for, priced by the replay and ranked by priority', () => {
    const json = recommendJson(seeded());
    expect(json.recommendations.map((row) => [row.kind, row.confidence, row.effort])).toEqual([
      ['trim-prompts', 'low', 'medium'],
      ['model-downgrade', 'medium', 'easy'],
      ['enable-caching', 'low', 'medium'],
      ['move-to-batch', 'low', 'hard'],
    ]);
    const [trim, downgrade, caching, batch] = json.recommendations;
    // docs-qa: 14 prompts of 110,000 tokens on gpt-4o ($2.50 / 1M) cut to 64,000: $3.85 → $2.24 input.
    expect([trim?.baselineCost.exact, trim?.scenarioCost.exact]).toEqual(['3.962', '2.352']);
    // support-bot: gpt-4o → gpt-4.1-nano, $0.47075 → $0.01883 (see optimize.test.ts).
    expect([downgrade?.baselineCost.exact, downgrade?.scenarioCost.exact]).toEqual(['0.47075', '0.01883']);
    // code-review: 210,000 prompt tokens, 80% read from cache ($0.30 / 1M), 20% written ($3.75 / 1M).
    expect([caching?.baselineCost.exact, caching?.scenarioCost.exact]).toEqual(['1.05', '0.6279']);
    // nightly-eval: every request between 01:00 and 03:00 UTC, half price in batch.
    expect([batch?.baselineCost.exact, batch?.scenarioCost.exact]).toEqual(['0.672', '0.336']);
    // Priorities descend; the largest saving scores 50 + 0.3 × 30 (low) + 0.2 × 60 (medium) = 71.
    expect(trim?.priority).toBe(71);
    const priorities = json.recommendations.map((row) => row.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
  });

  it('never downgrades to a model retired by --as-of; flags a target retiring within 90 days', () => {
    const sandbox = seeded();
    const book = writeBookWithDates(sandbox, {
      'openai/gpt-4.1-nano': '2026-11-10',
      'openai/gpt-4.1-mini': '2026-12-01',
    });
    const json = recommendJson(sandbox, ['--pricing', book]);
    expect(json.retiredCandidates).toMatchObject({
      excludedCount: 1,
      excluded: [{ model: 'openai/gpt-4.1-nano', date: '2026-11-10' }],
    });
    const targets = json.recommendations.map((row) => row.change.parameters.to);
    expect(targets).not.toContain('openai/gpt-4.1-nano');
    // support-bot goes to gpt-4.1-mini instead (gpt-4.1-nano with the shipped book, above).
    const downgrade = json.recommendations.find((row) => row.kind === 'model-downgrade');
    expect(downgrade?.change.parameters).toEqual({ from: 'openai/gpt-4o', to: 'openai/gpt-4.1-mini' });
    expect(downgrade?.retirement).toEqual({
      model: 'openai/gpt-4.1-mini',
      status: 'retiring',
      date: '2026-12-01',
      daysLeft: 16,
    });
    expect(json.recommendations.filter((row) => row.retirement !== null)).toHaveLength(1);
    // Wrapped lines joined back.
    const table = runLlmcost(['recommend', ...FLAGS, '--pricing', book], sandbox).stdout.replace(
      /\n +/g,
      ' ',
    );
    expect(table).toContain(
      'Retiring: openai/gpt-4.1-mini is retired on 2026-12-01 (in 16 days); plan for its successor.',
    );
    expect(table).toContain(
      "Retired: 1 candidate model left out, retired on or before 2026-11-15 (the provider's date in the price book): openai/gpt-4.1-nano (2026-11-10).",
    );
  });

  it('proposes raising a budget projected over its amount, saving nothing itself', () => {
    const sandbox = seeded();
    const config = join(sandbox.dir, 'llmcost.config.json');
    // $5 a month, $6.66 spent by 2026-11-15.
    writeFileSync(config, JSON.stringify({ budgets: { all: { amount: '5', period: 'monthly' } } }));
    const budget = recommendJson(sandbox, ['--config', config]).recommendations.find(
      (row) => row.kind === 'budget-adjustment',
    );
    expect(budget?.title).toMatch(/^Raise budget all to \d+ USD, or act on the savings above$/);
    expect(budget?.monthlySavings.exact).toBe('0');
    expect([budget?.effort, budget?.change.parameters]).toEqual(['easy', { direction: 'raise' }]);
  });

  it('gives the same ids on every run', { timeout: 30_000 }, () => {
    const ids = (json: RecommendJson) => json.recommendations.map((row) => row.id);
    expect(ids(recommendJson(seeded()))).toEqual(ids(recommendJson(seeded())));
  });

  // Six runs of the CLI each: more than the default 5 s on a busy machine.
  it(
    'accept records the prediction; verify compares the week after with it',
    { timeout: 60_000 },
    async () => {
      const sandbox = seeded();
      const downgrade = recommendJson(sandbox).recommendations.find((row) => row.kind === 'model-downgrade');
      const id = downgrade?.id ?? '';
      const accept = runLlmcost(
        ['recommend', ...FLAGS, 'accept', id, '--reason', 'support replies only'],
        sandbox,
      );
      expect(accept.code, accept.stderr).toBe(0);
      expect(accept.stderr).toContain(`Accepted ${id}`);
      expect(recommendJson(sandbox).recommendations.find((row) => row.id === id)?.decision).toEqual({
        decision: 'accepted',
        decidedAt: '2026-11-16T00:00:00.000Z',
      });
      const ingest = runLlmcost(['ingest', fixturePath('recommend/after-change.jsonl'), '-q'], sandbox);
      expect(ingest.code, ingest.stderr).toBe(0);
      const verify = runLlmcost(['recommend', 'verify', id, '--as-of', '2026-11-22'], sandbox);
      expect(verify.code, verify.stderr).toBe(0);
      await expect(verify.stdout).toMatchFileSnapshot('../golden/recommend/verify.txt');
      const json = runLlmcost(
        ['recommend', 'verify', id, '--as-of', '2026-11-22', '--format', 'json'],
        sandbox,
      );
      const verification = JSON.parse(json.stdout) as {
        requests: number;
        actualCost: { exact: string };
        counterfactualCost: { exact: string };
      };
      // 70 requests on gpt-4.1-nano since; on gpt-4o they would have cost half the 140 of the fixture.
      expect(verification.requests).toBe(70);
      expect(verification.counterfactualCost.exact).toBe('0.235375');
      expect(verification.actualCost.exact).toBe('0.009415');
    },
  );

  it('reject hides a recommendation unless --all', { timeout: 60_000 }, () => {
    const sandbox = seeded();
    const batch = recommendJson(sandbox).recommendations.find((row) => row.kind === 'move-to-batch');
    const id = batch?.id ?? '';
    const reject = runLlmcost(
      ['recommend', ...FLAGS, 'reject', id, '--reason', 'answers needed in minutes'],
      sandbox,
    );
    expect(reject.code, reject.stderr).toBe(0);
    expect(recommendJson(sandbox).recommendations.map((row) => row.id)).not.toContain(id);
    expect(recommendJson(sandbox).hiddenRejected).toBe(1);
    const all = recommendJson(sandbox, ['--all']).recommendations.find((row) => row.id === id);
    expect(all?.decision?.decision).toBe('rejected');
  });

  it.each([
    // Malformed: the id cannot name anything, a usage error.
    [['recommend', 'accept', 'bogus'], 2, 'expected a recommendation id such as rec-0a1b2c3d'],
    [['recommend', 'verify', 'rec-12'], 2, 'expected a recommendation id such as rec-0a1b2c3d'],
    // Well formed but not among the current recommendations: the data says no, exit 1 (as anomalies ack).
    [['recommend', ...FLAGS, 'accept', 'rec-00000000'], 1, 'no current recommendation has id "rec-00000000"'],
    [
      ['recommend', 'verify', 'rec-00000000', '--as-of', '2026-11-22'],
      1,
      'no decision recorded for "rec-00000000"',
    ],
    [['recommend', ...FLAGS, '--format', 'xlsx'], 2, 'recommend prints table, json, csv or md, not xlsx'],
  ])('%j exits %d', (args, code, message) => {
    const result = runLlmcost(args, seeded());
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(message);
  });

  it('verify refuses a rejected recommendation (exit 1)', { timeout: 30_000 }, () => {
    const sandbox = seeded();
    const id = recommendJson(sandbox).recommendations[0]?.id ?? '';
    expect(runLlmcost(['recommend', ...FLAGS, 'reject', id], sandbox).code).toBe(0);
    const verify = runLlmcost(['recommend', 'verify', id, '--as-of', '2026-11-22'], sandbox);
    expect(verify.code).toBe(1);
    expect(verify.stderr).toBe(`llmcost: "${id}" was rejected, not accepted: there is no change to verify\n`);
  });
});
