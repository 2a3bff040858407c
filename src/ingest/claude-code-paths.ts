import { join } from 'node:path';

/**
 * The `projects/` directories `llmcost ingest --from claude-code` reads when given no path.
 *
 * Claude Code keeps its data in one config directory, `CLAUDE_CONFIG_DIR` when set, else `~/.claude`;
 * recent versions may use `$XDG_CONFIG_HOME/claude` (default `~/.config/claude`) instead. Like
 * ccusage, `CLAUDE_CONFIG_DIR` may list several directories separated by commas (one per account or
 * machine); when it is set, only those are read. A leading `~` is expanded, because a value set in a
 * config file rather than a shell arrives unexpanded.
 *
 * Pure: no file system access. The caller keeps the directories that exist. Duplicates are removed,
 * order is kept.
 */
export function claudeCodeLogRoots(
  env: Readonly<Record<string, string | undefined>>,
  homeDir: string,
): string[] {
  const configured = (env.CLAUDE_CONFIG_DIR ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const xdgConfigHome = env.XDG_CONFIG_HOME?.trim();
  const configDirs =
    configured.length > 0
      ? configured.map((dir) => expandHome(dir, homeDir))
      : [
          join(homeDir, '.claude'),
          join(
            xdgConfigHome === undefined || xdgConfigHome === '' ? join(homeDir, '.config') : xdgConfigHome,
            'claude',
          ),
        ];
  return [...new Set(configDirs.map((dir) => join(dir, 'projects')))];
}

function expandHome(dir: string, homeDir: string): string {
  if (dir === '~') return homeDir;
  return dir.startsWith('~/') || dir.startsWith('~\\') ? join(homeDir, dir.slice(2)) : dir;
}
