import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelListJson, ModelShowJson } from '../../src/output/pricing-json.ts';
import { makeSandbox, runCli, type Sandbox } from '../helpers/run-cli.ts';
import { fixturePath, maskSandbox } from '../helpers/run-llmcost.ts';

const EXCERPT = ['--pricing', fixturePath('pricing/catalogue-excerpt.json')];
// Relative to the repository, where the CLI runs, so the paths printed are the same on every machine.
const LITELLM = 'fixtures/pricing/litellm-excerpt.json';
const LITELLM_LATER = 'fixtures/pricing/litellm-excerpt-later.json';
const LITELLM_TYPO = 'fixtures/pricing/litellm-typo.json';

const pricing = (args: readonly string[], sandbox: Sandbox = makeSandbox()) =>
  runCli(['pricing', ...args], sandbox);

describe('llmcost pricing show and list: retirement', () => {
  it.each([
    ['2025-09-28', '2025-09-29, in 1 day', 'retiring', 1],
    ['2025-09-29', '2025-09-29, retired', 'retired', 0],
  ] as const)('on %s says "%s"', (asOf, text, status, daysLeft) => {
    const table = pricing(['show', 'gemini-1.5-flash', '--as-of', asOf]);
    expect(table.stdout).toMatch(new RegExp(`\\n  retirement +${text}\\n`));
    const json = JSON.parse(
      pricing(['show', 'gemini-1.5-flash', '--as-of', asOf, '--format', 'json']).stdout,
    ) as ModelShowJson;
    expect([json.deprecationDate, json.retirement]).toEqual([
      '2025-09-29',
      { status, date: '2025-09-29', daysLeft, day: asOf },
    ]);
  });

  it('says retired for a model the source marks deprecated without a date', () => {
    const table = pricing(['show', 'cohere/command-light', '--as-of', '2020-01-01']);
    expect(table.stdout).toMatch(/\n {2}retirement +retired \(deprecated by the source, date unknown\)\n/);
  });

  it('says nothing of a retirement the book does not know', () => {
    expect(pricing(['show', 'openai/gpt-4.1', '--as-of', '2026-11-23']).stdout).not.toContain('retirement');
  });

  it('list --format json gives each model its date and status on --as-of', () => {
    const result = pricing([
      'list',
      '--search',
      'gemini-1.5-flash',
      '--format',
      'json',
      '--as-of',
      '2025-09-29',
    ]);
    const json = JSON.parse(result.stdout) as ModelListJson;
    expect(json.retirementDay).toBe('2025-09-29');
    expect(json.models.find((model) => model.key === 'google/gemini-1.5-flash')).toMatchObject({
      deprecationDate: '2025-09-29',
      deprecated: false,
      retirement: 'retired',
    });
  });
});

