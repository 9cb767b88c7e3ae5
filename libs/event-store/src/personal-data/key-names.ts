/**
 * The rows of `crm_stream_keys` are named after what their key seals: a stream's own personal
 * data under the stream's id; a data subject's own on that stream (a contact person of the
 * customer) under the stream's id and the subject's name joined by U+001F, a character no stream
 * id holds (validation.ts refuses control characters). So every key of a stream is found from
 * its id, a subject's key is bound to its stream (the master key's wrapping takes the row's name
 * as additional data), and one table, one rotation and one export carry them all.
 */
const separator = '\u001f';

/** In SQL: the rows of a stream's subjects, as the partial index `crm_stream_keys_subjects` finds them (`$1`: the stream id). */
export const subjectKeysOfStream = `strpos(stream_id, chr(31)) > 0 and split_part(stream_id, chr(31), 1) = $1`;

export function keyName(streamId: string, subject?: string): string {
  return subject === undefined ? streamId : `${streamId}${separator}${subject}`;
}

/** The stream a key row belongs to, whether its own key or one of its subjects'. */
export function streamOfKey(name: string): string {
  const at = name.indexOf(separator);
  return at < 0 ? name : name.slice(0, at);
}

/** Whether the row is a data subject's key rather than a stream's own. */
export function isSubjectKey(name: string): boolean {
  return name.includes(separator);
}
