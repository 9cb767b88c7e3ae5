import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** What a checkpoint commits to: every stream's head at a global position, chained to the checkpoint before it. */
export interface CheckpointFields {
  /** 1, 2, 3 … without gaps. */
  sequence: number;
  /** Every event at or below this `$all` position is covered. */
  position: number;
  /** Streams under the root. */
  streams: number;
  /** Merkle root (hex) of the streams' heads (merkle.ts). */
  root: string;
  /** `digest` of the checkpoint before (hex); '' for the first. */
  previous: string;
  /** ISO instant. */
  createdAt: string;
}

export interface SignedCheckpoint extends CheckpointFields {
  /** Names the signing key: a digest of its public key (hex). */
  keyId: string;
  /** Ed25519 over `checkpointStatement(fields)`, base64. */
  signature: string;
  /** sha256 of the statement (hex): what the next checkpoint names as `previous`. */
  digest: string;
}

/** The exact bytes signed, one field a line, so that anyone can rebuild them from the fields. */
export function checkpointStatement(c: CheckpointFields): Buffer {
  return Buffer.from(
    ['crm-checkpoint/1', `sequence ${c.sequence}`, `position ${c.position}`, `streams ${c.streams}`, `root ${c.root}`, `previous ${c.previous}`, `createdAt ${c.createdAt}`].join('\n'),
    'utf8',
  );
}

export function signCheckpoint(fields: CheckpointFields, privateKey: KeyObject): SignedCheckpoint {
  const statement = checkpointStatement(fields);
  return {
    ...fields,
    keyId: keyIdOf(createPublicKey(privateKey)),
    signature: sign(null, statement, privateKey).toString('base64'),
    digest: createHash('sha256').update(statement).digest('hex'),
  };
}

/** What is wrong with a checkpoint on its own (its signature, its digest), or null. */
export function checkpointProblem(checkpoint: SignedCheckpoint, publicKey: KeyObject): string | null {
  const statement = checkpointStatement(checkpoint);
  if (checkpoint.keyId !== keyIdOf(publicKey)) return `is signed by key ${checkpoint.keyId}, not by ${keyIdOf(publicKey)}`;
  if (!verify(null, statement, publicKey, Buffer.from(checkpoint.signature, 'base64'))) return 'has a signature that does not match its fields';
  if (createHash('sha256').update(statement).digest('hex') !== checkpoint.digest) return 'has a digest that does not match its statement';
  return null;
}

/** What is wrong with the link from `previous` to `next`, or null. */
export function sequenceProblem(previous: SignedCheckpoint | undefined, next: SignedCheckpoint): string | null {
  const expected = previous ? previous.sequence + 1 : 1;
  if (next.sequence !== expected) return `follows checkpoint ${previous?.sequence ?? 'none'}: checkpoint ${expected} is missing`;
  if (next.previous !== (previous?.digest ?? '')) return `names ${next.previous || 'no checkpoint'} as the one before it, not ${previous?.digest ?? 'none'}`;
  if (previous && next.position < previous.position) return `covers position ${next.position}, below the ${previous.position} of the checkpoint before it`;
  return null;
}

/** A key's id: the first 16 hex digits of sha256 over its SPKI DER form. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}
