// asciichart ships no types; this is the part of its API llmcost uses (v1.5).
declare module 'asciichart' {
  export interface PlotConfig {
    readonly height?: number;
    readonly offset?: number;
    readonly padding?: string;
    readonly min?: number;
    readonly max?: number;
    readonly format?: (value: number, index: number) => string;
  }
  export function plot(
    series: readonly number[] | readonly (readonly number[])[],
    config?: PlotConfig,
  ): string;
  const asciichart: { plot: typeof plot };
  export default asciichart;
}
