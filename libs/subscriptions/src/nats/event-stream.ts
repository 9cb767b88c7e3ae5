import { nanos, StorageType, type JetStreamManager, type NatsError } from 'nats';
import { positionHeader, subjectPrefix } from './event-message';

/** Where the stream stands: its last sequence, and the `$all` position of its last message (null when it holds none). */
export interface StreamHead {
  sequence: number;
  position: number | null;
}

/** How long JetStream remembers a message id: a publish tried again within it is stored once. */
const duplicateWindowMs = 2 * 60_000;

/** Creates the stream of `$all` when it does not exist yet (an existing one keeps its operator's settings); answers its head. */
export async function openEventStream(jsm: JetStreamManager, name: string): Promise<StreamHead> {
  let info;
  try {
    info = await jsm.streams.info(name);
  } catch (error) {
    if ((error as NatsError).api_error?.err_code !== streamNotFound) throw error;
    info = await jsm.streams.add({ name, subjects: [`${subjectPrefix}.>`], storage: StorageType.File, duplicate_window: nanos(duplicateWindowMs) });
  }
  const sequence = info.state.last_seq;
  if (info.state.messages === 0) return { sequence, position: null };
  try {
    // The last message there is (one deleted by hand leaves the last sequence unused).
    const last = await jsm.streams.getMessage(name, { last_by_subj: `${subjectPrefix}.>` });
    const position = Number(last.header.get(positionHeader));
    return { sequence, position: Number.isInteger(position) && position > 0 ? position : null };
  } catch (error) {
    if ((error as NatsError).api_error?.err_code === messageNotFound) return { sequence, position: null };
    throw error;
  }
}

const streamNotFound = 10059;
const messageNotFound = 10037;
