import { createHash } from 'node:crypto';

/** One stream's head as a checkpoint commits to it. */
export interface StreamHead {
  streamId: string;
  version: number;
  /** The head event's chain link (hex). */
  hash: string;
}

/**
 * A Merkle tree over stream heads as RFC 9162 (Certificate Transparency) builds
 * one: leaves in stream-id byte order, a leaf hashed as sha256(0x00 || leaf), a
 * node as sha256(0x01 || left || right), the left subtree the largest power of
 * two below n. The leaf is `streamId \n version \n hash`; a stream id holds no
 * control character, so the split is unambiguous.
 */
export function leafHash(head: StreamHead): Buffer {
  return sha256(Buffer.from([0]), Buffer.from(`${head.streamId}\n${head.version}\n${head.hash}`, 'utf8'));
}

/** Heads in the tree's order: stream ids compared as UTF-8 bytes (SQL's `collate "C"`). */
export function inTreeOrder(heads: readonly StreamHead[]): StreamHead[] {
  return [...heads].sort((a, b) => Buffer.compare(Buffer.from(a.streamId, 'utf8'), Buffer.from(b.streamId, 'utf8')));
}

/** The root (hex) of heads already in tree order; sha256 of nothing for none. */
export function merkleRoot(heads: readonly StreamHead[]): string {
  if (heads.length === 0) return sha256().toString('hex');
  let level = heads.map(leafHash);
  // Bottom-up with the odd node carried up: the same tree as RFC 9162's recursive split.
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i], level[i + 1]));
    if (level.length % 2 === 1) next.push(level[level.length - 1]);
    level = next;
  }
  return level[0].toString('hex');
}

/** The audit path of leaf `index` among `heads` (in tree order), hex, bottom first (RFC 9162 §2.1.3.1). */
export function inclusionProof(heads: readonly StreamHead[], index: number): string[] {
  const path: Buffer[] = [];
  let level = heads.map(leafHash);
  let at = index;
  while (level.length > 1) {
    const sibling = at % 2 === 0 ? at + 1 : at - 1;
    if (sibling < level.length) path.push(level[sibling]);
    const next: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i], level[i + 1]));
    if (level.length % 2 === 1) next.push(level[level.length - 1]);
    level = next;
    at = Math.floor(at / 2);
  }
  return path.map((node) => node.toString('hex'));
}

/** Whether `head`, leaf `index` of `size`, lies under `root` by `proof` (RFC 9162 §2.1.3.2). */
export function provesInclusion(head: StreamHead, index: number, size: number, proof: readonly string[], root: string): boolean {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash(head);
  for (const hex of proof) {
    const p = Buffer.from(hex, 'hex');
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && r.toString('hex') === root;
}

function nodeHash(left: Buffer, right: Buffer): Buffer {
  return sha256(Buffer.from([1]), left, right);
}

function sha256(...parts: Buffer[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}
