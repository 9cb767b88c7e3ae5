import { runAppendBenchmark } from './append';
import { runAuditBenchmark } from './audit';
import { runCommandsBenchmark } from './commands';
import { runFuzzBenchmark } from './fuzz';
import { runProjectionsBenchmark } from './projections';
import { runSubscriptionsBenchmark } from './subscriptions';

/** `npm run bench` runs every benchmark; `npm run bench -- append` runs the one named. */
const benchmarks: Record<string, () => Promise<void>> = {
  append: runAppendBenchmark,
  audit: runAuditBenchmark,
  commands: runCommandsBenchmark,
  fuzz: runFuzzBenchmark,
  projections: runProjectionsBenchmark,
  subscriptions: runSubscriptionsBenchmark,
};

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const unknown = names.filter((n) => !(n in benchmarks));
  if (unknown.length > 0) throw new Error(`Unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}`);
  for (const name of names.length > 0 ? names : Object.keys(benchmarks)) await benchmarks[name]();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
