import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSeededSandbox, runLlmcost } from '../helpers/run-llmcost.ts';

describe('team mapping from the config file', () => {
  it('groups, filters and budgets usage by the team its rules give it', () => {
    const sandbox = makeSeededSandbox(['fixtures/forecast/weekly-usage.jsonl']);
    const config = join(sandbox.dir, 'llmcost.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        timeZone: 'UTC',
        teams: [{ team: 'support', where: { project: 'support-*' } }],
        budgets: { support: { amount: 100, period: 'monthly', where: { team: 'support' } } },
      }),
    );
    const run = (args: readonly string[]) =>
      runLlmcost([...args, '--config', config, '--as-of', '2026-11-18', '--format', 'json'], sandbox);
    const byProject = JSON.parse(run(['report', '--by', 'none', '--group-by', 'project']).stdout) as {
      rows: { group: Record<string, string | null>; cost: number }[];
    };
    const byTeam = JSON.parse(run(['report', '--by', 'none', '--group-by', 'team']).stdout) as {
      rows: { group: Record<string, string | null>; cost: number }[];
    };
    const supportCost = byProject.rows.find((row) => row.group.project === 'support-bot')?.cost;
    expect(supportCost).toBeGreaterThan(0);
    expect(byTeam.rows.find((row) => row.group.team === 'support')?.cost).toBe(supportCost);
    const filtered = JSON.parse(run(['report', '--by', 'none', '--where', 'team=support']).stdout) as {
      totals: { cost: number };
    };
    expect(filtered.totals.cost).toBe(supportCost);
    const check = JSON.parse(run(['budget', 'check']).stdout) as { budgets: { spent: number }[] };
    expect(check.budgets[0]!.spent).toBeGreaterThan(0);
    expect(check.budgets[0]!.spent).toBeLessThanOrEqual(supportCost!);
    const focus = runLlmcost(['export', '--focus', '--config', config, '--as-of', '2026-11-18'], sandbox);
    expect(focus.code).toBe(0);
    expect(focus.stdout).toContain('""llmcost/team"":""support""');
  });
});
