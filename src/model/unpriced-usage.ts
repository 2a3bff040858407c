/** Usage of one model that found no price, for one reason: counted and shown, never costed as $0. */
export interface UnpricedUsage {
  readonly provider: string;
  readonly model: string;
  readonly records: number;
  readonly requests: number;
  /** Records among them whose source gives no request count (`requests` leaves them out). */
  readonly requestsUnknown: number;
  readonly tokens: number;
  /** Why: unknown model, a service tier or web search the price book has no price for, … */
  readonly reason: string;
}
