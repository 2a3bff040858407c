/**
 * Claude Code's local session logs: `<config dir>/projects/<project>/<session>.jsonl`, and
 * `<project>/<session>/subagents/agent-*.jsonl`. One JSON event per line; assistant lines carry the
 * Anthropic Messages `usage` (FORMATS.md §2.4) of one API response:
 *
 *   {"parentUuid":"…","isSidechain":false,"cwd":"/home/ada/shop-api","sessionId":"3f1c…","version":"2.1.63",
 *    "message":{"model":"claude-sonnet-4-5","id":"msg_01…","content":[…],"usage":{"input_tokens":3,
 *    "cache_creation_input_tokens":2100,"cache_read_input_tokens":14800,"cache_creation":{
 *    "ephemeral_5m_input_tokens":2100,"ephemeral_1h_input_tokens":0},"output_tokens":187,
 *    "service_tier":"standard"}},"requestId":"req_01…","type":"assistant","uuid":"…","timestamp":"2026-…Z"}
 *
 * Mapping and decisions:
 * - One record per assistant line with `message.usage`. Claude Code writes a response several times
 *   (one line per content block while streaming, `output_tokens` growing; again when a session is
 *   resumed), so every copy gets the dedup key `anthropic:<message.id>:<requestId>` (or
 *   `anthropic:<message.id>` when the line has no requestId) and the store keeps the largest. Copies
 *   in one file all take the timestamp of the first one, so whichever copy is kept falls in the same
 *   hour and day (the request started then, even when its last block arrives after midnight).
 * - `<synthetic>` lines (errors Claude Code writes itself, never billed) give no record. Other lines
 *   marked `isApiErrorMessage` keep their usage with status `error`.
 * - input = `input_tokens` (Anthropic's input is already uncached); cacheRead =
 *   `cache_read_input_tokens`; output = `output_tokens`; reasoning = `output_tokens_details.
 *   thinking_tokens` when present, else 0 (a subset of output either way).
 * - Cache writes: with the `cache_creation` split, `ephemeral_5m`/`ephemeral_1h` go to their classes,
 *   any remainder of `cache_creation_input_tokens` to cacheWriteTokens (TTL unknown), and a split
 *   larger than the total is a problem. Without the split (Claude Code before mid-2025) all of it is
 *   cacheWrite5mTokens: Claude Code caches with Anthropic's default 5-minute TTL and only later gained
 *   1-hour caching, which always reports the split.
 * - project = the launch directory as a path, see claude-code-project.ts; session = `sessionId`
 *   (subagent lines carry their parent's); serviceTier = `usage.service_tier`; webSearchRequests =
 *   `usage.server_tool_use.web_search_requests`; tag `agent` = `subagent` when `isSidechain`, else
 *   `main` (sidechain lines are subagent work, in `subagents/` files or, in older versions, inline).
 * - A line that is not JSON is a problem: Claude Code leaves a truncated last line when killed.
 *
 * Speed (STYLE.md §13): most bytes are message content. A line without the text `usage"` has no
 * `"usage"` key, so no usage: it is skipped unparsed once it looks complete (ends with `}`; the last
 * line is checked in full at the end). `usage"` rather than `"usage"` because a search is only as
 * fast as its first character is rare, and JSON is full of quotes (2× on real-shaped lines); strings
 * that end in "usage" match too and merely cost a walk. Usage lines are read by
 * claude-code-line-scanner.ts, which touches only the fields below and falls back to JSON.parse.
 */
import type { UsageRecord } from '../model/usage-record.ts';
import { NO_RECORDS, type Adapter, type LineParser, type LineResult, type SourceRef } from './adapter.ts';
import {
  readClaudeCodeFields,
  scanClaudeCodeLine,
  isPlainObject,
  type ClaudeCodeFields,
} from './claude-code-line-scanner.ts';
import { createProjectNamer } from './claude-code-project.ts';
import { createRowChecker, describe } from './row-checker.ts';

const SYNTHETIC_MODEL = '<synthetic>';
const MAIN_AGENT_TAGS: Readonly<Record<string, string>> = Object.freeze({ agent: 'main' });
const SUBAGENT_TAGS: Readonly<Record<string, string>> = Object.freeze({ agent: 'subagent' });
const CLAUDE_CODE_EVENT_TYPES: ReadonlySet<string> = new Set([
  'user',
  'assistant',
  'system',
  'attachment',
  'progress',
]);

