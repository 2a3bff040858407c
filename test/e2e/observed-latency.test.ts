import { describe, expect, it } from 'vitest';
import type { OptimizeJson } from '../../src/output/optimize-json.ts';
import type { ProvidersJson } from '../../src/output/providers-json.ts';
import { AS_OF, fixturePath, makeSeededSandbox, runLlmcost } from '../helpers/run-llmcost.ts';

/**
 * Request timing read from gateway logs, stored, and used: LiteLLM spend logs and payloads and
 * OpenRouter generations state it (see the adapters' tests for the values of each row).
 */
const GATEWAY_LOGS = [
  fixturePath('litellm/spend-logs.json'),
  fixturePath('litellm/payloads.jsonl'),
  fixturePath('openrouter/generations.jsonl'),
];

describe('observed latency', () => {
  it('report providers shows median and p95 per model where requests state their timing', () => {
    const sandbox = makeSeededSandbox(GATEWAY_LOGS);
    const table = runLlmcost(['report', 'providers', '--as-of', AS_OF], sandbox);
    expect(table.code, table.stderr).toBe(0);
    const notes = table.stdout.slice(table.stdout.indexOf('Latency'));
    // Two generations of 5,400 ms, first token after 812 ms each.
    expect(notes).toContain(
      '  openrouter/anthropic/claude-sonnet-4.5: total 5,400 / 5,400, first token 812 / 812 (2 requests)',
    );
    // 10:01:10.000 → 11.200 (1,200 ms) and the cache hit answered in 10 ms: median (10 + 1,200) / 2,
    // p95 10 + 0.95 × 1,190 = 1,140.5 → 1,141 (linear interpolation, rounded).
    expect(notes).toContain('  openai/gpt-4o-mini-2024-07-18: total 605 / 1,141, first token 605 / 1,141');
    expect(table.stdout.split('\n').filter((line) => line.length > 100)).toEqual([]);

    const json = runLlmcost(['report', 'providers', '--as-of', AS_OF, '--format', 'json'], sandbox);
    const providers = JSON.parse(json.stdout) as ProvidersJson;
    const sonnet = providers.models.find((row) => row.model === 'anthropic/claude-sonnet-4.5');
    expect(sonnet).toMatchObject({
      latencyMs: 5400,
      latency: { requests: 2, medianMs: 5400, p95Ms: 5400 },
      timeToFirstToken: { requests: 2, medianMs: 812, p95Ms: 812 },
    });
    // The failed anthropic request (status failure) is not timed.
    const failed = providers.models.find((row) => row.provider === 'anthropic');
    expect(failed?.errorShare).toBe(0.5);
    expect(failed?.timeToFirstToken).toEqual({ requests: 1, medianMs: 400, p95Ms: 400 });
  });

  it('report providers keeps Latency n/a when no request states its timing', () => {
    const sandbox = makeSeededSandbox([fixturePath('openrouter/by-model.csv')]);
    const result = runLlmcost(['report', 'providers', '--as-of', AS_OF], sandbox);
    expect(result.stdout).toContain('Latency: n/a (no request in the range states its timing).');
  });

  it('optimize marks the observed TTFT and carries it in JSON next to the published figure', () => {
    const sandbox = makeSeededSandbox(GATEWAY_LOGS);
    const json = JSON.parse(
      runLlmcost(['optimize', '--as-of', AS_OF, '--tz', 'UTC', '--format', 'json'], sandbox).stdout,
    ) as OptimizeJson;
    const sonnet = json.workloads
      .flatMap((workload) => workload.candidates)
      .find((candidate) => candidate.model === 'anthropic/claude-sonnet-4-5');
    // Claude Sonnet 4.5 via OpenRouter (812, 812) and from Anthropic through LiteLLM (400): one model.
    expect(sonnet?.observedLatency).toEqual({ ttftMs: 812, ttftP95Ms: 812, requests: 3 });
    const table = runLlmcost(['optimize', '--as-of', AS_OF, '--tz', 'UTC'], sandbox).stdout;
    expect(table).toMatch(/anthropic\/claude-sonnet-4-5 .* 812 ms\* /);
    expect(table.replace(/\s+/g, ' ')).toContain('* = the median of your own successful requests');
  });

  it('optimize scores performance on observed medians when every compared candidate has one', () => {
    // Published TTFT: gpt-4o 758 ms, gpt-4.1 844 ms. Observed in the fixture: gpt-4o 700, 900 and 1,100
    // ms (median 900), gpt-4.1 300 and 350 ms (median 325).
    const sandbox = makeSeededSandbox([fixturePath('llmcost-jsonl/timed.jsonl')]);
    const run = (candidates: string) =>
      JSON.parse(
        runLlmcost(
          ['optimize', '--as-of', AS_OF, '--tz', 'UTC', '--format', 'json', '--candidates', candidates],
          sandbox,
        ).stdout,
      ) as OptimizeJson;
    const chat = run('openai/gpt-4.1').workloads.find((workload) => workload.group === 'chat');
    expect(chat?.latencyBasis).toBe('observed');
    const performance = new Map(chat?.candidates.map((row) => [row.model, row.scores.performance]));
    expect(performance.get('openai/gpt-4.1')).toBe(1);
    expect(performance.get('openai/gpt-4o')).toBeCloseTo(325 / 900, 12);
    expect(chat?.candidates.find((row) => row.isCurrent)?.observedLatency).toEqual({
      ttftMs: 900,
      ttftP95Ms: 1080,
      requests: 3,
    });
    // With a candidate the user never sent a request to, every candidate is compared on published figures.
    const mixed = run('openai/gpt-4.1,openai/gpt-4.1-mini').workloads.find(
      (workload) => workload.group === 'chat',
    );
    expect(mixed?.latencyBasis).toBe('published');
    const published = new Map(mixed?.candidates.map((row) => [row.model, row.scores.performance]));
    expect(published.get('openai/gpt-4o')).toBe(1);
  });
});
