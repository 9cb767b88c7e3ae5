import { birthDate, DAY, duringWorkHours, isoDate } from './calendar';
import { customerName, hobbies, personName, preferences } from './catalogue';
import type { Story } from './story';

/** A customer this one brought in, just before that one registers. */
export interface Referral {
  referredCustomerId: string;
  at: number;
}

/** Registration, the manager, the org chart, the profile card (客户资料卡), ratings and qualification. */
export function tellOnboarding(story: Story): void {
  const { plan, profile, random, life, timeline } = story;
  const [city, region] = random.pick(profile.cities);
  timeline.add(plan.registeredAt, '', {
    customerId: plan.customerId,
    kind: 'organization',
    name: customerName(random, plan.segment, city),
    industry: profile.industry,
    ownership: plan.segment === 'it-vendor' ? random.pick(['foreign', 'private', 'state']) : random.chance(0.1) ? 'state' : 'private',
    region,
    source: plan.referred ? 'referral' : random.pick(profile.sources),
  });
  const at = life.onboardedAt;
  const managerId = random.pick(profile.managers);
  timeline.add(at, '/account-manager', { managerId });
  if (random.chance(0.08)) {
    const successor = random.pick(profile.managers.filter((m) => m !== managerId));
    const handedOver = duringWorkHours(random, at + random.int(90, 900) * DAY);
    if (handedOver <= life.contactUntil) timeline.add(handedOver, '/account-manager', { managerId: successor });
  }
  // One leap-day birthday for sure, so that the agenda's 29 February rule has something to show.
  const leapDay = plan.index === 0;
  const [fewest, most] = profile.contactCount;
  story.contacts = Array.from({ length: random.int(leapDay ? Math.max(2, fewest) : fewest, most) }, (_, c) => `ct-${c + 1}`);
  const owner = personName(random);
  story.contacts.forEach((contactId, c) => {
    const { title, level, role } = profile.contacts[c];
    // The card holds the decision-maker's birthday; the others' are on their contact.
    const birthday = leapDay && c === 1 ? '1988-02-29' : c > 0 && random.chance(0.6) ? birthDate(random, 1970, 1998) : undefined;
    timeline.add(at, '/contacts', {
      contactId,
      name: c === 0 ? owner : personName(random),
      title,
      level,
      role,
      ...(c > 0 ? { reportsTo: 'ct-1' } : {}),
      ...(c > 0 && random.chance(0.2) ? { internalChampion: true } : {}),
      phone: `13${random.int(100_000_000, 999_999_999)}`,
      ...(birthday ? { birthday } : {}),
    });
  });
  story.birthday = birthDate(random, 1960, 1992);
  const opened = random.chance(0.5) ? [{ label: '开业纪念日', date: isoDate(plan.registeredAt - random.int(365, 15 * 365) * DAY) }] : [];
  timeline.add(at, '/profile', {
    birthday: story.birthday,
    hobbies: [random.pick(hobbies), random.pick(hobbies)].filter((h, k, all) => all.indexOf(h) === k),
    ...(random.chance(0.5)
      ? { family: [{ relation: '配偶', name: personName(random), birthday: birthDate(random, 1962, 1995) }, { relation: '子女', name: personName(random), birthday: birthDate(random, 1988, 2018) }] }
      : {}),
    socialGroups: [random.pick(profile.socialGroups)],
    preferences: [random.pick(preferences)],
    ...(opened.length > 0 ? { anniversaries: opened } : {}),
    contactDetails: { mobile: `13${random.int(100_000_000, 999_999_999)}`, wechat: `wx_${plan.customerId.replace('-', '_')}` },
  });
  timeline.add(at, '/credit-rating', { grade: plan.scale > 1 ? random.pick(['AAA', 'AA']) : plan.scale > 0 ? random.pick(['AA', 'A']) : random.pick(['A', 'B']) });
  if (plan.segment === 'tobacco-retailer') timeline.add(at, '/star-rating', { stars: Math.min(5, Math.max(1, Math.round(3 + plan.scale))) });
  if (life.qualifiedAt !== null) timeline.add(life.qualifiedAt, '/qualification', {});
  if (plan.overriddenToKey) {
    timeline.add(duringWorkHours(random, at + random.int(30, 200) * DAY), '/tier-override', {
      tier: 'key',
      reason: plan.segment === 'tobacco-retailer' ? 'government-influence' : random.pick(['brand', 'strategic']),
    });
  }
  if (life.firstOrderAt !== null && random.chance(0.4)) {
    // 合作纪念日: the card's anniversaries are one list, replaced whole.
    timeline.add(duringWorkHours(random, life.firstOrderAt + random.int(1, 30) * DAY), '/profile', {
      anniversaries: [...opened, { label: '合作纪念日', date: isoDate(life.firstOrderAt) }],
    });
  }
}

