import type { Command } from 'commander';
import type { Context } from './context.ts';
import type { ExitCode } from './exit-codes.ts';
import type { Settings } from './settings.ts';

/** Resolves global settings for a command and runs it; main.ts provides it and records the exit code. */
export type CommandRunner = (
  command: Command,
  body: (ctx: Context, settings: Settings) => Promise<ExitCode> | ExitCode,
) => Promise<void>;