describe('llmcost pricing list', () => {
  it.each([
    { name: 'list-table', args: [] },
    { name: 'list-md', args: ['--format', 'md'] },
    { name: 'list-csv', args: ['--format', 'csv'] },
  ])('$name', async ({ name, args }) => {
    const result = pricing(['list', ...EXCERPT, '--as-of', '2026-11-23', ...args]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    await expect(result.stdout).toMatchFileSnapshot(`../golden/pricing/${name}.txt`);
  });

  it('fits 100 columns with the shipped book, sorted by provider then model', () => {
    const result = pricing(['list', '--as-of', '2026-11-23']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(100);
    expect(lines.length).toBeGreaterThan(1000);
  });

  it('filters by --provider and --search (any case) and prints JSON with exact prices', () => {
    const result = pricing([
      'list',
      '--provider',
      'openai',
      '--search',
      'GPT-4O',
      '--format',
      'json',
      ...EXCERPT,
    ]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as ModelListJson;
    expect(json.models.map((model) => model.key)).toEqual(['openai/gpt-4o', 'openai/gpt-4o-mini']);
    expect(json.models[1]?.prices).toMatchObject({
      input: 150_000,
      output: 600_000,
      cacheRead: 75_000,
      usdExact: { input: '0.15', output: '0.6', cacheRead: '0.075' },
    });
  });

  it('lists the o3 price in effect at --as-of, before and after its cut', () => {
    const o3Input = (asOf: string): number | undefined =>
      (
        JSON.parse(
          pricing(['list', '--search', 'o3', '--format', 'json', '--as-of', asOf, ...EXCERPT]).stdout,
        ) as ModelListJson
      ).models[0]?.prices?.input;
    expect([o3Input('2025-06-09'), o3Input('2025-06-10')]).toEqual([10_000_000, 2_000_000]);
  });
});

describe('llmcost pricing show', () => {
  it.each([
    { name: 'show-tiers', args: ['claude-sonnet-4-5-20250929', '--at', '2026-11-23'] },
    { name: 'show-time-of-day', args: ['deepseek-chat', '--at', '2025-09-10'] },
  ])('$name', async ({ name, args }) => {
    const result = pricing(['show', ...args, ...EXCERPT]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    await expect(result.stdout).toMatchFileSnapshot(`../golden/pricing/${name}.txt`);
  });

  it.each([
    {
      model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      provider: 'aws',
      key: 'aws/regional.anthropic.claude-sonnet-4-5-20250929-v1:0',
    },
    { model: 'gpt-4o-2024-08-06', provider: undefined, key: 'openai/gpt-4o' },
    { model: 'openai/gpt-4o', provider: undefined, key: 'openai/gpt-4o' },
    { model: 'claude-sonnet-4-5-20250929', provider: 'anthropic', key: 'anthropic/claude-sonnet-4-5' },
  ])('finds $model in the shipped book as $key', ({ model, provider, key }) => {
    const result = pricing([
      'show',
      model,
      '--format',
      'json',
      ...(provider === undefined ? [] : ['--provider', provider]),
    ]);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as ModelShowJson).key).toBe(key);
  });

  it.each([
    { at: '2025-06-09', inEffect: 0, input: 10_000_000 },
    { at: '2025-06-10', inEffect: 1, input: 2_000_000 },
    { at: '2025-04-15', inEffect: null, input: undefined },
  ])('marks the o3 period in effect at --at $at', ({ at, inEffect, input }) => {
    const json = JSON.parse(pricing(['show', 'o3', '--at', at, '--format', 'json']).stdout) as ModelShowJson;
    expect(json.periodInEffect).toBe(inEffect);
    expect(inEffect === null ? undefined : json.periods[inEffect]?.prices.input).toBe(input);
    expect(json.periods.map((period) => period.effectiveFrom)).toEqual(['2025-04-16', '2025-06-10']);
  });

  it('exits 1 for an unknown model and names the nearest known ids', () => {
    const result = pricing(['show', 'claude-sonet-4-5', ...EXCERPT]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'llmcost: no model "claude-sonet-4-5" in the price book (fixture-catalogue-excerpt); nearest known: anthropic/claude-sonnet-4-5, anthropic/claude-haiku-4-5\n',
    );
  });

  it('exits 2 for a bad --at', () => {
    const result = pricing(['show', 'o3', '--at', 'yesterday']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--at: expected a date (2026-10-01)');
  });
});

describe('llmcost pricing import', () => {
  it('prints the differences on --dry-run and writes nothing', async () => {
    const sandbox = makeSandbox();
    const into = join(sandbox.dir, 'book.json');
    const result = pricing(
      [
        'import',
        LITELLM,
        '--as',
        'litellm',
        '--into',
        into,
        '--as-of',
        '2025-07-01',
        '--dry-run',
        ...EXCERPT,
      ],
      sandbox,
    );
    expect(result.code).toBe(0);
    expect(existsSync(into)).toBe(false);
    await expect(maskSandbox(result.stdout, sandbox)).toMatchFileSnapshot(
      '../golden/pricing/import-dry-run.txt',
    );
    expect(result.stderr).toBe(
      'llmcost: note: databricks/databricks-meta-llama-3-70b-instruct.output_cost_per_token: 0.0000029999900000000002 USD per token rounded to the nearest micro-USD per 1M tokens\n',
    );
  });

  it('writes --into, show sees the new period, and a second import adds nothing', async () => {
    const sandbox = makeSandbox();
    const into = join(sandbox.dir, 'book.json');
    const first = pricing(
      ['import', LITELLM, '--as', 'litellm', '--into', into, '--as-of', '2025-07-01', '-q', ...EXCERPT],
      sandbox,
    );
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    const later = pricing(
      ['import', LITELLM_LATER, '--as', 'litellm', '--into', into, '--as-of', '2025-08-01'],
      sandbox,
    );
    expect(later.code).toBe(0);
    expect(maskSandbox(later.stderr, sandbox)).toBe('llmcost: wrote <sandbox>/book.json\n');
    await expect(maskSandbox(later.stdout, sandbox)).toMatchFileSnapshot(
      '../golden/pricing/import-later.txt',
    );

    const show = (at: string): ModelShowJson =>
      JSON.parse(
        pricing(['show', 'gpt-4o-2024-08-06', '--pricing', into, '--at', at, '--format', 'json'], sandbox)
          .stdout,
      ) as ModelShowJson;
    expect(show('2025-07-31')).toMatchObject({
      periodInEffect: 0,
      periods: [{ prices: { input: 2_500_000 } }, {}],
    });
    expect(show('2025-08-01')).toMatchObject({
      periodInEffect: 1,
      periods: [
        {},
        {
          effectiveFrom: '2025-08-01',
          layer: 'catalogue',
          citation: 'imported from litellm-excerpt-later.json (litellm) on 2025-08-01',
          prices: { input: 2_000_000, cacheRead: 1_000_000, output: 10_000_000, webSearchPer1k: 10_000_000 },
        },
      ],
    });

    const written = readFileSync(into, 'utf8');
    const again = pricing(
      [
        'import',
        LITELLM_LATER,
        '--as',
        'litellm',
        '--into',
        into,
        '--as-of',
        '2025-09-01',
        '--format',
        'json',
      ],
      sandbox,
    );
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: [], changed: [], unchanged: 2, written: false });
    expect(maskSandbox(again.stderr, sandbox)).toBe(
      'llmcost: no price changed; <sandbox>/book.json left as it was\n',
    );
    expect(readFileSync(into, 'utf8')).toBe(written);
    expect(JSON.parse(written)).toMatchObject({
      version: expect.stringMatching(/^sha256:[0-9a-f]{16}$/) as unknown,
    });
  });

  it('refuses a date before the last period of a model it would change (exit 2, nothing written)', () => {
    const sandbox = makeSandbox();
    const into = join(sandbox.dir, 'book.json');
    pricing(
      ['import', LITELLM_LATER, '--as', 'litellm', '--into', into, '--as-of', '2025-08-01', ...EXCERPT],
      sandbox,
    );
    const written = readFileSync(into, 'utf8');
    const result = pricing(
      ['import', LITELLM_LATER, '--as', 'litellm', '--into', into, '--as-of', '2025-07-15'],
      sandbox,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "llmcost: --as-of 2025-07-15: a new price period must start after a model's last one; nothing written:\n  openai/gpt-4o: its prices changed, but its last period starts 2025-08-01, not before 2025-07-15\n",
    );
    expect(readFileSync(into, 'utf8')).toBe(written);
  });

  it('holds back a 5x price move until --accept-large-changes', () => {
    const sandbox = makeSandbox();
    const into = join(sandbox.dir, 'book.json');
    const args = [
      'import',
      LITELLM_TYPO,
      '--as',
      'litellm',
      '--into',
      into,
      '--as-of',
      '2025-08-01',
      ...EXCERPT,
    ];
    const blocked = pricing(args, sandbox);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain(
      'openai/gpt-4o-mini (gpt-4o-mini; previous period from 1970-01-01)\n    input $0.15 → $1.50\n',
    );
    expect(blocked.stderr).toContain(
      'llmcost: warning: price moved 5x or more: openai/gpt-4o-mini input at 2025-08-01: 150000 → 1500000 micro-USD per 1M tokens\n',
    );
    expect(existsSync(into)).toBe(false);
    const accepted = pricing([...args, '--accept-large-changes'], sandbox);
    expect(accepted.code).toBe(0);
    expect(existsSync(into)).toBe(true);
  });

  it('writes the user book by default, which then becomes the active price book', () => {
    const sandbox = makeSandbox();
    const userBook = join(sandbox.env.XDG_DATA_HOME ?? '', 'llmcost', 'pricing.json');
    const result = pricing(
      ['import', LITELLM, '--as', 'litellm', '--as-of', '2026-11-23', '--accept-large-changes', '-q'],
      sandbox,
    );
    expect(result.code).toBe(0);
    expect(existsSync(userBook)).toBe(true);
    const show = pricing(['show', 'databricks-meta-llama-3-70b-instruct', '--format', 'json'], sandbox);
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({
      key: 'databricks/databricks-meta-llama-3-70b-instruct',
      periods: [{ prices: { input: 1_000_020, output: 2_999_990 } }],
    });
    const shipped = pricing(
      ['show', 'databricks-meta-llama-3-70b-instruct', '--pricing', fixturePath('../pricing.json')],
      sandbox,
    );
    expect(shipped.code).toBe(1);
  });

  it('exits 2 without --as or with an unknown one, and 1 for an unreadable file', () => {
    expect(pricing(['import', LITELLM]).code).toBe(2);
    expect(pricing(['import', LITELLM, '--as', 'csv']).code).toBe(2);
    const missing = pricing(['import', 'nope.json', '--as', 'litellm']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^llmcost: .*nope\.json: cannot read the price file: ENOENT/);
  });
});
