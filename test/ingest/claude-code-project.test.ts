import { describe, expect, it } from 'vitest';
import { createProjectNamer, encodeProjectDirectory } from '../../src/ingest/claude-code-project.ts';

const longLaunchDir = `/home/ada/${'deep/'.repeat(50)}repo`;

describe('createProjectNamer', () => {
  it.each([
    [
      'the launch directory itself',
      '/h/.claude/projects/-home-ada-shop/s.jsonl',
      '/home/ada/shop',
      '/home/ada/shop',
    ],
    [
      'a subdirectory the session cd-ed into',
      '/h/.claude/projects/-home-ada-shop/s.jsonl',
      '/home/ada/shop/packages/web',
      '/home/ada/shop',
    ],
    [
      'a subagent file',
      '/h/.claude/projects/-home-ada-shop/s/subagents/agent-1.jsonl',
      '/home/ada/shop/src',
      '/home/ada/shop',
    ],
    [
      'a path with _ . and spaces',
      'projects/-home-ada-my-app-v2-beta/s.jsonl',
      '/home/ada/my_app.v2 beta/lib',
      '/home/ada/my_app.v2 beta',
    ],
    ['a trailing slash', 'projects/-home-ada-shop/s.jsonl', '/home/ada/shop/', '/home/ada/shop'],
    [
      'a Windows path',
      'C:\\Users\\ada\\.claude\\projects\\C--Users-ada-shop\\s.jsonl',
      'C:\\Users\\ada\\shop\\web',
      'C:\\Users\\ada\\shop',
    ],
    ['Claude Code started in /', '/h/.claude/projects/-/s.jsonl', '/tmp/scratch', '/'],
    [
      'a long path Claude Code cut and hashed',
      `projects/${encodeProjectDirectory(longLaunchDir)}/s.jsonl`,
      `${longLaunchDir}/src`,
      longLaunchDir,
    ],
    [
      'a file outside any project directory',
      'copies/session.jsonl',
      '/home/ada/shop/web',
      '/home/ada/shop/web',
    ],
    ['stdin', '-', '/home/ada/shop', '/home/ada/shop'],
    [
      'a project directory of another path',
      'projects/-home-ada-shop/s.jsonl',
      '/home/bob/shop',
      '/home/bob/shop',
    ],
  ])('%s', (_case, file, cwd, expected) => {
    expect(createProjectNamer(file)(cwd)).toBe(expected);
  });

  it('cuts long names to 200 characters and a base-36 hash of the raw path', () => {
    expect(encodeProjectDirectory(longLaunchDir)).toMatch(/^-home-ada-(deep-){38}-[0-9a-z]{1,7}$/);
    expect(encodeProjectDirectory(`${longLaunchDir}/src`)).not.toBe(encodeProjectDirectory(longLaunchDir));
  });

  it('encodes like Claude Code: every character but ASCII letters and digits becomes "-"', () => {
    expect(encodeProjectDirectory('/Users/zoë/my_proj.v2 (copy)')).toBe('-Users-zo--my-proj-v2--copy-');
  });
});
