import { statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

/** Extensions read when a directory is given (compressed `.gz` variants too). */
const DATA_FILE_PATTERN = '**/*.{jsonl,ndjson,json,csv,tsv,log}{,.gz}';

export interface ExpandedPath {
  /** As shown to the user: relative to the working directory where possible. */
  readonly displayPath: string;
  readonly absolutePath: string;
}

export type ExpandOutcome =
  | { readonly ok: true; readonly files: readonly ExpandedPath[] }
  | { readonly ok: false; readonly message: string };

/**
 * Turns the paths a user gave into files: a file as is, a directory recursively (data files only,
 * hidden folders included since Claude Code keeps its logs in `~/.claude`), a glob by matching.
 * The result is sorted and free of repeats, so runs are reproducible.
 */
export async function expandPaths(paths: readonly string[], cwd: string): Promise<ExpandOutcome> {
  const found = new Map<string, ExpandedPath>();
  const add = (absolutePath: string, displayPath: string): void => {
    if (!found.has(absolutePath)) found.set(absolutePath, { absolutePath, displayPath });
  };
  for (const path of paths) {
    const absolutePath = resolve(cwd, path);
    const stats = statSync(absolutePath, { throwIfNoEntry: false });
    if (stats?.isFile() === true) {
      add(absolutePath, path);
    } else if (stats?.isDirectory() === true) {
      const matches = await glob(DATA_FILE_PATTERN, { cwd: absolutePath, dot: true, absolute: false });
      // Matches are normalized relative paths: concatenating is exact and far cheaper than resolve().
      const base = absolutePath.endsWith(sep) ? absolutePath : `${absolutePath}${sep}`;
      for (const match of matches) add(`${base}${match}`, joinDisplay(path, match));
    } else if (isDynamicPattern(path)) {
      const matches = await glob(path, { cwd, dot: true, absolute: false, onlyFiles: true });
      if (matches.length === 0) return { ok: false, message: `no files match "${path}"` };
      for (const match of matches) add(resolve(cwd, match), match);
    } else {
      return { ok: false, message: `no such file or directory: ${path}` };
    }
  }
  const files = [...found.values()].sort((a, b) =>
    a.absolutePath < b.absolutePath ? -1 : a.absolutePath > b.absolutePath ? 1 : 0,
  );
  return { ok: true, files };
}

function joinDisplay(directory: string, relative: string): string {
  return directory.endsWith('/') ? `${directory}${relative}` : `${directory}/${relative}`;
}
