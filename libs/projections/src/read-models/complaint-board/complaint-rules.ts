/**
 * Complaint board rules (READ-MODELS §2, 首问负责制): whoever received a complaint owns it until
 * it is transferred; an escalation brings someone in but leaves the owner. Pure functions of
 * (facts, T, SLA hours): no clock, no database. Facts count when `at <= T` (C1), folded in
 * (`at`, `version`) order whatever order they are given in, so a back-dated fact lands where
 * it belongs in business time. Times are epoch ms; hours are 3,600,000 ms.
 *
 * The due time is recomputed from the SLA hours given (the read model's setting), not read
 * from the events' `dueAt`: it is the filing or the latest reopening + the severity's hours.
 */
import { type ComplaintSlaHours, type ComplaintStatus, defaultComplaintSlaHours } from '@crm/domain';
import type {
  At,
  BoardComplaint,
  BoardRow,
  BoardStats,
  ComplaintAt,
  ComplaintFact,
  FiledFact,
  ResolutionCycle,
} from './complaint-facts';

export * from './complaint-facts';

export const HOUR_MS = 3_600_000;

const byBusinessTime = (a: At, b: At): number => a.at - b.at || a.version - b.version;

function inBusinessOrder(facts: readonly At[]): boolean {
  for (let i = 1; i < facts.length; i++) if (byBusinessTime(facts[i - 1], facts[i]) > 0) return false;
  return true;
}

/**
 * The facts known at T in business order, from the first filing on. Steps ordered before the
 * filing, and any second filing, are ignored: a step acts only on a filed complaint.
 */
function history(facts: readonly ComplaintFact[], T: number): { filed: FiledFact; steps: ComplaintFact[] } | null {
  const known = facts.filter((fact) => fact.at <= T);
  // The board reads thousands of complaints, their facts mostly given in business order already.
  if (!inBusinessOrder(known)) known.sort(byBusinessTime);
  const index = known.findIndex((fact) => fact.kind === 'filed');
  if (index === -1) return null;
  const filed = known[index] as FiledFact;
  return { filed, steps: known.slice(index + 1).filter((fact) => fact.kind !== 'filed') };
}

const openStatuses: readonly ComplaintStatus[] = ['filed', 'acknowledged', 'escalated', 'reopened'];

/** The complaint as it stands at T, or null when it was not filed by T. */
export function complaintAt(
  facts: readonly ComplaintFact[],
  T: number,
  slaHours: ComplaintSlaHours = defaultComplaintSlaHours,
): ComplaintAt | null {
  const known = history(facts, T);
  if (!known) return null;
  const { filed, steps } = known;
  const slaMs = slaHours[filed.severity] * HOUR_MS;
  let status: ComplaintStatus = 'filed';
  let owner = filed.receivedBy;
  let escalationLevel = 0;
  let reopenCount = 0;
  let dueAt = filed.at + slaMs;
  let resolvedAt: number | null = null;
  for (const step of steps) {
    if (step.kind === 'transferred') owner = step.to;
    else if (step.kind !== 'filed') status = step.kind;
    if (step.kind === 'escalated') escalationLevel += 1;
    if (step.kind === 'resolved') resolvedAt = step.at;
    if (step.kind === 'reopened') {
      reopenCount += 1;
      dueAt = step.at + slaMs;
      resolvedAt = null;
    }
  }
  const open = openStatuses.includes(status);
  // A closing without a resolve cannot come from the decider; its clock then stops at T.
  const clockAt = open ? T : (resolvedAt ?? T);
  const breached = clockAt > dueAt;
  return {
    status,
    severity: filed.severity,
    category: filed.category,
    channel: filed.channel,
    firstResponder: filed.receivedBy,
    owner,
    escalationLevel,
    reopenCount,
    filedAt: filed.at,
    dueAt,
    open,
    ageHours: Math.floor((T - filed.at) / HOUR_MS),
    breached,
    overdueHours: breached ? Math.floor((clockAt - dueAt) / HOUR_MS) : 0,
  };
}

/**
 * Each cycle (the filing or a reopening, to the next resolve) resolved at or before T, in
 * order. A second resolve within one cycle cannot come from the decider and is ignored.
 */
export function resolutionCycles(
  facts: readonly ComplaintFact[],
  T: number,
  slaHours: ComplaintSlaHours = defaultComplaintSlaHours,
): ResolutionCycle[] {
  const known = history(facts, T);
  if (!known) return [];
  const slaMs = slaHours[known.filed.severity] * HOUR_MS;
  const cycles: ResolutionCycle[] = [];
  let startedAt: number | null = known.filed.at;
  for (const step of known.steps) {
    if (step.kind === 'reopened') startedAt = step.at;
    if (step.kind === 'resolved' && startedAt !== null) {
      const dueAt = startedAt + slaMs;
      cycles.push({
        startedAt,
        dueAt,
        resolvedAt: step.at,
        hoursToResolve: (step.at - startedAt) / HOUR_MS,
        withinSla: step.at <= dueAt,
      });
      startedAt = null;
    }
  }
  return cycles;
}

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;

/** Stats over every resolution cycle and every closing of the complaints given, as of T. */
export function boardStats(
  complaints: readonly BoardComplaint[],
  T: number,
  slaHours: ComplaintSlaHours = defaultComplaintSlaHours,
): BoardStats {
  const cycles = complaints.flatMap(({ facts }) => resolutionCycles(facts, T, slaHours));
  const satisfactions = complaints.flatMap(({ facts }) => {
    const known = history(facts, T);
    if (!known) return [];
    return known.steps.flatMap((step) =>
      step.kind === 'closed' && typeof step.satisfaction === 'number' ? [step.satisfaction] : [],
    );
  });
  return {
    meanHoursToResolve: mean(cycles.map((cycle) => cycle.hoursToResolve)),
    slaAttainment: cycles.length === 0 ? null : cycles.filter((cycle) => cycle.withinSla).length / cycles.length,
    meanSatisfaction: mean(satisfactions),
  };
}

/** Code-unit order, as SQL `COLLATE "C"` (never localeCompare). */
export const codeUnitOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Board order: dueAt, then customerId, then complaintId. */
export function compareBoardRows(
  a: Pick<BoardRow, 'dueAt' | 'customerId' | 'complaintId'>,
  b: Pick<BoardRow, 'dueAt' | 'customerId' | 'complaintId'>,
): number {
  return a.dueAt - b.dueAt || codeUnitOrder(a.customerId, b.customerId) || codeUnitOrder(a.complaintId, b.complaintId);
}

export function sortBoard<R extends Pick<BoardRow, 'dueAt' | 'customerId' | 'complaintId'>>(rows: readonly R[]): R[] {
  return [...rows].sort(compareBoardRows);
}

/** The open complaints at T, as board rows in board order. */
export function openBoard(
  complaints: readonly BoardComplaint[],
  T: number,
  slaHours: ComplaintSlaHours = defaultComplaintSlaHours,
): BoardRow[] {
  const rows = complaints.flatMap(({ customerId, complaintId, facts }) => {
    const complaint = complaintAt(facts, T, slaHours);
    return complaint?.open ? [{ customerId, complaintId, ...complaint }] : [];
  });
  return sortBoard(rows);
}
