// Reading an element that has to be there (an index computed in range): a bad index is a bug, so it throws
// rather than carrying `undefined` on into a deterministic simulation.

/** The element at `i` of `items`; throws a RangeError when `i` is not an index of it. */
export function at<T>(items: readonly T[], i: number): T {
  if (!Number.isInteger(i) || i < 0 || i >= items.length) throw new RangeError(`index ${i} is outside a list of ${items.length}`);
  return items[i] as T;
}
