import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Adapter } from '../../src/ingest/adapter.ts';
import type { IngestProblem } from '../../src/model/ingest-problem.ts';
import type { UsageRecord } from '../../src/model/usage-record.ts';

export interface ParsedText {
  readonly records: readonly UsageRecord[];
  readonly problems: readonly IngestProblem[];
}

/** Runs an adapter's parser over `text` split into lines (1-based), then `finish()`, and collects everything. */
export function parseText(adapter: Adapter, text: string, file: string): ParsedText {
  const parser = adapter.createParser({ file });
  const results = text.split(/\r?\n/).map((line, index) => parser.parseLine(line, index + 1));
  results.push(parser.finish());
  return {
    records: results.flatMap((result) => result.records ?? []),
    problems: results.flatMap((result) => (result.ok ? [] : result.problems)),
  };
}

/** The text of `fixtures/<relativePath>`. */
export function readFixture(relativePath: string): string {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/${relativePath}`, import.meta.url)), 'utf8');
}

/** `parseText` over a fixture file, reported under its fixture-relative name. */
export function parseFixture(adapter: Adapter, relativePath: string): ParsedText {
  return parseText(adapter, readFixture(relativePath), relativePath);
}

/** The first `count` lines of a fixture, as `sniff` receives them. */
export function firstLinesOf(relativePath: string, count = 5): readonly string[] {
  return readFixture(relativePath).split(/\r?\n/).slice(0, count);
}
