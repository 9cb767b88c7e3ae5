import { generateKeyPairSync } from 'node:crypto';
import { checkpointProblem, checkpointStatement, sequenceProblem, signCheckpoint } from './signed-checkpoint';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const fields = { sequence: 1, position: 120, streams: 3, root: 'aa'.repeat(32), previous: '', createdAt: '2026-12-03T06:00:00.000Z' };

describe('signed checkpoints', () => {
  it('signs a statement anyone can rebuild from the fields', () => {
    expect(checkpointStatement(fields).toString()).toBe(`crm-checkpoint/1\nsequence 1\nposition 120\nstreams 3\nroot ${'aa'.repeat(32)}\nprevious \ncreatedAt 2026-12-03T06:00:00.000Z`);
    expect(checkpointProblem(signCheckpoint(fields, privateKey), publicKey)).toBeNull();
  });

  it('names a changed field, a changed digest and a stranger key', () => {
    const signed = signCheckpoint(fields, privateKey);
    expect(checkpointProblem({ ...signed, position: 121 }, publicKey)).toBe('has a signature that does not match its fields');
    expect(checkpointProblem({ ...signed, digest: 'bb'.repeat(32) }, publicKey)).toBe('has a digest that does not match its statement');
    expect(checkpointProblem(signed, generateKeyPairSync('ed25519').publicKey)).toMatch(/^is signed by key [0-9a-f]{16}, not by [0-9a-f]{16}$/);
  });

  it('chains each checkpoint to the one before it', () => {
    const first = signCheckpoint(fields, privateKey);
    const second = signCheckpoint({ ...fields, sequence: 2, position: 130, previous: first.digest }, privateKey);
    expect(sequenceProblem(undefined, first)).toBeNull();
    expect(sequenceProblem(first, second)).toBeNull();
    expect(sequenceProblem(undefined, second)).toMatch(/checkpoint 1 is missing/);
    expect(sequenceProblem(first, { ...second, previous: 'cc' })).toMatch(/^names cc as the one before it/);
    expect(sequenceProblem(second, signCheckpoint({ ...fields, sequence: 3, position: 100, previous: second.digest }, privateKey))).toMatch(/below the 130/);
  });
});
