/** What a bar shows: a build from where it stood when asked (`from`) to its target position. */
interface Bar {
  name: string;
  from: number;
  position: number;
  target: number;
  /** Milliseconds until it was done, or failed. */
  tookMs?: number;
  failed?: boolean;
  /** When its line was last written, and whether its last one was (lines on a pipe). */
  printedAt: number;
  printedDone: boolean;
}

/** Lines written to a pipe or a file: one per bar and second at most, and the last. */
const pipeEveryMs = 1000;

/**
 * One progress bar per rebuild: position of target, events per second, time left. On a
 * terminal the bars are redrawn in place; elsewhere each update is a line of its own.
 */
export class ProgressBars {
  private readonly bars: Bar[];
  private readonly started: number;
  private drawn = false;

  constructor(
    private readonly out: NodeJS.WriteStream,
    builds: readonly { name: string; position: number; targetPosition: number }[],
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
    this.bars = builds.map((b) => ({ name: b.name, from: b.position, position: b.position, target: b.targetPosition, printedAt: -Infinity, printedDone: false }));
  }

  update(name: string, position: number, target: number): void {
    const bar = this.bar(name);
    bar.position = position;
    bar.target = target;
  }

  /** The build is over: switched to (its bar full), or failed where it stood. */
  finish(name: string, failed = false): void {
    const bar = this.bar(name);
    bar.tookMs ??= this.now() - this.started;
    bar.failed = failed;
    if (!failed) bar.position = Math.max(bar.position, bar.target);
  }

  draw(): void {
    const now = this.now();
    const width = Math.max(...this.bars.map((b) => b.name.length));
    if (this.out.isTTY) {
      // Back to the first bar's line, then each line cleared and written again.
      if (this.drawn) this.out.write(`\x1b[${this.bars.length}A`);
      for (const bar of this.bars) this.out.write(`\x1b[2K${barLine(bar, width, now - this.started)}\n`);
    } else {
      for (const bar of this.bars) {
        const done = bar.tookMs !== undefined;
        if (bar.printedDone || (!done && now - bar.printedAt < pipeEveryMs)) continue;
        this.out.write(`${barLine(bar, width, now - this.started)}\n`);
        bar.printedAt = now;
        bar.printedDone = done;
      }
    }
    this.drawn = true;
  }

  private bar(name: string): Bar {
    const bar = this.bars.find((b) => b.name === name);
    if (!bar) throw new Error(`No progress bar for ${name}`);
    return bar;
  }
}

export function barLine(bar: Omit<Bar, 'printedAt' | 'printedDone'>, nameWidth: number, elapsedMs: number): string {
  const share = bar.target === 0 ? 1 : Math.min(1, bar.position / bar.target);
  const filled = Math.round(share * 30);
  const ms = bar.tookMs ?? elapsedMs;
  const rate = (bar.position - bar.from) / Math.max(ms / 1000, 0.001);
  const left =
    bar.tookMs !== undefined
      ? `${bar.failed ? 'failed after' : 'done in'} ${duration(bar.tookMs)}`
      : // At its target it still follows what was appended since, then switches over.
        share === 1
        ? 'switching over'
        : rate > 0
          ? `${duration(((bar.target - bar.position) / rate) * 1000)} left`
          : 'starting';
  const shown = Math.min(bar.position, bar.target);
  return `${bar.name.padEnd(nameWidth)} [${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${shown}/${bar.target} ${(share * 100).toFixed(1)}% ${Math.round(rate)} events/s, ${left}`;
}

function duration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}
