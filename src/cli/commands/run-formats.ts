import { ADAPTERS } from '../../ingest/index.ts';
import { renderFormatList } from '../../output/render-format-list.ts';
import type { Context } from '../context.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { Settings } from '../settings.ts';
import { requireFormat } from '../require-format.ts';
import { writeOutput } from '../write-output.ts';

export function runFormats(settings: Settings, ctx: Context): ExitCode {
  const format = requireFormat(settings, 'formats', ['table', 'json', 'csv', 'md']);
  const formats = ADAPTERS.map(({ format, description, obtainedFrom, example }) => ({
    format,
    description,
    ...(obtainedFrom === undefined ? {} : { obtainedFrom }),
    example,
  }));
  const text =
    format === 'json' ? `${JSON.stringify(formats, null, 2)}\n` : renderFormatList(formats, ctx.display);
  writeOutput(ctx, settings, text);
  return EXIT.OK;
}
