import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * The lines of a file, read as they are asked for. readline emits lines as
 * soon as it exists and its iterator keeps only those emitted after it was
 * asked for: made here lazily, no line is lost while the reader awaits
 * something else first.
 */
export async function* fileLines(path: string): AsyncIterable<string> {
  yield* createInterface({ input: createReadStream(path), crlfDelay: Infinity });
}
