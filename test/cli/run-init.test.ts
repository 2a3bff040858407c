import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runInit, schemaReference } from '../../src/cli/commands/run-init.ts';
import { validateConfig } from '../../src/config/validate-config.ts';
import type { Context } from '../../src/cli/context.ts';
import type { Prompter } from '../../src/cli/prompts.ts';
import { resolveSettings } from '../../src/cli/settings.ts';
import { makeSandbox, runCli } from '../helpers/run-cli.ts';

const SCHEMA_URL = pathToFileURL(
  join(import.meta.dirname, '..', '..', 'src', 'config', 'config.schema.json'),
).href;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A Prompter answering in order, each answer checked by the question's own validation. */
function scriptedPrompter(answers: (string | boolean | null)[]) {
  const asked: string[] = [];
  const next = (message: string) => {
    asked.push(message);
    if (answers.length === 0) throw new Error(`no answer scripted for "${message}"`);
    return answers.shift();
  };
  const prompter: Prompter = {
    input(question) {
      const answer = next(question.message);
      const text = answer === null ? (question.default ?? '') : String(answer);
      const valid = question.validate?.(text) ?? true;
      if (valid !== true) throw new Error(`"${text}" refused: ${valid}`);
      return Promise.resolve(text);
    },
    select(question) {
      const answer = next(question.message);
      return Promise.resolve(answer === null ? (question.default ?? '') : String(answer));
    },
    confirm(question) {
      const answer = next(question.message);
      return Promise.resolve(answer === null ? (question.default ?? false) : answer === true);
    },
  };
  return { prompter, asked };
}

function makeContext(): Context {
  const dir = mkdtempSync(join(tmpdir(), 'llmcost-init-'));
  dirs.push(dir);
  mkdirSync(join(dir, '.claude', 'projects'), { recursive: true });
  return {
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    stdin: Object.assign(new PassThrough(), { isTTY: true }),
    env: { XDG_CONFIG_HOME: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data') },
    cwd: dir,
    homeDir: dir,
    nowMs: 0,
    display: { color: false, width: 100, isTTY: true },
    isInteractive: true,
  };
}

const readConfig = (ctx: Context) =>
  JSON.parse(readFileSync(join(ctx.cwd, 'llmcost.config.json'), 'utf8')) as unknown;

describe('llmcost init with mocked prompts', () => {
  it('asks for the store, zone, currency, the sources it finds and a first budget, and writes the config', async () => {
    const ctx = makeContext();
    const { prompter, asked } = scriptedPrompter([
      'usage.db',
      'Europe/Berlin',
      'eur',
      true, // ingest the Claude Code logs found
      true, // add a budget
      'team-search',
      '250.50',
      'quarterly',
      'project=search, tag:env=prod',
      '50,80,90:forecast,100',
      'hard',
      false, // no other budget
      true, // map teams
      'search',
      'project=search-*',
      true, // another
      'ml',
      'apiKey=key_ml, tag:env=prod',
      false,
    ]);
    expect(await runInit(resolveSettings({}, ctx), ctx, () => Promise.resolve(prompter))).toBe(0);
    expect(asked[3]).toBe(
      `Found Claude Code logs in ${join(ctx.homeDir, '.claude', 'projects')}. Ingest them after set-up?`,
    );
    expect(readConfig(ctx)).toEqual({
      $schema: SCHEMA_URL,
      db: 'usage.db',
      timeZone: 'Europe/Berlin',
      currency: 'EUR',
      budgets: {
        'team-search': {
          amount: 250.5,
          period: 'quarterly',
          where: { project: 'search', 'tag:env': 'prod' },
          thresholds: [50, 80, '90:forecast', 100],
          enforcement: 'hard',
        },
      },
      teams: [
        { team: 'search', where: { project: 'search-*' } },
        { team: 'ml', where: { apiKey: 'key_ml', 'tag:env': 'prod' } },
      ],
    });
    expect(validateConfig(readConfig(ctx)).ok).toBe(true);
  });

  it('re-running edits: current values are the defaults, other keys and budgets stay', async () => {
    const ctx = makeContext();
    writeFileSync(
      join(ctx.cwd, 'llmcost.config.json'),
      JSON.stringify({
        costMode: 'list',
        timeZone: 'Asia/Tokyo',
        budgets: { org: { amount: 900, period: 'monthly' } },
      }),
    );
    const { prompter } = scriptedPrompter([null, null, null, false, null, null, null]);
    expect(await runInit(resolveSettings({}, ctx), ctx, () => Promise.resolve(prompter))).toBe(0);
    expect(readConfig(ctx)).toEqual({
      $schema: SCHEMA_URL,
      costMode: 'list',
      timeZone: 'Asia/Tokyo',
      db: join(ctx.cwd, 'data', 'llmcost', 'llmcost.db'),
      currency: 'USD',
      budgets: { org: { amount: 900, period: 'monthly' } },
    });
  });

  it('refuses a team rule without filters or on team itself', async () => {
    const ctx = makeContext();
    for (const scope of ['', 'team=x']) {
      const { prompter } = scriptedPrompter([null, null, null, false, false, true, 'ops', scope]);
      await expect(runInit(resolveSettings({}, ctx), ctx, () => Promise.resolve(prompter))).rejects.toThrow(
        /refused: (name at least one filter|a team rule cannot filter on team)/,
      );
    }
  });

  it('points $schema at the shipped schema: relative in a local install, else by file URL', () => {
    expect(
      schemaReference('/p/llmcost.config.json', '/p/node_modules/llmcost/dist/config/config.schema.json'),
    ).toBe('./node_modules/llmcost/dist/config/config.schema.json');
    expect(
      schemaReference('/home/a/llmcost.config.json', '/usr/lib/llmcost/dist/config/config.schema.json'),
    ).toBe('file:///usr/lib/llmcost/dist/config/config.schema.json');
  });

  it('the prompts refuse answers the config would reject', async () => {
    const ctx = makeContext();
    const { prompter } = scriptedPrompter([null, 'Mars/Olympus']);
    await expect(runInit(resolveSettings({}, ctx), ctx, () => Promise.resolve(prompter))).rejects.toThrow(
      '"Mars/Olympus" refused: expected an IANA time zone such as Europe/Berlin',
    );
  });
});

describe('llmcost init without a terminal', () => {
  it('exits 2 naming the keys and flags to use instead', () => {
    const result = runCli(['init'], makeSandbox());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('llmcost init asks questions and needs a terminal');
    expect(result.stderr).toContain('"budgets"');
    expect(result.stderr).toContain('llmcost budget add <name> --amount <n> --period monthly');
  });
});
