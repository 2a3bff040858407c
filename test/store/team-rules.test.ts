import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.ts';
import type { TeamRule } from '../../src/model/team-rule.ts';
import { selectUsageAggregates } from '../../src/store/select-usage-aggregates.ts';
import { makeStored } from '../helpers/make-record.ts';
import type { Store } from '../../src/store/open-store.ts';
import { seededStore } from '../helpers/replay-records.ts';

const RECORDS = [
  makeStored({ project: 'search-api', costPico: 1n }),
  makeStored({ project: 'search-web', costPico: 2n }),
  makeStored({ apiKey: 'key_ml', costPico: 4n }),
  makeStored({ tags: { dept: 'research' }, costPico: 8n }),
  makeStored({ project: 'search-api', team: 'own-team', costPico: 16n }),
  makeStored({ project: 'billing', costPico: 32n }),
];

const RULES: TeamRule[] = [
  { team: 'search', where: [{ dimension: 'project', value: 'search-*' }] },
  { team: 'ml', where: [{ dimension: 'apiKey', value: 'key_ml' }] },
  { team: "o'reilly", where: [{ dimension: 'tag:dept', value: 'research' }] },
];

const costByTeam = (store: Store, teamRules: readonly TeamRule[], where = []) =>
  Object.fromEntries(
    selectUsageAggregates(store, {
      fromMs: null,
      toMs: null,
      sliceMs: null,
      costMode: 'list',
      preferKind: 'requests',
      groupBy: ['team'],
      where,
      teamRules,
    }).map((row) => [row.groupValues[0] ?? '(none)', row.totals.costPico]),
  );

describe('team rules', () => {
  it('give usage without a team of its own the team of the first rule that holds', () => {
    const store = seededStore(RECORDS);
    expect(costByTeam(store, RULES)).toEqual({
      search: 3n,
      ml: 4n,
      "o'reilly": 8n,
      'own-team': 16n,
      '(none)': 32n,
    });
    expect(costByTeam(store, [])).toEqual({ 'own-team': 16n, '(none)': 47n });
  });

  it('apply to --where team=… filters too', () => {
    const store = seededStore(RECORDS);
    const rows = selectUsageAggregates(store, {
      fromMs: null,
      toMs: null,
      sliceMs: null,
      costMode: 'list',
      preferKind: 'requests',
      groupBy: [],
      where: [{ dimension: 'team', value: 'search' }],
      teamRules: RULES,
    });
    expect(rows.map((row) => row.totals.costPico)).toEqual([3n]);
  });

  it('are read from the config file, with problems that name the path', () => {
    const ok = validateConfig({
      teams: [{ team: 'search', where: { project: 'search-*', 'tag:env': 'prod' } }],
    });
    expect(ok).toMatchObject({
      ok: true,
      config: {
        teams: [
          {
            team: 'search',
            where: [
              { dimension: 'project', value: 'search-*' },
              { dimension: 'tag:env', value: 'prod' },
            ],
          },
        ],
      },
    });
    const bad = validateConfig({
      teams: [
        { team: '', where: { project: 'x' } },
        { team: 'a', where: { team: 'b' } },
        { team: 'a', wher: { project: 'x' } },
        { team: 'a', where: {} },
        { team: 'a', where: { 'tag:"x': 'y' } },
      ],
    });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.problems).toEqual([
      '"teams[0].team": expected a team name, got ""',
      '"teams[1].where.team": a team rule cannot filter on team (it sets it)',
      '"teams[2].wher": unknown field; did you mean "where"?',
      '"teams[2].where": missing (which usage belongs to the team, e.g. { "apiKey": "key_1" })',
      '"teams[3].where": expected at least one filter such as { "project": "search-api" }',
      '"teams[4].where.tag:"x": a tag key cannot hold quotes',
    ]);
  });
});
