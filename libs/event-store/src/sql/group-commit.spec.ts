import { WrongExpectedVersionError } from '../errors';
import type { AppendResult } from '../event-store';
import { GroupCommit, type PreparedAppend } from './group-commit';

/** A writer that records the batches it is given and answers when told to. */
function recordingWriter() {
  const batches: string[][] = [];
  const pending: (() => void)[] = [];
  const result = (append: PreparedAppend): AppendResult => ({ streamId: append.streamId, streamVersion: 0, events: [] });
  const later = <T>(value: () => T) => new Promise<T>((resolve) => pending.push(() => resolve(value())));
  const commit = new GroupCommit(
    (append) => {
      batches.push([append.streamId]);
      return later(() => result(append));
    },
    (appends) => {
      batches.push(appends.map((a) => a.streamId));
      return later(() =>
        appends.map((a) => (a.streamId.startsWith('stale') ? new WrongExpectedVersionError(a.streamId, 0, 1) : result(a))),
      );
    },
  );
  const settle = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    while (pending.length > 0) pending.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { commit, batches, settle };
}

const append = (streamId: string): PreparedAppend => ({ streamId, expected: 'any', events: [] });

describe('GroupCommit', () => {
  it('sends the appends of one event-loop turn as one batch, not the first one alone', async () => {
    const { commit, batches, settle } = recordingWriter();
    const results = ['a', 'b', 'c', 'd'].map((stream) => commit.submit(append(stream)));
    await settle();
    await Promise.all(results);
    expect(batches).toEqual([['a', 'b', 'c', 'd']]);
  });

  it('writes a lone append by the single-stream statement', async () => {
    const { commit, batches, settle } = recordingWriter();
    const result = commit.submit(append('a'));
    await settle();
    await expect(result).resolves.toMatchObject({ streamId: 'a' });
    expect(batches).toEqual([['a']]);
  });

  it('keeps appends to one stream in order, in separate batches', async () => {
    const { commit, batches, settle } = recordingWriter();
    const results = ['a', 'b', 'a', 'a'].map((stream) => commit.submit(append(stream)));
    for (let i = 0; i < 4; i++) await settle();
    await Promise.all(results);
    expect(batches).toEqual([['a', 'b'], ['a'], ['a']]);
  });

  it('fails only the append whose version check failed', async () => {
    const { commit, settle } = recordingWriter();
    const ok = commit.submit(append('ok'));
    const stale = commit.submit(append('stale')).catch((error: unknown) => error);
    await settle();
    await expect(ok).resolves.toMatchObject({ streamId: 'ok' });
    expect(await stale).toBeInstanceOf(WrongExpectedVersionError);
  });
});
