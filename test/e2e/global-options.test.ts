import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportJson } from '../../src/output/report-json.ts';
import { makeSandbox, runCli } from '../helpers/run-cli.ts';
import { AS_OF, makeSeededSandbox, maskSandbox, runLlmcost } from '../helpers/run-llmcost.ts';

const USAGE = ['fixtures/llmcost-jsonl/usage.jsonl'];

describe('global options: the database', () => {
  it('uses LLMCOST_DB when there is no --db, and --db over LLMCOST_DB', () => {
    const sandbox = makeSandbox();
    const env = { LLMCOST_DB: join(sandbox.dir, 'from-env.db') };
    expect(runCli(['ingest', 'fixtures/llmcost-jsonl/usage.jsonl'], sandbox, { env }).code).toBe(0);
    const fromEnv = runCli(['report', '--format', 'json', '--as-of', AS_OF], sandbox, { env });
    expect((JSON.parse(fromEnv.stdout) as ReportJson).totals.records).toBe(18);
    const fromFlag = runCli(
      ['--db', join(sandbox.dir, 'from-flag.db'), 'report', '--as-of', AS_OF],
      sandbox,
      { env },
    );
    expect(fromFlag.code).toBe(1);
    expect(maskSandbox(fromFlag.stderr, sandbox)).toBe(
      'llmcost: no database at <sandbox>/from-flag.db: ingest some usage first (llmcost ingest <files>)\n',
    );
  });
});

describe('global options: the config file', () => {
  it.each([
    { how: '--config', args: [], env: {}, timeZone: 'Asia/Kolkata', asOf: '2026-11-23T18:30:00.000Z' },
    {
      how: '--tz over --config',
      args: ['--tz', 'UTC'],
      env: {},
      timeZone: 'UTC',
      asOf: '2026-11-24T00:00:00.000Z',
    },
    {
      how: 'LLMCOST_TZ over --config',
      args: [],
      env: { LLMCOST_TZ: 'Europe/Berlin' },
      timeZone: 'Europe/Berlin',
      asOf: '2026-11-23T23:00:00.000Z',
    },
  ])('takes timeZone from $how', ({ args, env, timeZone, asOf }) => {
    const sandbox = makeSeededSandbox(USAGE);
    const config = join(sandbox.dir, 'llmcost.config.json');
    writeFileSync(config, JSON.stringify({ timeZone: 'Asia/Kolkata' }));
    const result = runLlmcost(
      ['report', '--config', config, '--format', 'json', '--as-of', AS_OF, ...args],
      sandbox,
      { env },
    );
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as ReportJson;
    expect([json.timeZone, json.range.asOf]).toEqual([timeZone, asOf]);
  });

  it('finds $XDG_CONFIG_HOME/llmcost/config.json without --config', () => {
    const sandbox = makeSeededSandbox(USAGE);
    mkdirSync(join(sandbox.env.XDG_CONFIG_HOME!, 'llmcost'), { recursive: true });
    writeFileSync(
      join(sandbox.env.XDG_CONFIG_HOME!, 'llmcost', 'config.json'),
      JSON.stringify({ timeZone: 'Asia/Kolkata' }),
    );
    const result = runLlmcost(['report', '--format', 'json', '--as-of', AS_OF], sandbox);
    expect((JSON.parse(result.stdout) as ReportJson).timeZone).toBe('Asia/Kolkata');
  });

  it.each([
    {
      content: { timeZone: 'Nowhere/Special' },
      message: '"timeZone": expected an IANA time zone such as "Europe/Berlin", got "Nowhere/Special"',
    },
    { content: { db: 5 }, message: '"db": expected a non-empty string, got 5' },
  ])('exits 2 on an invalid config, naming the key: $message', ({ content, message }) => {
    const sandbox = makeSeededSandbox(USAGE);
    const config = join(sandbox.dir, 'bad.json');
    writeFileSync(config, JSON.stringify(content));
    const result = runLlmcost(['report', '--config', config, '--as-of', AS_OF], sandbox);
    expect(result.code).toBe(2);
    expect(maskSandbox(result.stderr, sandbox)).toBe(`llmcost: <sandbox>/bad.json: ${message}\n`);
    expect(result.stdout).toBe('');
  });

  it('warns about an unknown key by name and carries on', () => {
    const sandbox = makeSeededSandbox(USAGE);
    const config = join(sandbox.dir, 'typo.json');
    writeFileSync(config, JSON.stringify({ timezone: 'Asia/Kolkata' }));
    const result = runLlmcost(['report', '--config', config, '--format', 'json', '--as-of', AS_OF], sandbox);
    expect(result.code).toBe(0);
    expect(maskSandbox(result.stderr, sandbox)).toBe(
      'llmcost: warning: <sandbox>/typo.json: unknown key "timezone" is ignored (did you mean "timeZone"?)\n',
    );
    expect((JSON.parse(result.stdout) as ReportJson).timeZone).toBe('UTC');
  });
});
