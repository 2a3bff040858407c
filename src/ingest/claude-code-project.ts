/**
 * Names the project of a Claude Code log line: the directory Claude Code was started in, as a path.
 *
 * Claude Code files a session under `projects/<encoded launch dir>/`, where the encoding replaces
 * every character but [A-Za-z0-9] with `-` (`/home/ada/shop_api` → `-home-ada-shop-api`), cut to 200
 * characters plus a hash for long paths. That name is stable but lossy, so it can't be decoded. Each
 * line's `cwd` is readable but not stable: it follows `cd` within the session
 * (`/home/ada/shop_api/packages/web`). So the project is the ancestor of `cwd` (itself included)
 * whose encoding is a directory name in the log file's path — the launch directory, readable and the
 * same for every line of the session and its subagents. When none matches (a copied or renamed
 * file, stdin), the project is `cwd` as written.
 */
export function createProjectNamer(file: string): (cwd: string) => string {
  const directoryNames = new Set(file.split(/[\\/]/).slice(0, -1));
  const known = new Map<string, string>();
  return (cwd) => {
    let project = known.get(cwd);
    if (project === undefined) {
      project = findLaunchDirectory(cwd, directoryNames) ?? cwd;
      known.set(cwd, project);
    }
    return project;
  };
}

const LONGEST_UNHASHED_NAME = 200;

/**
 * Claude Code's directory name for a launch directory. Past 200 characters it keeps the first 200 and
 * appends a base-36 hash of the raw path (a Java-style string hash on UTF-16 code units, wrapped to
 * 32 bits), as read from its CLI bundle by several tools. Claude Code 2.1.224 changed the long-path
 * rule again; such names match nothing here and the project falls back to `cwd`.
 */
export function encodeProjectDirectory(path: string): string {
  const sanitized = path.replace(/[^a-zA-Z0-9]/g, '-');
  if (sanitized.length <= LONGEST_UNHASHED_NAME) return sanitized;
  let hash = 0;
  for (let index = 0; index < path.length; index++) hash = ((hash << 5) - hash + path.charCodeAt(index)) | 0;
  return `${sanitized.slice(0, LONGEST_UNHASHED_NAME)}-${Math.abs(hash).toString(36)}`;
}

function findLaunchDirectory(cwd: string, directoryNames: ReadonlySet<string>): string | null {
  for (let candidate = trimTrailingSeparators(cwd); candidate !== ''; candidate = parentOf(candidate)) {
    if (directoryNames.has(encodeProjectDirectory(candidate))) return candidate;
  }
  return null;
}

/** `/a/b` → `/a`, `/a` → `/`, `/` → ``, `C:\a` → `C:\`, `C:\` → ``. */
function parentOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (cut < 0 || cut === path.length - 1) return '';
  const parent = path.slice(0, cut);
  return parent === '' || parent.endsWith(':') ? path.slice(0, cut + 1) : parent;
}

function trimTrailingSeparators(path: string): string {
  let end = path.length;
  while (end > 1 && (path[end - 1] === '/' || path[end - 1] === '\\') && path[end - 2] !== ':') end--;
  return path.slice(0, end);
}