export const claudeCodeAdapter: Adapter = {
  kind: 'requests',
  format: 'claude-code',
  description: 'Claude Code session logs (~/.claude/projects/**/*.jsonl)',
  obtainedFrom:
    'written by Claude Code under ~/.claude/projects (or $CLAUDE_CONFIG_DIR/projects); the default when no path is given',
  example:
    '{"sessionId":"3f1c…","cwd":"/home/ada/shop-api","message":{"model":"claude-sonnet-4-5","id":"msg_01…",' +
    '"usage":{"input_tokens":3,"cache_read_input_tokens":14800,"output_tokens":187}},"requestId":"req_01…",' +
    '"type":"assistant","uuid":"…","timestamp":"2026-10-01T09:30:00.000Z"}',
  skipLinesWithout: 'usage"',
  sniff: isClaudeCodeLog,
  createParser: createClaudeCodeParser,
};

/** True when one of the first lines is a Claude Code event, summary or file-history snapshot. */
function isClaudeCodeLog(firstLines: readonly string[]): boolean {
  return firstLines.some((line) => {
    const event = parseJsonObject(line);
    if (event === null) return false;
    if (event.type === 'summary') return typeof event.leafUuid === 'string';
    if (event.type === 'file-history-snapshot') return isPlainObject(event.snapshot);
    if (event.type === 'queue-operation') return typeof event.sessionId === 'string';
    return (
      typeof event.type === 'string' &&
      CLAUDE_CODE_EVENT_TYPES.has(event.type) &&
      typeof event.sessionId === 'string' &&
      typeof event.uuid === 'string'
    );
  });
}

function createClaudeCodeParser(source: SourceRef): LineParser {
  const nameProject = createProjectNamer(source.file);
  const firstSeenAtMs = new Map<string, number>();
  // The last line skipped unparsed, kept (a reference, not a copy) for the check in finish().
  let unreadText: string | null = null;
  let unreadLineNumber = 0;

  const parseLine = (text: string, lineNumber: number): LineResult => {
    if (!text.includes('usage"') && endsWithBrace(text)) {
      unreadText = text;
      unreadLineNumber = lineNumber;
      return NO_RECORDS;
    }
    if (isBlank(text)) return NO_RECORDS;
    unreadText = null;
    const fields = scanClaudeCodeLine(text) ?? parseFields(text);
    if (fields === 'not-json') return notJson(source.file, lineNumber);
    if (fields === null) return notAnObject(source.file, lineNumber);
    return toRecords(fields, source.file, lineNumber, nameProject, firstSeenAtMs);
  };

  return {
    parseLine,
    finish() {
      // The last line skipped unparsed may be cut short after a `}`: check it in full.
      if (unreadText === null) return NO_RECORDS;
      const text = unreadText;
      unreadText = null;
      return parseFields(text) === 'not-json' ? notJson(source.file, unreadLineNumber) : NO_RECORDS;
    },
  };
}

function toRecords(
  fields: ClaudeCodeFields,
  file: string,
  lineNumber: number,
  nameProject: (cwd: string) => string,
  firstSeenAtMs: Map<string, number>,
): LineResult {
  const { usage } = fields;
  if (fields.type !== 'assistant' || usage === undefined || fields.model === SYNTHETIC_MODEL)
    return NO_RECORDS;
  const check = createRowChecker(file, lineNumber);
  if (!isPlainObject(usage)) {
    check.fail('message.usage', `expected an object, got ${describe(usage)}`);
    return { ok: false, problems: check.problems };
  }
  const model = check.requiredString(fields.model, 'message.model');
  const messageId = check.requiredString(fields.messageId, 'message.id');
  const requestId = check.optionalString(fields.requestId, 'requestId');
  const { timestamp } = fields;
  const occurredAtMs = check.instant(timestamp, 'timestamp');
  const session = check.optionalString(fields.sessionId, 'sessionId');
  const cwd = check.optionalString(fields.cwd, 'cwd');
  const inputTokens = check.count(usage.input_tokens, 'message.usage.input_tokens', true);
  const cacheReadTokens = check.count(usage.cache_read_input_tokens, 'message.usage.cache_read_input_tokens');
  const outputTokens = check.count(usage.output_tokens, 'message.usage.output_tokens', true);
  const reasoningTokens = readReasoningTokens(usage, outputTokens, check);
  const cacheWrites = readCacheWrites(usage, check);
  const webSearchRequests = readWebSearchRequests(usage, check);
  const serviceTier = check.optionalString(usage.service_tier, 'message.usage.service_tier');
  if (check.problems.length > 0) return { ok: false, problems: check.problems };

  const dedupKey = requestId === null ? `anthropic:${messageId}` : `anthropic:${messageId}:${requestId}`;
  const firstAtMs = firstSeenAtMs.get(dedupKey);
  if (firstAtMs === undefined) firstSeenAtMs.set(dedupKey, occurredAtMs);
  // One literal with every field, not `{ ...EMPTY_USAGE, … }`: on Node 20 adding keys to a spread copy
  // costs microseconds per object (V8 makes new hidden classes each time), a literal ~0.1 µs.
  const record: UsageRecord = {
    dedupKey,
    occurredAtMs: firstAtMs ?? occurredAtMs,
    provider: 'anthropic',
    model,
    inputTokens,
    cacheReadTokens,
    cacheWrite5mTokens: cacheWrites.cacheWrite5mTokens,
    cacheWrite1hTokens: cacheWrites.cacheWrite1hTokens,
    cacheWriteTokens: cacheWrites.cacheWriteTokens,
    outputTokens,
    reasoningTokens,
    requests: 1,
    webSearchRequests,
    status: fields.isApiErrorMessage === true ? 'error' : 'ok',
    project: cwd === null ? null : nameProject(cwd),
    user: null,
    team: null,
    apiKey: null,
    workspace: null,
    session,
    serviceTier,
    isBatch: false,
    tags: fields.isSidechain === true ? SUBAGENT_TAGS : MAIN_AGENT_TAGS,
    reportedCost: null,
    latencyMs: null,
    timeToFirstTokenMs: null,
    sourceLine: lineNumber,
  };
  return { ok: true, records: [record] };
}

