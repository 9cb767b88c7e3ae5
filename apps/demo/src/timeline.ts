/** One HTTP write of the demo, in the order its customer needs it. */
export interface DemoRequest {
  path: string;
  body: Record<string, unknown>;
}

/**
 * A customer's facts, written in any order and sent in business-time order: each part of the
 * story (orders, visits, complaints...) is told on its own. Facts at the same instant keep the
 * order they were added in, so a step never comes before what it follows. Nothing happens after
 * the end: a fact dated later is not recorded, and `add` says so.
 */
export class Timeline {
  private readonly facts: { at: number; request: DemoRequest }[] = [];

  constructor(private readonly end: number) {}

  add(at: number, path: string, body: Record<string, unknown>): boolean {
    if (at > this.end) return false;
    this.facts.push({ at, request: { path, body: { ...body, occurredAt: new Date(at).toISOString() } } });
    return true;
  }

  requests(): DemoRequest[] {
    // Array.prototype.sort is stable.
    return [...this.facts].sort((a, b) => a.at - b.at).map((fact) => fact.request);
  }
}
