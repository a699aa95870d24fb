/** A chart's value axis: its top and the ticks from 0 up to it, evenly spaced. */
export interface Axis {
  top: number;
  /** Ascending, starting at 0 and ending at `top`. */
  ticks: number[];
}

/** At most this many steps between 0 and the top: five labels fit the chart's height. */
const MAX_STEPS = 4;

/**
 * The axis for counts up to `max`: whole-number ticks a step of 1, 2 or 5 times a power of ten
 * apart (views are counted, so 0.5 is never a value), with the fewest ticks that still reach
 * `max`. `countAxis(3)` is 0, 1, 2, 3; `countAxis(7)` is 0, 2, 4, 6, 8; `countAxis(0)` is 0, 1.
 */
export function countAxis(max: number): Axis {
  const value = Number.isFinite(max) ? Math.max(1, Math.ceil(max)) : 1;
  let step = 1;
  for (let power = 1; value > step * MAX_STEPS; power *= 10) {
    for (const factor of [1, 2, 5]) {
      step = factor * power;
      if (value <= step * MAX_STEPS) break;
    }
  }
  const steps = Math.ceil(value / step);
  return { top: steps * step, ticks: Array.from({ length: steps + 1 }, (_, index) => index * step) };
}