type CacheWrites = Pick<UsageRecord, 'cacheWrite5mTokens' | 'cacheWrite1hTokens' | 'cacheWriteTokens'>;
type Checker = ReturnType<typeof createRowChecker>;

function readCacheWrites(usage: Record<string, unknown>, check: Checker): CacheWrites {
  const total = check.count(usage.cache_creation_input_tokens, 'message.usage.cache_creation_input_tokens');
  const split = usage.cache_creation;
  if (split === undefined || split === null) {
    return { cacheWrite5mTokens: total, cacheWrite1hTokens: 0, cacheWriteTokens: 0 };
  }
  if (!isPlainObject(split)) {
    check.fail('message.usage.cache_creation', `expected an object, got ${describe(split)}`);
    return { cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheWriteTokens: 0 };
  }
  const fiveMinutes = check.count(
    split.ephemeral_5m_input_tokens,
    'message.usage.cache_creation.ephemeral_5m_input_tokens',
  );
  const oneHour = check.count(
    split.ephemeral_1h_input_tokens,
    'message.usage.cache_creation.ephemeral_1h_input_tokens',
  );
  const stated = usage.cache_creation_input_tokens === undefined ? fiveMinutes + oneHour : total;
  if (fiveMinutes + oneHour > stated) {
    check.fail(
      'message.usage.cache_creation',
      `expected ephemeral_5m_input_tokens + ephemeral_1h_input_tokens (${fiveMinutes + oneHour}) ` +
        `not to exceed cache_creation_input_tokens (${stated})`,
    );
  }
  return {
    cacheWrite5mTokens: fiveMinutes,
    cacheWrite1hTokens: oneHour,
    cacheWriteTokens: Math.max(0, stated - fiveMinutes - oneHour),
  };
}

function readReasoningTokens(usage: Record<string, unknown>, outputTokens: number, check: Checker): number {
  const details = usage.output_tokens_details;
  if (!isPlainObject(details)) return 0;
  const thinking = check.count(
    details.thinking_tokens,
    'message.usage.output_tokens_details.thinking_tokens',
  );
  if (thinking > outputTokens) {
    check.fail(
      'message.usage.output_tokens_details.thinking_tokens',
      `expected at most output_tokens (${outputTokens}), got ${thinking}`,
    );
  }
  return thinking;
}

function readWebSearchRequests(usage: Record<string, unknown>, check: Checker): number {
  const serverTools = usage.server_tool_use;
  if (!isPlainObject(serverTools)) return 0;
  return check.count(serverTools.web_search_requests, 'message.usage.server_tool_use.web_search_requests');
}

/** The slow path: JSON.parse of the whole line. */
function parseFields(text: string): ClaudeCodeFields | null | 'not-json' {
  let line: unknown;
  try {
    line = JSON.parse(text);
  } catch {
    return 'not-json';
  }
  return readClaudeCodeFields(line);
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return isPlainObject(value) ? value : null;
  } catch {
    return null;
  }
}

function notJson(file: string, line: number): LineResult {
  return { ok: false, problems: [{ file, line, field: null, message: 'not valid JSON (truncated line?)' }] };
}

function notAnObject(file: string, line: number): LineResult {
  return { ok: false, problems: [{ file, line, field: null, message: 'expected a JSON object' }] };
}

function endsWithBrace(text: string): boolean {
  let end = text.length - 1;
  while (end >= 0 && text.charCodeAt(end) <= 32) end--;
  return text.charCodeAt(end) === 125;
}

function isBlank(text: string): boolean {
  return text.trim() === '';
}
