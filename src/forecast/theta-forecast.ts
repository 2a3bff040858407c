import { fitSmoothing, forecastSmoothing } from './exponential-smoothing.ts';
import { fitLine } from './naive-forecasts.ts';

/**
 * The standard Theta method of the M4 benchmarks (Assimakopoulos & Nikolopoulos 2000; the organizers'
 * `Theta.classic`): the mean of the least-squares line (θ = 0) extended and simple exponential
 * smoothing of the θ = 2 line (2y − line). Seasonal adjustment is applied by the caller.
 */
export function forecastTheta(values: readonly number[], horizon: number): number[] | null {
  if (values.length < 3) return null;
  const { intercept, slope } = fitLine(values);
  const thetaTwo = values.map((value, index) => 2 * value - (intercept + slope * index));
  const smoothed = forecastSmoothing(fitSmoothing(thetaTwo, 'none'), horizon);
  return smoothed.map((value, step) => 0.5 * value + 0.5 * (intercept + slope * (values.length + step)));
}
