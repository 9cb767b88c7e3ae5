import type { Command } from '../command';
import { openCliRuntime } from '../open-runtime';

export const checkpointCommand: Command = {
  name: 'checkpoint',
  synopsis: '',
  summary: "sign a checkpoint over every stream's head now",
  description: [
    "Commits to every stream's head (version and hash link) at the end of what is written, as a Merkle root",
    'signed with the signing key (CRM_SIGNING_KEY, or the data folder\'s key file) and chained to the checkpoint',
    'before it. When nothing was written since the latest checkpoint, it says so and makes none. Prints the checkpoint.',
  ].join('\n'),
  arguments: [],
  async run() {
    const { runtime } = await openCliRuntime();
    try {
      const { checkpoint, created } = await runtime.evidence.checkpoint();
      if (!checkpoint) process.stdout.write('nothing is written yet: no checkpoint made\n');
      else {
        process.stdout.write(`${created ? 'made' : 'nothing written since'} checkpoint ${checkpoint.sequence}: position ${checkpoint.position}, ${checkpoint.streams} streams\n`);
        process.stdout.write(`${JSON.stringify(checkpoint)}\n`);
      }
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
