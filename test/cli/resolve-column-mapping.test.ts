import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { Context } from '../../src/cli/context.ts';
import { UsageError } from '../../src/cli/errors.ts';
import { resolveColumnMapping, type MappingFlags } from '../../src/cli/ingest/resolve-column-mapping.ts';
import type { Choice, Prompter } from '../../src/cli/prompts.ts';
import { DEFAULT_OPTIMIZER_SETTINGS } from '../../src/optimizer/strategies/strategy.ts';
import type { Settings } from '../../src/cli/settings.ts';

interface Asked {
  readonly kind: 'select' | 'input' | 'confirm';
  readonly message: string;
  readonly choices?: readonly Choice[];
  readonly default?: string | boolean;
}

/**
 * A Prompter answering from a script: select questions by the field their message starts with
 * (unlisted ones: the first choice), confirm and input questions in order. Records every question.
 */
function scriptedPrompter(columns: Readonly<Record<string, string>>, confirms: boolean[], inputs: string[]) {
  const asked: Asked[] = [];
  const prompter: Prompter = {
    select(question) {
      asked.push({ kind: 'select', ...question });
      const field = question.message.split(':')[0] ?? '';
      return Promise.resolve(columns[field] ?? question.choices[0]?.value ?? '');
    },
    confirm(question) {
      asked.push({ kind: 'confirm', ...question });
      return Promise.resolve(confirms.shift() ?? false);
    },
    input(question) {
      asked.push({ kind: 'input', ...question });
      return Promise.resolve(inputs.shift() ?? '');
    },
  };
  return { prompter, asked };
}

function makeContext(dir: string, isTerminal: boolean): { ctx: Context; stderr: () => string } {
  const stdin = Object.assign(new PassThrough(), { isTTY: isTerminal });
  const stderr = new PassThrough();
  let written = '';
  stderr.on('data', (chunk: Buffer) => (written += chunk.toString()));
  const ctx: Context = {
    stdout: new PassThrough(),
    stderr,
    stdin,
    env: { XDG_CONFIG_HOME: join(dir, 'config') },
    cwd: dir,
    homeDir: dir,
    nowMs: 0,
    display: { color: false, width: 100, isTTY: isTerminal },
    isInteractive: isTerminal,
  };
  return { ctx, stderr: () => written };
}

function makeSettings(overrides: Partial<Settings> = {}): Settings {
  return {
    dbPath: ':memory:',
    timeZone: 'UTC',
    asOfMs: 0,
    format: 'table',
    outPath: null,
    isQuiet: false,
    pricingFile: null,
    currency: 'USD',
    exchangeRatesFile: null,
    costMode: 'auto',
    preferKind: 'billing',
    priceOverrides: [],
    csvMappings: {},
    budgets: [],
    teamRules: [],
    chargeback: null,
    optimizer: DEFAULT_OPTIMIZER_SETTINGS,
    tokenizerRatios: {},
    configPath: null,
    ...overrides,
  };
}

function csvFile(dir: string): { displayPath: string; absolutePath: string } {
  const path = join(dir, 'spend.csv');
  writeFileSync(path, 'Day,Vendor,Model,In,Out\n2026-11-02,openai,gpt-4o,10,2\n');
  return { displayPath: 'spend.csv', absolutePath: path };
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function makeTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'llmcost-map-'));
  tempDirs.push(dir);
  return dir;
}

const CSV_FLAGS: MappingFlags = { from: 'csv', map: [] };
const neverAsked = (): Promise<Prompter> => Promise.reject(new Error('no question expected'));

