import type { Writable } from 'node:stream';

/** How output may look: decided once from the environment, passed down to renderers. */
export interface Display {
  /** Colour only on a TTY, and never with NO_COLOR set (no-color.org). */
  readonly color: boolean;
  /** Columns available; 100 when unknown (pipes, CI). */
  readonly width: number;
  readonly isTTY: boolean;
}

/** The I/O handles a command receives, so commands run in-process in tests with fakes. */
export interface Context {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly homeDir: string;
  /** The current instant; `--as-of` overrides it for reproducible output. */
  readonly nowMs: number;
  readonly display: Display;
  /** Whether stderr is a terminal: progress and prompts only then. */
  readonly isInteractive: boolean;
}

const DEFAULT_WIDTH = 100;

export function decideDisplay(
  env: Readonly<Record<string, string | undefined>>,
  stream: { isTTY?: boolean; columns?: number },
): Display {
  const isTTY = stream.isTTY === true;
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const columnsFromEnv = Number(env.COLUMNS);
  const width =
    isTTY && stream.columns
      ? stream.columns
      : Number.isInteger(columnsFromEnv) && columnsFromEnv > 0
        ? columnsFromEnv
        : DEFAULT_WIDTH;
  return { color: isTTY && !noColor && env.TERM !== 'dumb', width: Math.min(width, 200), isTTY };
}
