import { progressLine, RewrapProgress } from './rewrap-progress';

const sink = (isTTY: boolean) => {
  const written: string[] = [];
  return { written, out: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream };
};

describe("a rotation's progress", () => {
  it('shows keys rewrapped of those found, a bar and the rate', () => {
    expect(progressLine({ rewrapped: 500, total: 2000 }, 2000)).toBe(`keys [########......................] 500/2000 25.0% 250 keys/s`);
    expect(progressLine({ rewrapped: 0, total: 0 }, 0)).toBe(`keys [${'#'.repeat(30)}] 0/0 100.0% 0 keys/s`);
  });

  it('writes a line a second at most to a pipe, and the last one', () => {
    let now = 0;
    const { out, written } = sink(false);
    const progress = new RewrapProgress(out, () => now);
    progress.update({ rewrapped: 0, total: 3 });
    now = 500;
    progress.update({ rewrapped: 1, total: 3 });
    now = 1000;
    progress.update({ rewrapped: 2, total: 3 });
    progress.update({ rewrapped: 3, total: 3 });
    progress.done();
    expect(written.map((line) => line.split(' ')[2])).toEqual(['0/3', '2/3', '3/3']);
  });

  it('does not write the last line twice', () => {
    const { out, written } = sink(false);
    const progress = new RewrapProgress(out, () => 0);
    progress.update({ rewrapped: 0, total: 0 });
    progress.done();
    expect(written).toHaveLength(1);
  });

  it('redraws one line in place on a terminal', () => {
    const { out, written } = sink(true);
    const progress = new RewrapProgress(out, () => 1000);
    progress.update({ rewrapped: 1, total: 2 });
    progress.update({ rewrapped: 2, total: 2 });
    progress.done();
    expect(written.every((text) => text.startsWith('\r\x1b[2K'))).toBe(true);
    expect(written.at(-1)).toMatch(/2\/2 100\.0% .*\n$/);
  });
});
