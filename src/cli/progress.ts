import type { Context } from './context.ts';

export interface Progress {
  /** Bytes read so far in the current file. */
  readonly onBytes: (bytesRead: number) => void;
  /** The current file is done; `sizeBytes` is its full size (skipped files count as read). */
  fileDone(sizeBytes: number): void;
  finish(): void;
}

const REDRAW_MS = 200;

/**
 * A one-line progress meter on stderr (bytes, MB/s, ETA), only when stderr is a terminal and not
 * --quiet: pipes, CI logs and NO_COLOR-free redirects get nothing.
 */
export function createProgress(ctx: Context, isQuiet: boolean, totalBytes: number): Progress {
  if (!ctx.isInteractive || isQuiet || totalBytes < 8 * 1024 * 1024) {
    return { onBytes: () => undefined, fileDone: () => undefined, finish: () => undefined };
  }
  const startedAt = performance.now();
  let doneBytes = 0;
  let currentBytes = 0;
  let lastDraw = 0;
  let hasDrawn = false;
  const draw = (): void => {
    const now = performance.now();
    if (now - lastDraw < REDRAW_MS) return;
    lastDraw = now;
    const read = doneBytes + currentBytes;
    const seconds = (now - startedAt) / 1000;
    const rate = seconds > 0 ? read / seconds : 0;
    const eta = rate > 0 ? Math.max(0, (totalBytes - read) / rate) : 0;
    const mb = (bytes: number): string => (bytes / 1048576).toFixed(0);
    ctx.stderr.write(
      `\rllmcost: ingest ${mb(read)}/${mb(totalBytes)} MB  ${mb(rate)} MB/s  ETA ${eta.toFixed(0)}s   `,
    );
    hasDrawn = true;
  };
  return {
    onBytes: (bytesRead) => {
      currentBytes = bytesRead;
      draw();
    },
    fileDone: (sizeBytes) => {
      doneBytes += sizeBytes;
      currentBytes = 0;
      draw();
    },
    finish: () => {
      if (hasDrawn) ctx.stderr.write('\r\u001b[2K');
    },
  };
}
