/** What renderers need to know about the terminal: colour allowed, and how many columns fit. */
export interface DisplayOptions {
  readonly color: boolean;
  readonly width: number;
}
