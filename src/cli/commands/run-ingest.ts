import { existsSync } from 'node:fs';
import { claudeCodeLogRoots } from '../../ingest/claude-code-paths.ts';
import { expandPaths, type ExpandedPath } from '../../ingest/expand-paths.ts';
import { findAdapter, FORMAT_NAMES, sniffAdapter } from '../../ingest/index.ts';
import { peekFileLines, peekStreamLines } from '../../ingest/peek-lines.ts';
import { formatProblem } from '../../model/ingest-problem.ts';
import { renderIngestSummary, type IngestRunSummary } from '../../output/render-ingest-summary.ts';
import { openStore } from '../../store/open-store.ts';
import { selectSourceFingerprint, selectStoredSources } from '../../store/select-source-state.ts';
import type { Context } from '../context.ts';
import { InputError, UsageError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import {
  planFileRead,
  unchangedSummary,
  type FileIngestSummary,
  type FileToIngest,
  type IngestPolicy,
} from '../ingest/ingest-file.ts';
import type { PlannedRead } from '../ingest/read-planned-files.ts';
import { createPrompter, type Prompter } from '../prompts.ts';
import type { Settings } from '../settings.ts';
import { requireFormat } from '../require-format.ts';
import { writeOutput } from '../write-output.ts';
import type { IngestOptions } from './ingest.ts';

/** At most this many problems are printed (the rest are counted). */
const MAX_PROBLEMS_SHOWN = 20;

export async function runIngest(
  paths: readonly string[],
  options: IngestOptions,
  settings: Settings,
  ctx: Context,
  openPrompter: (ctx: Context) => Promise<Prompter> = createPrompter,
): Promise<ExitCode> {
  const format = requireFormat(settings, 'ingest', ['table', 'json', 'csv', 'md']);
  const forcedAdapter = options.from === 'auto' ? undefined : findAdapter(options.from);
  if (options.from !== 'auto' && forcedAdapter === undefined) {
    throw new UsageError(`--from: unknown format "${options.from}"; known: auto, ${FORMAT_NAMES.join(', ')}`);
  }
  const files = await resolveInputs(paths, options, ctx);
  // The column-mapping code (and its prompts) is loaded only for CSV mappings.
  const columnMapping =
    options.from === 'csv' || options.map.length > 0 || options.mapProfile !== undefined
      ? await (
          await import('../ingest/resolve-column-mapping.ts')
        ).resolveColumnMapping(options, files, settings, ctx, openPrompter)
      : undefined;
  // A dry run against no database yet compares with an empty one and leaves no file behind.
  const store = openStore(options.dryRun && !existsSync(settings.dbPath) ? ':memory:' : settings.dbPath);
  const summaries: FileIngestSummary[] = [];
  const failures: string[] = [];
  try {
    const storedSources = selectStoredSources(store);
    const reads: PlannedRead[] = [];
    for (const file of files) {
      const isStdin = file.absolutePath === '-';
      let adapter = forcedAdapter;
      let stream: NodeJS.ReadableStream | undefined = isStdin ? ctx.stdin : undefined;
      const previous = storedSources.get(file.absolutePath) ?? null;
      if (adapter === undefined) {
        const peeked = isStdin
          ? await peekStreamLines(ctx.stdin)
          : { lines: await peekFileLines(file.absolutePath), stream: undefined };
        stream = peeked.stream ?? stream;
        adapter =
          sniffAdapter(peeked.lines) ?? (previous === null ? undefined : findAdapter(previous.format));
        if (adapter === undefined) {
          failures.push(
            peeked.lines.length === 0
              ? `${file.displayPath}: empty file, nothing to ingest`
              : `${file.displayPath}: format not recognised; pass --from with one of: ${FORMAT_NAMES.join(', ')} (llmcost formats)` +
                  (looksLikeJson(peeked.lines)
                    ? ''
                    : '; for any other CSV: --from csv --map timestamp=<column>,model=<column>,…'),
          );
          continue;
        }
      }
      const toIngest: FileToIngest = {
        displayPath: file.displayPath,
        sourcePath: file.absolutePath,
        format: adapter.format,
        isDocument: adapter.isDocument === true,
        previous,
        extraTags: options.tag,
        isForced: options.force,
        canReadTail: adapter.isDocument !== true,
        ...(columnMapping === undefined ? {} : { columnMapping }),
      };
      const plan = planFileRead(toIngest, (path) => selectSourceFingerprint(store, path));
      if (plan.kind === 'unchanged') summaries.push(unchangedSummary(toIngest));
      else reads.push({ plan, adapter, stream });
    }

    if (reads.length > 0) {
      const policy: IngestPolicy = {
        isStrict: options.strict,
        isDryRun: options.dryRun,
        nowMs: ctx.nowMs,
        maxProblemsKept: MAX_PROBLEMS_SHOWN,
      };
      const { readPlannedFiles } = await import('../ingest/read-planned-files.ts');
      for (const summary of await readPlannedFiles(store, reads, policy, settings, ctx))
        summaries.push(summary);
    }
  } finally {
    store.close();
  }

  const run: IngestRunSummary = { files: summaries, failures, isDryRun: options.dryRun };
  if (format === 'json') {
    writeOutput(ctx, settings, `${JSON.stringify(ingestSummaryJson(run, summaries), null, 2)}\n`);
  } else if (!settings.isQuiet) {
    writeOutput(ctx, settings, renderIngestSummary(run));
  }
  const problems = summaries.flatMap((summary) => summary.problems);
  const problemCount = summaries.reduce((sum, summary) => sum + summary.rejected, 0);
  for (const problem of problems.slice(0, MAX_PROBLEMS_SHOWN))
    ctx.stderr.write(`llmcost: ${formatProblem(problem)}\n`);
  if (problemCount > MAX_PROBLEMS_SHOWN)
    ctx.stderr.write(`llmcost: … and ${problemCount - MAX_PROBLEMS_SHOWN} more rejected rows\n`);
  for (const warning of summaries.flatMap((summary) => summary.warnings))
    ctx.stderr.write(`llmcost: warning: ${warning}\n`);
  for (const failure of failures) ctx.stderr.write(`llmcost: ${failure}\n`);
  const refusals = summaries.flatMap((summary) => (summary.refusal === undefined ? [] : [summary.refusal]));
  for (const refusal of refusals) ctx.stderr.write(`llmcost: ${refusal}\n`);
  return failures.length > 0 || problemCount > 0 || refusals.length > 0 ? EXIT.FAILURE : EXIT.OK;
}

async function resolveInputs(
  paths: readonly string[],
  options: IngestOptions,
  ctx: Context,
): Promise<ExpandedPath[]> {
  if (paths.length === 0) {
    if (options.from !== 'claude-code') {
      throw new UsageError(
        'name the files or directories to ingest (or - for stdin); only --from claude-code has a default location',
      );
    }
    const roots = claudeCodeLogRoots(ctx.env, ctx.homeDir).filter((root) => existsSync(root));
    if (roots.length === 0) {
      const looked = claudeCodeLogRoots(ctx.env, ctx.homeDir).join(', ');
      throw new InputError(
        `no Claude Code logs found (looked in ${looked}); set CLAUDE_CONFIG_DIR or pass a path`,
      );
    }
    return expandOrThrow(roots, ctx);
  }
  const stdinCount = paths.filter((path) => path === '-').length;
  if (stdinCount > 1) throw new UsageError('- (stdin) can be given only once');
  const files = await expandOrThrow(
    paths.filter((path) => path !== '-'),
    ctx,
  );
  return stdinCount === 1 ? [...files, { displayPath: '<stdin>', absolutePath: '-' }] : files;
}

async function expandOrThrow(paths: readonly string[], ctx: Context): Promise<ExpandedPath[]> {
  const expanded = await expandPaths(paths, ctx.cwd);
  if (!expanded.ok) throw new InputError(expanded.message);
  return [...expanded.files];
}

function ingestSummaryJson(run: IngestRunSummary, files: readonly FileIngestSummary[]) {
  return {
    isDryRun: run.isDryRun,
    files: files.map((file) => ({
      path: file.displayPath,
      format: file.format,
      outcome: file.outcome,
      readMode: file.readMode,
      rowsRead: file.rowsRead,
      stored: file.stored,
      replaced: file.replaced,
      duplicate: file.duplicate,
      rejected: file.rejected,
      unpriced: file.unpricedRecords,
      problems: file.problems.map(formatProblem),
      warnings: file.warnings,
    })),
    failures: run.failures,
  };
}

function looksLikeJson(lines: readonly string[]): boolean {
  const first = lines[0]?.trimStart() ?? '';
  return first.startsWith('{') || first.startsWith('[');
}
