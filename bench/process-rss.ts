import { readFileSync } from 'node:fs';

/** Another process's resident set (VmRSS of /proc/<pid>/status), in MiB. */
export function residentMiB(pid: number): number {
  const rss = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!rss) throw new Error(`/proc/${pid}/status has no VmRSS: the process is gone`);
  return Number(rss[1]) / 1024;
}

export interface RssTrace {
  atStartMiB: number;
  peakMiB: number;
  atEndMiB: number;
  /** At each tenth of the work done (the caller says when), to show whether it grows with the work. */
  byTenthMiB: number[];
}

/**
 * Samples a process's resident set every `everyMs` for the peak, and at each tenth of the
 * work that `progress(share)` reports; `stop()` (once or more) answers the trace.
 */
export function traceRss(pid: number, everyMs = 200): { progress(share: number): void; stop(): RssTrace } {
  const atStartMiB = residentMiB(pid);
  let peakMiB = atStartMiB;
  const byTenthMiB: number[] = [];
  const sample = () => {
    const now = residentMiB(pid);
    peakMiB = Math.max(peakMiB, now);
    return now;
  };
  const timer = setInterval(sample, everyMs);
  let trace: RssTrace | undefined;
  const round = (mib: number) => Math.round(mib * 10) / 10;
  return {
    progress: (share) => {
      while (byTenthMiB.length < Math.min(10, Math.floor(share * 10))) byTenthMiB.push(round(sample()));
    },
    stop: () => {
      if (trace) return trace;
      clearInterval(timer);
      const atEndMiB = sample();
      return (trace = { atStartMiB: round(atStartMiB), peakMiB: round(peakMiB), atEndMiB: round(atEndMiB), byTenthMiB });
    },
  };
}
