#!/usr/bin/env node
// The ingest floor: stream the input as bytes, split it into lines and JSON.parse every line,
// keeping nothing. No real ingest can beat this by much, so "ingest time ÷ this time" says how much
// the rest (validation, normalisation, SQLite) costs.
//
//   node test/bench/parse-floor.mjs <file-or-directory>...
//
// Directories are walked recursively for *.jsonl. Prints "<lines> lines, <chars> chars" on stdout,
// so the bench can check the floor really read what the ingest read.
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const CHUNK_BYTES = 1 << 20;

function* listJsonlFiles(path) {
  if (!statSync(path).isDirectory()) {
    yield path;
    return;
  }
  const entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) yield* listJsonlFiles(child);
    else if (entry.name.endsWith('.jsonl')) yield child;
  }
}

/** Parses every line of one file; returns [lineCount, byteCount]. */
async function parseFile(path) {
  let lines = 0;
  let bytes = 0;
  let carry = '';
  // Decoding as UTF-8 in the stream is safe across chunk borders (StringDecoder keeps partial chars).
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK_BYTES })) {
    bytes += chunk.length;
    const text = carry + chunk;
    let start = 0;
    let end = text.indexOf('\n', start);
    while (end !== -1) {
      if (end > start) {
        JSON.parse(text.slice(start, end));
        lines += 1;
      }
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    carry = text.slice(start);
  }
  if (carry.trim().length > 0) {
    JSON.parse(carry);
    lines += 1;
  }
  return [lines, bytes];
}

const paths = process.argv.slice(2);
if (paths.length === 0) {
  process.stderr.write('usage: node test/bench/parse-floor.mjs <file-or-directory>...\n');
  process.exitCode = 2;
} else {
  let totalLines = 0;
  let totalChars = 0;
  for (const root of paths) {
    for (const file of listJsonlFiles(root)) {
      const [lines, chars] = await parseFile(file);
      totalLines += lines;
      totalChars += chars;
    }
  }
  process.stdout.write(`${totalLines} lines, ${totalChars} chars\n`);
}
