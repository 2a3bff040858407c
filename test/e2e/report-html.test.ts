import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AS_OF, makeSeededSandbox, reportJson, runLlmcost } from '../helpers/run-llmcost.ts';
import { REPO_ROOT } from '../helpers/run-cli.ts';

/** A project name that would run script if the page did not escape it. */
const HOSTILE = '<img src=x onerror="alert(1)">&co';
const hostileDir = mkdtempSync(join(tmpdir(), 'llmcost-html-'));
const hostileFile = join(hostileDir, 'hostile.jsonl');
writeFileSync(
  hostileFile,
  `${JSON.stringify({
    ts: '2026-11-03T12:00:00Z',
    provider: 'openai',
    model: 'gpt-4o-2024-08-06',
    id: 'hostile-html',
    input_tokens: 5000,
    output_tokens: 800,
    project: HOSTILE,
  })}\n`,
);
const INPUTS = [
  'fixtures/llmcost-jsonl/usage.jsonl',
  'fixtures/openai-responses/responses.jsonl',
  'fixtures/claude-code',
  hostileFile,
];
const ARGS = ['--by', 'day', '--group-by', 'project'];

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

describe('report --format html', () => {
  const sandbox = makeSeededSandbox(INPUTS);
  const path = join(sandbox.dir, 'report.html');
  const written = runLlmcost(['report', '--as-of', AS_OF, ...ARGS, '--out', path], sandbox);
  const html = readFileSync(path, 'utf8');
  const json = reportJson(sandbox, ARGS);

  it('writes one self-contained page: no script, no external resource, a CSP that forbids loading any', () => {
    expect(written).toMatchObject({ code: 0, stderr: `llmcost: wrote ${path}\n` });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(html).not.toMatch(/<script|<link|<iframe|\burl\(|@import|<[a-z][^>]*\s(src|href)=/i);
    expect(html.replaceAll('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:\/\//);
  });

  it('draws the three charts: spend lines per group, top-model bars, token-mix bars', () => {
    const charts = html.split('<svg class="chart"').slice(1);
    expect(charts).toHaveLength(3);
    const [spend = '', models = '', mix = ''] = charts;
    expect(count(spend, /<path d="M/g)).toBe(7); // 6 costliest projects + other
    expect(count(models, /<rect x=/g)).toBeGreaterThanOrEqual(5);
    expect(count(mix, /<rect x=/g)).toBe(8 * 4); // all usage, 6 projects, other × 4 token classes
    expect(html).toContain(
      '<li><svg width="28" height="10" aria-hidden="true"><line x1="1" y1="5" x2="27" y2="5" stroke="#8c8c8c" stroke-width="3" stroke-dasharray="1 4"/></svg>other</li>',
    );
  });

  it('has the table: one row per report row and the totals row', () => {
    const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
    expect(count(body, /<tr>/g)).toBe(json.rows.length);
    expect(html).toMatch(/<tfoot><tr><th>Total<\/th>/);
    expect(html).toContain(`<dt>Requests</dt><dd>${json.totals.requests.toLocaleString('en-US')}</dd>`);
  });

  it('escapes user text everywhere it appears', () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;co');
  });

  it('ends with the About facts', () => {
    expect(html).toContain(`<tr><th>Reproducibility stamp</th><td>${json.stamp.hash}</td></tr>`);
    expect(html).toContain('<tr><th>Time zone</th><td>UTC</td></tr>');
  });
});

/**
 * Opens the page in Debian's headless Chromium (apt-get install chromium). Opt-in, as the browser is
 * not a dependency: LLMCOST_BROWSER_TESTS=1 npx vitest run test/e2e/report-html.test.ts
 * The screenshot is left in test/bench/.work/report-html/ (git-ignored) for a person to look at.
 */
describe.runIf(process.env.LLMCOST_BROWSER_TESTS === '1')('report --format html in headless Chromium', () => {
  const sandbox = makeSeededSandbox(INPUTS);
  const outputDir = join(REPO_ROOT, 'test', 'bench', '.work', 'report-html');
  mkdirSync(outputDir, { recursive: true });
  const page = join(outputDir, 'report.html');
  const screenshot = join(outputDir, 'report.png');
  runLlmcost(['report', '--as-of', AS_OF, ...ARGS, '--out', page], sandbox);
  const chromium = (extra: readonly string[]) =>
    spawnSync(
      process.env.CHROMIUM ?? 'chromium',
      [
        '--headless=new',
        '--disable-gpu',
        '--no-sandbox',
        `--user-data-dir=${join(sandbox.dir, 'chromium')}`,
        '--enable-logging=stderr',
        '--v=0',
        ...extra,
        `file://${page}`,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
  const dom = chromium(['--dump-dom']);
  const shot = chromium(['--window-size=1100,2600', '--hide-scrollbars', `--screenshot=${screenshot}`]);

  it('renders the charts: non-empty SVG paths and bars in the live DOM', () => {
    expect(dom.status).toBe(0);
    const paths = [...dom.stdout.matchAll(/<path d="(M[^"]+)"/g)].map((match) => match[1] ?? '');
    expect(paths).toHaveLength(7);
    expect(paths.every((d) => d.split('L').length >= 2)).toBe(true);
    expect(count(dom.stdout, /<rect x="[\d.]+" y="[\d.]+" width="[1-9][\d.]*"/g)).toBeGreaterThan(20);
  });

  it('logs nothing to the console (no script errors, no blocked resource)', () => {
    const consoleLines = `${dom.stderr}\n${shot.stderr}`
      .split('\n')
      .filter((line) => line.includes(':CONSOLE'));
    expect(consoleLines).toEqual([]);
  });

  it('saves a screenshot', () => {
    expect(shot.status).toBe(0);
    expect(readFileSync(screenshot).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(statSync(screenshot).size).toBeGreaterThan(50_000);
  });
});
