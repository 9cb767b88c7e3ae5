/**
 * Updates name only what they change: an absent key keeps the current value. A null clears
 * it, and is also how personal data erased from a stored event reads (DESIGN.md §8).
 */
export function updated<T>(given: T | undefined, current: T): T {
  return given === undefined ? current : given;
}

/** Like `updated`, for a value the view reshapes (a list or a nested record). */
export function updatedWith<T, V>(given: T | null | undefined, current: V | null, toView: (value: T) => V): V | null {
  if (given === undefined) return current;
  return given === null ? null : toView(given);
}

/** Personal data read from a stored event, which may have been erased to null since. */
export function erasable(value: string | null | undefined): string | null {
  return value ?? null;
}
