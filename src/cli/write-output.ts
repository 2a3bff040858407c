import { writeFileSync } from 'node:fs';
import type { Context } from './context.ts';
import type { Settings } from './settings.ts';

/** Writes a command's result to `--out` (and says where on stderr) or to stdout. */
export function writeOutput(ctx: Context, settings: Settings, content: string | Uint8Array): void {
  if (settings.outPath === null) {
    ctx.stdout.write(content);
    return;
  }
  writeFileSync(settings.outPath, content);
  if (!settings.isQuiet) ctx.stderr.write(`llmcost: wrote ${settings.outPath}\n`);
}
