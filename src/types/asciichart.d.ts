// asciichart ships no type declarations; this covers the part llmcost uses (v1.5).
declare module 'asciichart' {
  interface PlotConfig {
    readonly min?: number;
    readonly max?: number;
    readonly height?: number;
    readonly offset?: number;
    readonly padding?: string;
    readonly colors?: readonly string[];
    readonly symbols?: readonly string[];
    readonly format?: (value: number, index: number) => string;
  }
  const asciichart: {
    plot(series: readonly number[] | readonly (readonly number[])[], config?: PlotConfig): string;
  };
  export default asciichart;
}