/** Relationship levels, surveys, competitors' offers and compliance over the years. */
export function tellAccount(story: Story): void {
  const { plan, profile, random, life, timeline } = story;
  const close = plan.fate === 'client' || plan.fate === 'advocate' || plan.fate === 'partner';
  const lapsed = plan.fate === 'churned' || plan.fate === 'dormant' || plan.fate === 'disqualified';
  const add = (at: number, path: string, body: Record<string, unknown>) => at <= life.contactUntil && timeline.add(at, path, body);

  // Below friend, a customer with few orders stays a repeat buyer (READ-MODELS §2's client rule).
  if (plan.fate !== 'suspect' && (close || lapsed || random.chance(0.4))) {
    const acquainted = duringWorkHours(random, life.onboardedAt + random.int(30, 120) * DAY);
    add(acquainted, '/relationship-level', { level: 'acquaintance', contactId: 'ct-1' });
    if ((close && (plan.careTier !== 'small' || random.chance(0.5))) || (lapsed && random.chance(0.3))) {
      const friends = duringWorkHours(random, acquainted + random.int(120, 360) * DAY);
      add(friends, '/relationship-level', { level: 'friend', contactId: 'ct-1' });
      if (plan.careTier === 'key' && random.chance(0.5)) add(duringWorkHours(random, friends + random.int(120, 400) * DAY), '/relationship-level', { level: 'confidant', contactId: 'ct-1' });
    }
  }

  if (life.firstOrderAt !== null && plan.fate !== 'first-time-buyer') {
    for (let at = life.firstOrderAt + random.int(60, 120) * DAY; at <= life.contactUntil; at += random.int(300, 420) * DAY) {
      add(duringWorkHours(random, at), '/surveys', { ...survey(story), contactId: 'ct-1' });
    }
  }

  if (plan.fate !== 'suspect') {
    for (let at = life.onboardedAt + random.int(30, 900) * DAY; at <= life.contactUntil; at += random.int(200, 900) * DAY) {
      const competitor = random.pick(profile.competitors);
      add(duringWorkHours(random, at), '/competitor-contacts', {
        competitor: competitor.name,
        offer: competitor.offer,
        outcome: random.weighted({ resisted: 7, 'partially-switched': 2, switched: 1 }),
      });
    }
  }

  if (plan.segment === 'tobacco-retailer' && life.firstOrderAt !== null && plan.fate !== 'disqualified' && random.chance(0.03)) {
    const diversion = random.chance(0.6);
    add(duringWorkHours(random, random.between(life.firstOrderAt, life.ordersUntil)), '/compliance-violations', {
      kind: diversion ? 'cross-region-diversion' : 'price-violation',
      description: diversion ? '发现跨区域销售卷烟' : '未按规定明码标价',
      penalty: diversion ? { kind: 'fine', amountMinor: 200_000, currency: 'CNY' } : { kind: 'warning' },
    });
  }
}

/** NPS by fate: promoters (9-10) make advocates of clients (READ-MODELS §2), so other clients stay below. */
function survey({ plan, random }: Story): { satisfaction: number; nps: number } {
  switch (plan.fate) {
    case 'advocate':
      return plan.refers ? { satisfaction: random.int(3, 5), nps: random.int(6, 9) } : { satisfaction: random.int(4, 5), nps: random.int(9, 10) };
    case 'partner':
      return { satisfaction: random.int(4, 5), nps: random.int(7, 10) };
    case 'churned':
      return { satisfaction: random.int(1, 3), nps: random.int(1, 6) };
    default:
      return { satisfaction: random.int(3, 5), nps: random.int(5, 8) };
  }
}

/** How the fate comes true: a churn (after a competitor's offer, in IT), a disqualification, a partnership, a referral. */
export function tellEnding(story: Story, referral: Referral | undefined): void {
  const { plan, profile, random, life, timeline } = story;
  if (life.churnedAt !== null) {
    const tobacco = plan.segment === 'tobacco-retailer';
    const reason = tobacco ? random.pick(['business-closed', 'relocation', 'other']) : random.weighted({ competitor: 5, price: 2, service: 2, 'business-closed': 1 });
    if (reason === 'competitor') {
      const competitor = random.pick(profile.competitors);
      timeline.add(life.churnedAt - random.int(5, 30) * DAY, '/competitor-contacts', { competitor: competitor.name, offer: competitor.offer, outcome: 'switched' });
      timeline.add(life.churnedAt, '/churn', { reason, competitor: competitor.name });
    } else {
      timeline.add(life.churnedAt, '/churn', { reason });
    }
  }
  if (life.disqualifiedAt !== null) {
    const at = life.disqualifiedAt;
    const tobacco = plan.segment === 'tobacco-retailer';
    if (tobacco && random.chance(0.5)) {
      timeline.add(at - random.int(1, 3) * DAY, '/compliance-violations', {
        kind: 'counterfeit',
        description: '查获销售假冒卷烟',
        penalty: { kind: 'license-revocation' },
      });
      timeline.add(at, '/disqualification', { reason: '经营许可证被吊销' });
    } else if (random.chance(0.5)) {
      timeline.add(Math.max(life.onboardedAt, at - random.int(5, 30) * DAY), '/credit-rating', { grade: 'C' });
      timeline.add(at, '/disqualification', { reason: tobacco ? '长期拖欠货款，信用等级降为C' : '拖欠租金，信用等级降为C' });
    } else {
      timeline.add(at, '/disqualification', { reason: tobacco ? '不在专卖许可经营范围' : '不符合颐高卖场招商品类要求' });
    }
  }
  if (life.partnershipAt !== null) {
    timeline.add(life.partnershipAt, '/partnership', { agreementRef: `AGR-${new Date(life.partnershipAt).getUTCFullYear()}-${String(plan.index + 1).padStart(5, '0')}` });
  }
  if (referral) {
    timeline.add(referral.at, '/referrals', {
      referredCustomerId: referral.referredCustomerId,
      note: plan.segment === 'tobacco-retailer' ? '介绍邻近商户办证经营' : '介绍同行入驻颐高卖场',
    });
  }
}
