import { describe, expect, it } from 'vitest';
import { globSync } from 'tinyglobby';
import { ADAPTERS, sniffAdapter, sniffedLines } from '../../src/ingest/index.ts';
import { peekFileLines } from '../../src/ingest/peek-lines.ts';
import { REPO_ROOT } from '../helpers/run-cli.ts';

/** Fixture folders named after what they test rather than their format. */
const FORMAT_OF_FOLDER: Readonly<Record<string, string>> = {
  anomalies: 'llmcost-jsonl',
  chargeback: 'llmcost-jsonl',
  forecast: 'llmcost-jsonl',
  recommend: 'llmcost-jsonl',
};

/** Folders mixing formats, each in a subfolder named after it (fixtures/overlap/claude-code/…). */
const MIXED_FOLDERS: ReadonlySet<string> = new Set(['overlap']);

/** Every fixture of an ingest format, with the format `--from auto` must pick for it. */
const FIXTURES = globSync('fixtures/*/**/*.{json,jsonl,csv}', { cwd: REPO_ROOT })
  .filter((path) => !path.startsWith('fixtures/pricing/') && !path.startsWith('fixtures/config/'))
  .toSorted()
  .map((path) => {
    const [, folder = '', subfolder = ''] = path.split('/');
    return { path, format: MIXED_FOLDERS.has(folder) ? subfolder : (FORMAT_OF_FOLDER[folder] ?? folder) };
  });

/** Fixtures that are meant to match no format at all. */
const UNRECOGNISED = new Set([
  'fixtures/openai-responses/broken.jsonl',
  // `csv` needs a column mapping and is never detected.
  'fixtures/csv/usage.csv',
  'fixtures/csv/broken.csv',
]);

describe('--from auto over every fixture', () => {
  it('covers every billing export format', () => {
    const formats = new Set(FIXTURES.map((fixture) => fixture.format));
    for (const format of [
      'openai-usage',
      'openai-costs',
      'anthropic-usage',
      'anthropic-cost',
      'anthropic-console-csv',
    ])
      expect(formats).toContain(format);
  });

  it.each(FIXTURES.filter((fixture) => !UNRECOGNISED.has(fixture.path)))(
    '$path is $format, and no other adapter claims it',
    async ({ path, format }) => {
      const lines = await peekFileLines(`${REPO_ROOT}/${path}`);
      expect(sniffAdapter(lines)?.format).toBe(format);
      const claimants = ADAPTERS.filter((adapter) => adapter.sniff(sniffedLines(adapter, lines))).map(
        (adapter) => adapter.format,
      );
      expect(claimants).toEqual([format]);
    },
  );

  it.each([...UNRECOGNISED])('%s is claimed by no adapter', async (path) => {
    expect(sniffAdapter(await peekFileLines(`${REPO_ROOT}/${path}`))).toBeUndefined();
  });
});