describe('resolveColumnMapping', () => {
  it('without a terminal and a mapping, fails with a usage error naming --map', async () => {
    const dir = makeTempDir();
    const { ctx } = makeContext(dir, false);
    const resolving = resolveColumnMapping(CSV_FLAGS, [csvFile(dir)], makeSettings(), ctx, neverAsked);
    await expect(resolving).rejects.toThrow(UsageError);
    await expect(resolving).rejects.toThrow(
      /^--from csv needs a column mapping: pass --map timestamp=<column>/,
    );
  });

  it('merges --map over a --map-profile, field by field', async () => {
    const dir = makeTempDir();
    const { ctx } = makeContext(dir, false);
    const settings = makeSettings({
      csvMappings: { spend: { timestamp: 'Day', model: 'Model', provider: 'Vendor' } },
    });
    const flags: MappingFlags = { from: 'csv', map: ['provider=openai,inputTokens=In'], mapProfile: 'spend' };
    await expect(resolveColumnMapping(flags, [csvFile(dir)], settings, ctx, neverAsked)).resolves.toEqual({
      timestamp: 'Day',
      model: 'Model',
      provider: 'openai',
      inputTokens: 'In',
    });
  });

  it.each([
    [
      { from: 'csv', map: [], mapProfile: 'nope' },
      '--map-profile: no CSV mapping "nope" in the config file (it has no csvMappings)',
    ],
    [{ from: 'csv', map: ['model=Model'] }, /^--map: the mapping lacks timestamp, provider; pass --map/],
    [{ from: 'litellm', map: ['model=Model'] }, '--map and --map-profile apply to --from csv only'],
  ] as const)('refuses %j', async (flags, message) => {
    const dir = makeTempDir();
    const { ctx } = makeContext(dir, true);
    await expect(
      resolveColumnMapping(flags, [csvFile(dir)], makeSettings(), ctx, neverAsked),
    ).rejects.toThrow(message);
  });

  it('in a terminal, asks for each field from the header and saves the answers as a profile', async () => {
    const dir = makeTempDir();
    const { ctx, stderr } = makeContext(dir, true);
    const { prompter, asked } = scriptedPrompter(
      { timestamp: 'Day', model: 'Model', provider: 'Vendor', inputTokens: 'In', outputTokens: 'Out' },
      [false, true],
      ['spend-daily'],
    );
    const mapping = await resolveColumnMapping(CSV_FLAGS, [csvFile(dir)], makeSettings(), ctx, () =>
      Promise.resolve(prompter),
    );
    expect(mapping).toEqual({
      timestamp: 'Day',
      model: 'Model',
      provider: 'Vendor',
      inputTokens: 'In',
      outputTokens: 'Out',
    });
    const configPath = join(dir, 'config', 'llmcost', 'config.json');
    expect(JSON.parse(readFileSync(configPath, 'utf8'))).toEqual({ csvMappings: { 'spend-daily': mapping } });
    expect(stderr()).toContain('Next time, pass: --from csv --map-profile spend-daily');
    // Required fields offer only columns (provider also a typed value); optional ones offer "not in this file".
    const selects = asked.filter((question) => question.kind === 'select');
    expect(selects.map((question) => question.message.split(':')[0])).toEqual([
      'timestamp',
      'model',
      'provider',
      'inputTokens',
      'cacheReadTokens',
      'cacheWriteTokens',
      'outputTokens',
      'reasoningTokens',
      'requests',
      'cost',
      'currency',
    ]);
    expect(selects[0]?.choices?.map((choice) => choice.name)).toEqual([
      'Day',
      'Vendor',
      'Model',
      'In',
      'Out',
    ]);
    // The column a field's name suggests is the default answer; none for "In" and "Out".
    expect(selects.map((question) => question.default ?? '-').slice(0, 7)).toEqual([
      'Day',
      'Model',
      'Vendor',
      '-',
      '-',
      '-',
      '-',
    ]);
    expect(selects[2]?.choices?.map((choice) => choice.name).at(-1)).toBe(
      '(the same for every row: type it)',
    );
    expect(selects[3]?.choices?.[0]?.name).toBe('(not in this file)');
    expect(
      asked.filter((question) => question.kind !== 'select').map((question) => question.message),
    ).toEqual([
      'Map attribution columns too (id, project, user, team, apiKey, workspace, session, serviceTier)?',
      `Save this mapping as a profile in ${configPath}?`,
      'Profile name:',
    ]);
  });

  it('adds the profile to an existing config file and keeps its other keys', async () => {
    const dir = makeTempDir();
    const configPath = join(dir, 'llmcost.config.json');
    writeFileSync(
      configPath,
      JSON.stringify({ timeZone: 'Europe/Berlin', csvMappings: { old: { model: 'M' } } }),
    );
    const { ctx } = makeContext(dir, true);
    const { prompter } = scriptedPrompter(
      { timestamp: 'Day', model: 'Model', provider: 'Vendor' },
      [false, true],
      ['new'],
    );
    await resolveColumnMapping(CSV_FLAGS, [csvFile(dir)], makeSettings({ configPath }), ctx, () =>
      Promise.resolve(prompter),
    );
    expect(JSON.parse(readFileSync(configPath, 'utf8'))).toEqual({
      timeZone: 'Europe/Berlin',
      csvMappings: { old: { model: 'M' }, new: { timestamp: 'Day', model: 'Model', provider: 'Vendor' } },
    });
  });

  it('when the profile is declined, prints the --map to pass next time and writes nothing', async () => {
    const dir = makeTempDir();
    const { ctx, stderr } = makeContext(dir, true);
    const { prompter } = scriptedPrompter(
      { timestamp: 'Day', model: 'Model', provider: 'Vendor' },
      [false, false],
      [],
    );
    await resolveColumnMapping(CSV_FLAGS, [csvFile(dir)], makeSettings(), ctx, () =>
      Promise.resolve(prompter),
    );
    expect(stderr()).toContain("Next time, pass: --map 'timestamp=Day,model=Model,provider=Vendor'");
    expect(existsSync(join(dir, 'config', 'llmcost', 'config.json'))).toBe(false);
  });
});
