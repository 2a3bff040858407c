import { existsSync } from 'node:fs';
import { claudeCodeLogRoots } from '../../ingest/claude-code-paths.ts';
import { expandPaths, type ExpandedPath } from '../../ingest/expand-paths.ts';
import { findAdapter, FORMAT_NAMES, sniffAdapter } from '../../ingest/index.ts';
import { peekFileLines, peekStreamLines } from '../../ingest/peek-lines.ts';
import { formatProblem } from '../../model/ingest-problem.ts';
import { renderIngestSummary, type IngestRunSummary } from '../../output/render-ingest-summary.ts';
import { openIngestSession, type IngestSession } from '../../store/file-ingest.ts';
import { openStore } from '../../store/open-store.ts';
import { selectAllSourceStates } from '../../store/select-source-state.ts';
import type { Context } from '../context.ts';
import { InputError, UsageError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import {
  ingestParsedFile,
  planFileRead,
  unchangedSummary,
  type FileIngestSummary,
  type FileToIngest,
  type IngestPolicy,
  type ReadPlan,
} from '../ingest/ingest-file.ts';
import { parseSource } from '../ingest/parse-source.ts';
import { resolveColumnMapping } from '../ingest/resolve-column-mapping.ts';
import { createPrompter, type Prompter } from '../prompts.ts';
import { startParseWorker, type ParseRun, type ParseWorker } from '../ingest/start-parse-worker.ts';
import type { Adapter } from '../../ingest/adapter.ts';
import { createProgress, type Progress } from '../progress.ts';
import { loadPricing, type LoadedPricing } from '../load-pricing.ts';
import type { Settings } from '../settings.ts';
import { requireFormat } from '../require-format.ts';
import { writeOutput } from '../write-output.ts';
import type { IngestOptions } from './ingest.ts';

/** At most this many problems are printed (the rest are counted). */
const MAX_PROBLEMS_SHOWN = 20;

/** Below this many bytes to read, parsing in-process beats starting a worker thread. */
const WORKER_MIN_BYTES = 8 * 1024 * 1024;
const MAX_PARSE_WORKERS = 2;

interface PlannedRead {
  readonly plan: Extract<ReadPlan, { kind: 'read' }>;
  readonly adapter: Adapter;
  readonly stream: NodeJS.ReadableStream | undefined;
}

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
  const columnMapping = await resolveColumnMapping(options, files, settings, ctx, openPrompter);
  // A dry run against no database yet compares with an empty one and leaves no file behind.
  const store = openStore(options.dryRun && !existsSync(settings.dbPath) ? ':memory:' : settings.dbPath);
  const summaries: FileIngestSummary[] = [];
  const failures: string[] = [];
  let worker: ParseWorker | null = null;
  let session: IngestSession | null = null;
  try {
    const previousStates = selectAllSourceStates(store);
    const reads: PlannedRead[] = [];
    for (const file of files) {
      const isStdin = file.absolutePath === '-';
      let adapter = forcedAdapter;
      let stream: NodeJS.ReadableStream | undefined = isStdin ? ctx.stdin : undefined;
      const previous = previousStates.get(file.absolutePath) ?? null;
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
      const plan = planFileRead(toIngest);
      if (plan.kind === 'unchanged') summaries.push(unchangedSummary(toIngest));
      else reads.push({ plan, adapter, stream });
    }

    const bytesToRead = reads.reduce((sum, read) => sum + read.plan.sizeBytes - read.plan.job.startOffset, 0);
    const progress = createProgress(ctx, settings.isQuiet, bytesToRead);
    const policy: IngestPolicy = {
      isStrict: options.strict,
      isDryRun: options.dryRun,
      nowMs: ctx.nowMs,
      maxProblemsKept: MAX_PROBLEMS_SHOWN,
    };
    // Large inputs are parsed in worker threads while this one writes; small ones are not worth their
    // start-up. Several files get two workers: parsing many small logs costs more than storing them.
    // They start first, so they load their price book while this thread loads its own.
    const isWorthAWorker =
      bytesToRead >= WORKER_MIN_BYTES && reads.every((read) => read.stream === undefined);
    const started = isWorthAWorker
      ? startParseWorker(
          {
            pricingFile: settings.pricingFile,
            priceOverrides: settings.priceOverrides,
            maxProblemsKept: MAX_PROBLEMS_SHOWN,
          },
          Math.min(MAX_PARSE_WORKERS, reads.length),
        )
      : null;
    worker = started;
    // The price book (1 MB of JSON) is read only when there is something to price: a re-scan of
    // unchanged logs never needs it.
    const pricing = reads.length > 0 ? loadPricing(settings) : null;
    const openSession = pricing === null ? null : openIngestSession(store, pricing.version);
    session = openSession;
    const runs: ParseRun[] =
      started !== null
        ? reads.map(({ plan }) =>
            started.submit(plan.job, plan.sizeBytes - plan.job.startOffset, progress.onBytes),
          )
        : pricing === null
          ? []
          : inProcessRuns(reads, pricing.price, progress);
    for (const [index, read] of reads.entries()) {
      const run = runs[index];
      if (run === undefined || openSession === null) continue;
      summaries.push(await ingestParsedFile(openSession, read.adapter.kind, read.plan, run, policy));
      progress.fileDone(read.plan.sizeBytes - read.plan.job.startOffset);
    }
    progress.finish();
    session?.close();
  } catch (error) {
    session?.abort();
    throw error;
  } finally {
    await worker?.close();
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

function inProcessRuns(
  reads: readonly PlannedRead[],
  priceUsage: LoadedPricing['price'],
  progress: Progress,
): ParseRun[] {
  return reads.map(
    ({ plan, adapter, stream }) =>
      (emit) =>
        parseSource(
          plan.job,
          {
            adapter,
            priceUsage,
            maxProblemsKept: MAX_PROBLEMS_SHOWN,
            onBytes: progress.onBytes,
            ...(stream === undefined ? {} : { stream }),
          },
          emit,
        ),
  );
}

function looksLikeJson(lines: readonly string[]): boolean {
  const first = lines[0]?.trimStart() ?? '';
  return first.startsWith('{') || first.startsWith('[');
}
