/**
 * Instants compared as instants, not as text: `occurredAt` may carry any zone offset.
 * On a tie the later event in the stream counts as the latest.
 */
export function isAtOrAfter(at: string, than: string): boolean {
  return Date.parse(at) >= Date.parse(than);
}

export function latestOf(current: string | null, at: string): string {
  return current === null || isAtOrAfter(at, current) ? at : current;
}

export function earliestOf(current: string | null, at: string): string {
  return current === null || isAtOrAfter(current, at) ? at : current;
}
