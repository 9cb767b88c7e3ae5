/** One line of progress on stderr, rewritten in place on a terminal. */
export function progress(label: string, done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const line = `${label.padEnd(34)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}${done === total ? '\n' : ''}`);
  else if (done === total || done % Math.max(1, Math.floor(total / 4)) === 0) process.stderr.write(`${line}\n`);
}

/** Progress in whole percents of `share` (0-1), drawn only when the percent moves: pollers report the same share many times. */
export function percentProgress(label: string): (share: number) => void {
  let shown = -1;
  return (share) => {
    const percent = Math.max(0, Math.min(100, Math.floor(share * 100)));
    if (percent !== shown) progress(label, (shown = percent), 100);
  };
}
