import { barLine, ProgressBars } from './progress-bars';

describe('the rebuild progress bars', () => {
  it('show position of target, share, events per second and the time left', () => {
    expect(barLine({ name: 'lifecycle', from: 0, position: 2_500, target: 10_000 }, 12, 5_000)).toBe(
      'lifecycle    [########......................] 2500/10000 25.0% 500 events/s, 15 s left',
    );
    expect(barLine({ name: 'lifecycle', from: 0, position: 0, target: 10_000 }, 9, 100)).toMatch(/0\/10000 0\.0% 0 events\/s, starting$/);
    expect(barLine({ name: 'lifecycle', from: 0, position: 10_200, target: 10_000 }, 9, 2_000)).toMatch(/\[#{30}\] 10000\/10000 100\.0% 5100 events\/s, switching over$/);
    expect(barLine({ name: 'lifecycle', from: 0, position: 10_000, target: 10_000, tookMs: 125_000 }, 9, 0)).toMatch(/80 events\/s, done in 2 min 05 s$/);
    expect(barLine({ name: 'lifecycle', from: 0, position: 40, target: 100, tookMs: 1_000, failed: true }, 9, 0)).toMatch(/40\/100 40\.0% 40 events\/s, failed after 1\.0 s$/);
  });

  it('write a line per bar and second at most, and the last one once, when not on a terminal', () => {
    let now = 0;
    const lines: string[] = [];
    const out = { isTTY: false, write: (text: string) => lines.push(...text.trimEnd().split('\n')) } as unknown as NodeJS.WriteStream;
    const bars = new ProgressBars(out, [{ name: 'commerce', position: 0, targetPosition: 100 }], () => now);
    bars.draw();
    now = 500;
    bars.update('commerce', 50, 100);
    bars.draw();
    now = 1_000;
    bars.draw();
    now = 1_200;
    bars.finish('commerce');
    bars.draw();
    bars.draw();
    expect(lines.map((l) => l.replace(/ +\[.*\] /, ' '))).toEqual([
      'commerce 0/100 0.0% 0 events/s, starting',
      'commerce 50/100 50.0% 50 events/s, 1.0 s left',
      'commerce 100/100 100.0% 83 events/s, done in 1.2 s',
    ]);
  });
});
