/** Lines written to a pipe or a file: one a second at most, and the last. */
const pipeEveryMs = 1000;

/** One line of a rotation's progress: keys rewrapped of those found, a bar, keys per second. */
export function progressLine({ rewrapped, total }: { rewrapped: number; total: number }, elapsedMs: number): string {
  const share = total === 0 ? 1 : Math.min(1, rewrapped / total);
  const filled = Math.round(share * 30);
  const rate = rewrapped / Math.max(elapsedMs / 1000, 0.001);
  return `keys [${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${rewrapped}/${total} ${(share * 100).toFixed(1)}% ${Math.round(rate)} keys/s`;
}

/** The rotation's progress: redrawn in place on a terminal, a line a second elsewhere. */
export class RewrapProgress {
  private readonly started: number;
  private printedAt = -Infinity;
  private last?: { rewrapped: number; total: number };
  /** Whether the last state's line is written (on a pipe). */
  private lastPrinted = false;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  update(progress: { rewrapped: number; total: number }): void {
    this.last = progress;
    this.lastPrinted = false;
    const now = this.now();
    if (this.out.isTTY) this.out.write(`\r\x1b[2K${progressLine(progress, now - this.started)}`);
    else if (now - this.printedAt >= pipeEveryMs) {
      this.out.write(`${progressLine(progress, now - this.started)}\n`);
      this.printedAt = now;
      this.lastPrinted = true;
    }
  }

  /** The last state, on a line of its own (once). */
  done(): void {
    if (!this.last || this.lastPrinted) return;
    const line = progressLine(this.last, this.now() - this.started);
    this.out.write(this.out.isTTY ? `\r\x1b[2K${line}\n` : `${line}\n`);
  }
}
