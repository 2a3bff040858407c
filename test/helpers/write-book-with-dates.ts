import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, type Sandbox } from './run-cli.ts';

/**
 * Writes the shipped pricing.json into the sandbox with the given `deprecationDate`s (price-book key →
 * `YYYY-MM-DD`), for `--pricing`, and returns its path: retirements the tests choose, on the real
 * models the score sources rate.
 */
export function writeBookWithDates(sandbox: Sandbox, dates: Readonly<Record<string, string>>): string {
  const book = JSON.parse(readFileSync(join(REPO_ROOT, 'pricing.json'), 'utf8')) as {
    models: Record<string, Record<string, unknown>>;
  };
  for (const [key, deprecationDate] of Object.entries(dates)) {
    const entry = book.models[key];
    if (entry === undefined) throw new Error(`writeBookWithDates: no model ${key} in pricing.json`);
    entry.deprecationDate = deprecationDate;
  }
  const path = join(sandbox.dir, 'book-with-dates.json');
  writeFileSync(path, JSON.stringify(book));
  return path;
}
