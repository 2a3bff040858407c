// Types for asciichart 1.5 (plain JavaScript, no bundled types): the part llmcost uses, both as the
// default export and as named exports.
declare module 'asciichart' {
  export interface PlotConfig {
    readonly min?: number;
    readonly max?: number;
    /** Rows above the lowest one. */
    readonly height?: number;
    /** Columns before the axis, label included. */
    readonly offset?: number;
    readonly padding?: string;
    /** ANSI colour codes, one per series. */
    readonly colors?: readonly string[];
    /** Axis and line glyphs: ┼ ┤ ╶ ╴ ─ ╰ ╭ ╮ ╯ │ (in this order). */
    readonly symbols?: readonly string[];
    readonly format?: (value: number, row: number) => string;
  }
  export function plot(
    series: readonly number[] | readonly (readonly number[])[],
    config?: PlotConfig,
  ): string;
  export const cyan: string;
  export const yellow: string;
  export const magenta: string;
  export const green: string;
  export const blue: string;
  export const red: string;
  export const reset: string;
  const asciichart: { plot: typeof plot };
  export default asciichart;
}
