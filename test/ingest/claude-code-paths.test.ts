import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claudeCodeLogRoots } from '../../src/ingest/claude-code-paths.ts';

const HOME = '/home/ada';

describe('claudeCodeLogRoots', () => {
  it.each([
    [
      'no environment: ~/.claude and ~/.config/claude',
      {},
      ['/home/ada/.claude/projects', '/home/ada/.config/claude/projects'],
    ],
    [
      'XDG_CONFIG_HOME moves the second',
      { XDG_CONFIG_HOME: '/xdg' },
      ['/home/ada/.claude/projects', '/xdg/claude/projects'],
    ],
    [
      'an empty XDG_CONFIG_HOME is unset',
      { XDG_CONFIG_HOME: '' },
      ['/home/ada/.claude/projects', '/home/ada/.config/claude/projects'],
    ],
    [
      'CLAUDE_CONFIG_DIR replaces the defaults',
      { CLAUDE_CONFIG_DIR: '/work/claude' },
      ['/work/claude/projects'],
    ],
    [
      'CLAUDE_CONFIG_DIR lists several, trimmed, empty entries dropped',
      { CLAUDE_CONFIG_DIR: ' /a/claude , ,/b/claude,' },
      ['/a/claude/projects', '/b/claude/projects'],
    ],
    [
      'a leading ~ is expanded',
      { CLAUDE_CONFIG_DIR: '~/.claude-work,~' },
      ['/home/ada/.claude-work/projects', '/home/ada/projects'],
    ],
    ['duplicates are dropped', { CLAUDE_CONFIG_DIR: '/a/claude,/a/claude/' }, ['/a/claude/projects']],
    [
      'a blank CLAUDE_CONFIG_DIR is unset',
      { CLAUDE_CONFIG_DIR: ' ' },
      ['/home/ada/.claude/projects', '/home/ada/.config/claude/projects'],
    ],
  ])('%s', (_case, env, expected) => {
    expect(claudeCodeLogRoots(env, HOME)).toEqual(expected.map((path) => join(path)));
  });
});
