import { createHash } from 'node:crypto';
import { inclusionProof, inTreeOrder, leafHash, merkleRoot, provesInclusion, type StreamHead } from './merkle';

const sha = (...parts: Buffer[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();

/** RFC 9162's recursive definition, written apart from the bottom-up one under test. */
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(Buffer.from([1]), mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

const heads = (n: number): StreamHead[] => Array.from({ length: n }, (_, i) => ({ streamId: `customer-${String(i).padStart(3, '0')}`, version: i, hash: 'ab'.repeat(32) }));

describe('Merkle tree over stream heads', () => {
  it('hashes a leaf as sha256(0x00 || streamId \\n version \\n hash)', () => {
    expect(leafHash({ streamId: 'customer-1', version: 7, hash: 'ff' }).toString('hex')).toBe(sha(Buffer.from([0]), Buffer.from('customer-1\n7\nff')).toString('hex'));
  });

  it('gives the root of RFC 9162 for 0 to 33 leaves', () => {
    for (let n = 0; n <= 33; n++) expect(merkleRoot(heads(n))).toBe(mth(heads(n).map(leafHash)).toString('hex'));
  });

  it('proves every leaf of trees of 1 to 33 leaves, and nothing else', () => {
    for (let n = 1; n <= 33; n++) {
      const tree = heads(n);
      const root = merkleRoot(tree);
      tree.forEach((head, i) => {
        const proof = inclusionProof(tree, i);
        expect(provesInclusion(head, i, n, proof, root)).toBe(true);
        expect(provesInclusion({ ...head, version: head.version + 1 }, i, n, proof, root)).toBe(false);
        if (n > 1) expect(provesInclusion(head, (i + 1) % n, n, proof, root)).toBe(false);
      });
    }
  });

  it('orders stream ids by their UTF-8 bytes', () => {
    expect(inTreeOrder([{ streamId: 'é', version: 0, hash: '' }, { streamId: 'z', version: 0, hash: '' }, { streamId: 'Z', version: 0, hash: '' }]).map((h) => h.streamId)).toEqual(['Z', 'z', 'é']);
  });
});
