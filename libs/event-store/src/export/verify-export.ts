import type { KeyObject } from 'node:crypto';
import type { ExportScope } from './export-format';
import { ExportChecker, type ExportFinding } from './export-checker';

export interface ExportReport {
  ok: boolean;
  scope: ExportScope | null;
  events: number;
  checkpoints: number;
  /** Checkpoints whose root was recomputed from the file's events (a complete export), or proved for the stream (a customer's). */
  checkpointsMatched: number;
  findings: ExportFinding[];
  /** Findings beyond the ones listed. */
  moreFindings: number;
}

const listedFindings = 1000;

/** An export checked whole, with nothing but the file and the public key (ExportChecker). */
export async function verifyExport(lines: AsyncIterable<string>, publicKey: KeyObject, onEvent?: (events: number) => void): Promise<ExportReport> {
  const checker = new ExportChecker(publicKey);
  const findings: ExportFinding[] = [];
  let more = 0;
  const keep = (found: readonly ExportFinding[]) => {
    for (const finding of found) findings.length < listedFindings ? findings.push(finding) : more++;
  };
  for await (const text of lines) {
    const { line, findings: found } = checker.line(text);
    keep(found);
    if (checker.scope === null) break;
    if (line && 'event' in line) onEvent?.(checker.events);
  }
  keep(checker.finish());
  return {
    ok: findings.length === 0,
    scope: checker.scope,
    events: checker.events,
    checkpoints: checker.checkpoints.length,
    checkpointsMatched: checker.matched,
    findings,
    moreFindings: more,
  };
}
