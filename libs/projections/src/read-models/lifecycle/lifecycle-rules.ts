/**
 * Lifecycle stage (READ-MODELS §2, 002's ladder 潜在顾客 → 预期顾客 → 首次购买 → 重复购买 → 客户 →
 * 主动性客户 → 合伙人, with 不合格者 and 停止购买). The stage is a pure function of (facts, T): no
 * clock, no database, so a rebuild gives the same answer and a client whose fourth order of the
 * year ages out is a repeat buyer again without any event. Facts count when `at <= T` (C1) and
 * are folded in (`at`, `version`) order whatever order they come in, so a back-dated fact lands
 * where it belongs in business time.
 *
 * Where the rules are silent:
 * - nps is that of the latest survey carrying one: a survey answered without an NPS (null)
 *   leaves the earlier score standing;
 * - a removed contact's level stops counting for good (the domain gives a removed contact no
 *   further changes), even if a level fact for it is ordered after the removal;
 * - a partnership makes a partner by rule order alone, purchases or not; a churn ends it, and a
 *   purchase winning the customer back does not restore it (a new partnership does);
 * - a purchase back-dated before the registration counts once the customer is registered.
 */
import type { RelationshipLevel } from '@crm/domain';
import type { LifecycleFact, Stage, StageSpan } from './lifecycle-facts';

export * from './lifecycle-facts';
export * from './lifecycle-funnel';

const DAY_MS = 86_400_000;
/** "Within 365 days of T": T - t <= this (inclusive); lapsed when T - last > this (strict). */
const YEAR_MS = 365 * DAY_MS;

const levelRank: Record<RelationshipLevel, number> = { stranger: 0, acquaintance: 1, friend: 2, confidant: 3 };

const byBusinessTime = (a: LifecycleFact, b: LifecycleFact): number => a.at - b.at || a.version - b.version;

/** The stage at T of facts already in C1 order, or null when the customer is not in C2 at T. */
function stageOfOrdered(ordered: readonly LifecycleFact[], T: number): Stage | null {
  let registered = false;
  let erased = false;
  let qualification: 'qualified' | 'disqualified' | null = null;
  let buys = 0;
  let last = -Infinity;
  let inYear = 0;
  let churned = false;
  let partner = false;
  let referral = false;
  let nps: number | null = null;
  let accountLevel: RelationshipLevel = 'stranger';
  const contactLevels = new Map<string, RelationshipLevel>();
  const removedContacts = new Set<string>();

  for (const fact of ordered) {
    if (fact.at > T) break;
    switch (fact.kind) {
      case 'registered':
        registered = true;
        break;
      case 'erased':
        erased = true;
        break;
      case 'qualified':
      case 'disqualified':
        qualification = fact.kind; // the latest wins: a requalification clears a disqualification
        break;
      case 'purchase':
        buys += 1;
        last = fact.at;
        if (T - fact.at <= YEAR_MS) inYear += 1;
        churned = false; // a purchase after the churn, in business time, wins the customer back
        break;
      case 'churned':
        churned = true;
        partner = false; // a churn ends the partnership
        break;
      case 'partnership':
        partner = true;
        break;
      case 'relationship-level':
        if (fact.contactId === null) accountLevel = fact.level;
        else contactLevels.set(fact.contactId, fact.level);
        break;
      case 'contact-removed':
        removedContacts.add(fact.contactId);
        break;
      case 'referral':
        referral = true;
        break;
      case 'survey':
        if (fact.nps !== null) nps = fact.nps;
        break;
    }
  }

  if (!registered || erased) return null;
  if (qualification === 'disqualified') return 'disqualified';
  if (churned) return 'lapsed';
  if (buys > 0 && T - last > YEAR_MS) return 'lapsed';
  if (partner) return 'partner';
  let level = levelRank[accountLevel];
  for (const [contactId, contactLevel] of contactLevels) {
    if (!removedContacts.has(contactId)) level = Math.max(level, levelRank[contactLevel]);
  }
  const client = buys >= 2 && (inYear >= 4 || level >= levelRank.friend);
  if (client && (referral || (nps !== null && nps >= 9))) return 'advocate';
  if (client) return 'client';
  if (buys >= 2) return 'repeat-buyer';
  if (buys === 1) return 'first-time-buyer';
  if (qualification === 'qualified') return 'prospect';
  return 'suspect';
}

/**
 * The customer's stage at T (first matching rule wins), or null when the customer is not in
 * the C2 population at T: not registered at or before T, or erased at or before T.
 */
export function stageAt(facts: readonly LifecycleFact[], T: number): Stage | null {
  return stageOfOrdered([...facts].sort(byBusinessTime), T);
}

/**
 * The stages the customer went through up to T. The stage can change only at a fact's time or
 * when a purchase leaves the year (or the last one makes the customer lapse), at purchase time
 * + 365 days + 1 ms; evaluated at each of those instants <= T, equal neighbours merged. An
 * instant before the registration (a back-dated fact) begins nothing. Empty when the customer
 * is not in C2 at T, erased included.
 */
export function stageHistory(facts: readonly LifecycleFact[], T: number): StageSpan[] {
  const ordered = [...facts].sort(byBusinessTime);
  if (stageOfOrdered(ordered, T) === null) return [];
  const instants = new Set<number>();
  for (const fact of ordered) {
    if (fact.at <= T) instants.add(fact.at);
    if (fact.kind === 'purchase' && fact.at + YEAR_MS + 1 <= T) instants.add(fact.at + YEAR_MS + 1);
  }
  const history: { stage: Stage; from: number; to: number | null }[] = [];
  for (const instant of [...instants].sort((a, b) => a - b)) {
    const stage = stageOfOrdered(ordered, instant);
    if (stage === null) continue;
    const current = history.at(-1);
    if (current?.stage === stage) continue;
    if (current) current.to = instant;
    history.push({ stage, from: instant, to: null });
  }
  return history;
}

/** Since when the customer has been in the current stage: the current entry's `from` (null: no history). */
export function stageSince(history: readonly StageSpan[]): number | null {
  return history.at(-1)?.from ?? null;
}
