import { anniversariesBetween, DAY, duringWorkHours, festivalsBetween, MINUTE } from './calendar';
import type { Tier } from '@crm/domain';
import { defaultCareCadenceDays } from '@crm/projections';
import type { Story } from './story';

/** Days between visits by tier (004: 保持关怀频率): the care agenda's default cadence. */
const visitEveryDays = defaultCareCadenceDays;
/** Calls and messages between the visits. */
const messageEveryDays: Record<Tier, number> = { key: 14, general: 30, small: 45 };

/** A customer gone quiet is visited as a small one: the account manager tries to win it back. */
const tierAt = ({ plan, life }: Story, at: number): Tier => (at > life.ordersUntil ? 'small' : plan.careTier);

/** Visits (vendors: meetings too) at the tier's cadence; answers the last one's time. */
export function tellVisits(story: Story): number | null {
  const { plan, profile, random, life, timeline, contacts } = story;
  let last: number | null = null;
  for (let at = life.onboardedAt + random.int(1, visitEveryDays[plan.careTier]) * DAY; at <= life.contactUntil; ) {
    const visitAt = duringWorkHours(random, at);
    const recorded = timeline.add(visitAt, '/interactions', {
      channel: plan.segment === 'it-vendor' && random.chance(0.4) ? 'meeting' : 'visit',
      direction: 'outbound',
      purpose: random.weighted({ sales: 5, service: 3, 'follow-up': 1, training: 1 }),
      summary: random.pick(profile.visits),
      contactId: random.pick(contacts),
    });
    if (!recorded) break;
    last = visitAt;
    at += visitEveryDays[tierAt(story, at)] * random.between(0.75, 1.25) * DAY;
  }
  return last;
}

export function tellMessages(story: Story): void {
  const { plan, profile, random, life, timeline, contacts } = story;
  const channels = plan.segment === 'tobacco-retailer' ? ['call', 'wechat', 'sms'] : ['call', 'wechat', 'email'];
  for (let at = life.onboardedAt + random.int(1, 20) * DAY; at <= life.contactUntil; at += messageEveryDays[tierAt(story, at)] * random.between(0.5, 1.5) * DAY) {
    timeline.add(duringWorkHours(random, at), '/interactions', {
      channel: random.pick(channels),
      direction: random.chance(0.25) ? 'inbound' : 'outbound',
      purpose: random.weighted({ service: 3, 'follow-up': 3, sales: 2, collection: 1, care: 1 }),
      summary: random.pick(profile.messages),
      contactId: random.pick(contacts),
    });
  }
}

/**
 * 003's 节假日、生日慰问: a word on the decision-maker's birthday, and before 春节 and 中秋;
 * key accounts get a visit with a gift. Not yet for a suspect.
 */
export function tellCareTouches(story: Story): void {
  const { plan, random, life, timeline, birthday } = story;
  if (plan.fate === 'suspect') return;
  const message = () => random.pick(['wechat', 'sms', 'call']);
  for (const day of anniversariesBetween(birthday, life.onboardedAt + 2 * DAY, life.contactUntil)) {
    const visit = tierAt(story, day) === 'key' && random.chance(0.7);
    timeline.add(duringWorkHours(random, day - random.int(0, 1) * DAY), '/interactions', {
      channel: visit ? 'visit' : message(),
      direction: 'outbound',
      purpose: 'birthday',
      summary: visit ? '登门送上生日蛋糕和祝福' : '送上生日祝福',
      contactId: 'ct-1',
    });
  }
  for (const { festival, at: day } of festivalsBetween(life.onboardedAt + 10 * DAY, life.contactUntil)) {
    const tier = tierAt(story, day);
    const visit = tier === 'key' || (tier === 'general' && random.chance(0.4));
    const gift = festival === '春节' ? '年货礼盒' : '月饼';
    timeline.add(duringWorkHours(random, day - random.int(1, 9) * DAY), '/interactions', {
      channel: visit ? 'visit' : message(),
      direction: 'outbound',
      purpose: 'holiday',
      summary: visit ? `${festival}慰问，送上${gift}` : `${festival}问候`,
      contactId: 'ct-1',
    });
  }
}

/** The next visit, planned after the last one for a day past the end: the agenda shows it. */
export function tellVisitPlan(story: Story, lastVisitAt: number | null): void {
  const { profile, random, life, timeline, window } = story;
  if (lastVisitAt === null || life.contactUntil < window.end || life.churnedAt !== null) return;
  const tier = tierAt(story, window.end);
  if (!random.chance({ key: 0.8, general: 0.5, small: 0.25 }[tier])) return;
  const dueInDays = Math.max(1, Math.ceil((lastVisitAt + visitEveryDays[tier] * DAY - window.end) / DAY));
  timeline.add(lastVisitAt + random.int(10, 120) * MINUTE, '/visits', {
    plannedFor: new Date(duringWorkHours(random, window.end + (dueInDays - 1) * DAY)).toISOString(),
    purpose: random.pick(['sales', 'service', 'care']),
    contactId: 'ct-1',
    agenda: random.pick(profile.visitAgenda),
  });
}
