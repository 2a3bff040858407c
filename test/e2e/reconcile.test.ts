import { describe, expect, it } from 'vitest';
import { makeSandbox, type Sandbox } from '../helpers/run-cli.ts';
import { fixturePath, runLlmcost } from '../helpers/run-llmcost.ts';

/** fixtures/overlap: an Anthropic usage report and a Claude Code session that overlap on 2026-11-03. */
function ingestOverlap(): Sandbox {
  const sandbox = makeSandbox();
  const ingest = runLlmcost(
    ['ingest', fixturePath('overlap/anthropic-usage/by-model.json'), fixturePath('overlap/claude-code')],
    sandbox,
  );
  expect(ingest.code, ingest.stderr).toBe(0);
  return sandbox;
}

interface ReconcileJson {
  readonly by: string;
  readonly groups: readonly {
    readonly provider: string;
    readonly day: string | null;
    readonly model: string | null;
    readonly lines: readonly {
      readonly measure: string;
      readonly billing: number | string;
      readonly logs: number | string;
      readonly difference: number | string;
      readonly differenceUsd?: string;
    }[];
  }[];
}

describe('llmcost reconcile', () => {
  it.each([
    ['by-day', ['reconcile']],
    ['by-model', ['reconcile', '--by', 'model']],
    ['markdown', ['reconcile', '--format', 'md']],
    ['csv', ['reconcile', '--by', 'model', '--format', 'csv']],
  ])('compares the overlapping export and logs: %s', async (name, args) => {
    const result = runLlmcost(args, ingestOverlap());
    expect(result.code, result.stderr).toBe(0);
    await expect(result.stdout).toMatchFileSnapshot(`../golden/reconcile/${name}.txt`);
  });

  it('gives exact token and dollar differences in JSON, only for the overlapping day', () => {
    const result = runLlmcost(['reconcile', '--format', 'json'], ingestOverlap());
    const json = JSON.parse(result.stdout) as ReconcileJson;
    expect(json.groups.map((group) => [group.provider, group.day])).toEqual([['anthropic', '2026-11-03']]);
    expect(
      json.groups[0]?.lines.map((line) => [line.measure, line.billing, line.logs, line.difference]),
    ).toEqual([
      ['input', 1_700, 1_000, -700],
      ['cache read', 40_000, 40_000, 0],
      ['cache write', 3_000, 3_000, 0],
      ['output', 1_000, 850, -150],
      ['list cost', '41350000000', '39000000000', '-2350000000'],
    ]);
  });

  it.each([
    ['another provider', ['--provider', 'openai']],
    ['days after the overlap', ['--since', '2026-11-04']],
    ['days before it', ['--until', '2026-11-02']],
  ])('has nothing to reconcile for %s', (_, args) => {
    const result = runLlmcost(['reconcile', ...args], ingestOverlap());
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'Nothing to reconcile: no provider and UTC day has both a billing export and request logs.\n',
    );
  });

  it('rejects an unknown --by with exit 2', () => {
    const result = runLlmcost(['reconcile', '--by', 'week'], makeSandbox());
    expect(result.code).toBe(2);
  });
});
