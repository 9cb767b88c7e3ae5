/**
 * The relationship history's summaries: one worked example per event type in both languages
 * (the samples map is keyed by the domain's union, so a new type does not compile here either),
 * erasure, unknown types, money, and data of any shape, since stored events of every version
 * are summarized.
 */
import { customerEventTypes, personalFieldsOf, type CustomerEvent } from '@crm/domain';
import { erasedPlaceholder, summarize, type SummaryLanguage } from './summaries';
import { formatInstant, formatMinor, formatMoney, oneLine } from './summary-words';

type DataOf<T extends CustomerEvent['type']> = Extract<CustomerEvent, { type: T }>['data'];
type Sample<T extends CustomerEvent['type']> = { data: DataOf<T>; en: string; zh: string };

/** Every field of each type given, so that the robustness loops below touch them all. */
const samples: { [T in CustomerEvent['type']]: Sample<T> } = {
  CustomerRegistered: {
    data: { customerId: 'cu-1', kind: 'organization', name: '华信商贸', industry: '烟草零售', ownership: 'state', region: '湖北', source: 'trade fair' },
    en: 'Registered organization 华信商贸 (烟草零售, state-owned, 湖北); source: trade fair',
    zh: '登记组织客户华信商贸（烟草零售，国有，湖北）；来源：trade fair',
  },
  ProfileCardUpdated: {
    data: {
      birthday: '1975-03-08',
      hobbies: ['golf'],
      family: [{ relation: 'daughter', name: 'Lili', birthday: '2005-09-01' }],
      socialGroups: ['Rotary'],
      preferences: ['green tea'],
      anniversaries: [{ label: 'founding', date: '2001-06-01' }],
      contactDetails: { mobile: '13800000000', wechat: 'zhang-wei' },
    },
    en: 'Profile card updated: birthday, hobbies, family, social groups, preferences, anniversaries, contact details',
    zh: '客户资料卡更新：生日、爱好、家庭成员、社交圈子、偏好、纪念日、联系方式',
  },
  AccountManagerAssigned: { data: { managerId: 'mgr-zhang' }, en: 'Account manager mgr-zhang assigned', zh: '指派客户经理 mgr-zhang' },
  CustomerQualified: {
    data: { requalified: true, reason: 'Budget approved' },
    en: 'Requalified as a prospect: Budget approved',
    zh: '重新确认为预期顾客：Budget approved',
  },
  CustomerDisqualified: { data: { reason: 'No licence' }, en: 'Disqualified: No licence', zh: '判定为不合格者：No licence' },
  TierOverridden: {
    data: { tier: 'key', reason: 'government-influence' },
    en: 'Tier set to key by hand (government-influence)',
    zh: '客户等级手工设为重点客户（政府机构影响力）',
  },
  CreditRated: { data: { grade: 'AA' }, en: 'Credit rated AA', zh: '信用评价：AA' },
  StarRated: { data: { stars: 4 }, en: 'Rated 4 stars', zh: '星级评定：4 星' },
  PartnershipEstablished: { data: { agreementRef: 'AG-7' }, en: 'Partnership established (agreement AG-7)', zh: '建立合伙人关系（协议 AG-7）' },
  CustomerChurned: {
    data: { reason: 'competitor', competitor: 'Rival Co', note: 'Moved all orders' },
    en: 'Stopped buying (competitor, to Rival Co): Moved all orders',
    zh: '停止购买（竞争对手，转向 Rival Co）：Moved all orders',
  },
  CustomerErased: { data: { basis: 'data-subject-request' }, en: 'Personal data erased (data subject request)', zh: '个人数据已删除（本人请求）' },
  ContactAdded: {
    data: {
      contactId: 'c-2',
      name: 'Wang Li',
      title: 'Purchasing Director',
      level: 'executive',
      role: 'decision-maker',
      reportsTo: 'c-1',
      internalChampion: true,
      phone: '13900000000',
      email: 'wangli@example.cn',
      birthday: '1980-02-29',
    },
    en: 'Contact c-2 added (executive, decision-maker): Wang Li, Purchasing Director, reports to c-1, internal champion',
    zh: '新增联系人 c-2（高层，决策者）：Wang Li，Purchasing Director，上级 c-1，内线',
  },
  ContactUpdated: {
    data: {
      contactId: 'c-2',
      name: 'Wang Li',
      title: 'General Manager',
      level: 'middle',
      role: 'user',
      reportsTo: null,
      internalChampion: false,
      phone: '13700000000',
      email: 'li.wang@example.cn',
      birthday: '1980-03-01',
    },
    en:
      'Contact c-2 updated: name Wang Li, title General Manager, level middle management, role user, moved to the top of the org chart, ' +
      'no longer internal champion, phone, email, birthday',
    zh: '联系人 c-2 更新：姓名为 Wang Li，职务为 General Manager，层级为中层，角色为使用者，移至组织架构顶层，不再是内线，电话，邮箱，生日',
  },
  ContactRemoved: { data: { contactId: 'c-3', reason: 'left-company' }, en: 'Contact c-3 removed (left the company)', zh: '移除联系人 c-3（离职）' },
  ContactErased: {
    data: { contactId: 'c-3', basis: 'data-subject-request' },
    en: "Contact c-3's personal data erased (data subject request)",
    zh: '联系人 c-3 的个人数据已删除（本人请求）',
  },
  RelationshipLevelChanged: {
    data: { level: 'friend', previousLevel: 'acquaintance', contactId: 'c-2' },
    en: "Contact c-2's relationship level changed from acquaintance to friend",
    zh: '联系人 c-2 的关系等级由熟人变为朋友',
  },
  InteractionRecorded: {
    data: { channel: 'call', direction: 'inbound', purpose: 'service', summary: 'Asked about delivery', contactId: 'c-2', outcome: 'Will reorder' },
    en: 'Call (inbound, service, contact c-2): Asked about delivery; outcome: Will reorder',
    zh: '电话（来电，服务，联系人 c-2）：Asked about delivery；结果：Will reorder',
  },
  VisitPlanned: {
    data: { plannedFor: '2024-05-01T02:00:00.000Z', purpose: 'care', contactId: 'c-2', agenda: 'Mid-autumn gift' },
    en: 'Visit planned for 2024-05-01 02:00 UTC (care, contact c-2): Mid-autumn gift',
    zh: '计划于 2024-05-01 02:00 UTC 拜访（关怀，联系人 c-2）：Mid-autumn gift',
  },
  SurveyAnswered: {
    data: { satisfaction: 4, nps: 9, comment: 'Fast service', contactId: 'c-2' },
    en: 'Survey answered (contact c-2): satisfaction 4/5, NPS 9/10; comment: Fast service',
    zh: '回答满意度调查（联系人 c-2）：满意度 4/5，NPS 9/10；评语：Fast service',
  },
  ComplaintFiled: {
    data: {
      complaintId: 'cp-1',
      category: 'delivery',
      severity: 'high',
      channel: 'call',
      description: 'Parcel two days late',
      owner: 'agent-wu',
      contactId: 'c-2',
      dueAt: '2024-05-02T02:00:00.000Z',
    },
    en: 'Complaint cp-1 filed (delivery, high) received by agent-wu: Parcel two days late',
    zh: '投诉 cp-1 已登记（配送，严重），首问负责人 agent-wu：Parcel two days late',
  },
  ComplaintAcknowledged: { data: { complaintId: 'cp-1' }, en: 'Complaint cp-1 acknowledged', zh: '投诉 cp-1 已确认受理' },
  ComplaintEscalated: {
    data: { complaintId: 'cp-1', level: 2, to: 'ops-lead', reason: 'No reply in 24 h' },
    en: 'Complaint cp-1 escalated (level 2) to ops-lead: No reply in 24 h',
    zh: '投诉 cp-1 升级（第 2 级）至 ops-lead：No reply in 24 h',
  },
  ComplaintTransferred: {
    data: { complaintId: 'cp-1', from: 'agent-wu', to: 'agent-li', reason: 'Logistics team' },
    en: 'Complaint cp-1 transferred from agent-wu to agent-li: Logistics team',
    zh: '投诉 cp-1 由 agent-wu 转交 agent-li：Logistics team',
  },
  ComplaintResolved: { data: { complaintId: 'cp-1', resolution: 'Redelivered' }, en: 'Complaint cp-1 resolved: Redelivered', zh: '投诉 cp-1 已解决：Redelivered' },
  ComplaintReopened: {
    data: { complaintId: 'cp-1', reason: 'Wrong item', dueAt: '2024-05-04T02:00:00.000Z' },
    en: 'Complaint cp-1 reopened: Wrong item',
    zh: '投诉 cp-1 重新打开：Wrong item',
  },
  ComplaintClosed: { data: { complaintId: 'cp-1', satisfaction: 5 }, en: 'Complaint cp-1 closed (satisfaction 5/5)', zh: '投诉 cp-1 已关闭（满意度 5/5）' },
  PurchaseRecorded: {
    data: {
      orderId: 'SO-1',
      currency: 'CNY',
      lines: [
        { sku: 'TEA-1', category: 'tea', quantity: 1, unitPriceMinor: 599_900 },
        { sku: 'TEA-2', category: 'tea', quantity: 1, unitPriceMinor: 599_900 },
      ],
      amountMinor: 1_199_800,
      costMinor: 800_000,
    },
    en: 'Purchase SO-1: 2 lines, CNY 11,998.00',
    zh: '购买 SO-1：2 项，CNY 11,998.00',
  },
  PurchaseRefunded: {
    data: { orderId: 'SO-1', refundId: 'CN-1', amountMinor: 59_990, currency: 'CNY', reason: 'Damaged box' },
    en: 'Refund CN-1 (order SO-1): CNY 599.90; reason: Damaged box',
    zh: '退款 CN-1（订单 SO-1）：CNY 599.90；原因：Damaged box',
  },
  ReferralMade: { data: { referredCustomerId: 'cu-9', note: 'Brother-in-law' }, en: 'Referred customer cu-9: Brother-in-law', zh: '推荐客户 cu-9：Brother-in-law' },
  CompetitorContactObserved: {
    data: { competitor: 'Rival Co', offer: '10% off', outcome: 'resisted', contactId: 'c-2' },
    en: 'Competitor Rival Co approached contact c-2: resisted; offer: 10% off',
    zh: '竞争对手 Rival Co 接触联系人 c-2：不为所动；报价：10% off',
  },
  ComplianceViolationRecorded: {
    data: { kind: 'cross-region-diversion', description: 'Sold outside Hubei', penalty: { kind: 'fine', amountMinor: 500_000, currency: 'CNY' } },
    en: 'Compliance violation (cross-region diversion, penalty: fine CNY 5,000.00): Sold outside Hubei',
    zh: '违规记录（窜货，处罚：罚款 CNY 5,000.00）：Sold outside Hubei',
  },
};

const sampleOf = (type: CustomerEvent['type']): Sample<CustomerEvent['type']> => samples[type] as Sample<CustomerEvent['type']>;
const both = (type: string, data: unknown) => ({
  en: summarize(type, data as Record<string, unknown>, 'en'),
  zh: summarize(type, data as Record<string, unknown>, 'zh'),
});
const languages: readonly SummaryLanguage[] = ['en', 'zh'];

describe('summaries, one per event type', () => {
  it('has a sample for every type of the catalogue', () => {
    expect(Object.keys(samples).sort()).toStrictEqual([...customerEventTypes].sort());
  });

  it.each(customerEventTypes)('%s', (type) => {
    const { data, en, zh } = sampleOf(type);
    expect(both(type, data)).toStrictEqual({ en, zh });
  });

  it.each([
    ['the call of the brief', 'InteractionRecorded', { channel: 'call', direction: 'inbound', purpose: 'service', summary: 'Asked about delivery' },
      'Call (inbound, service): Asked about delivery', '电话（来电，服务）：Asked about delivery'],
    ['a birthday visit', 'InteractionRecorded', { channel: 'visit', direction: 'outbound', purpose: 'birthday', summary: '送生日蛋糕' },
      'Visit (outbound, birthday): 送生日蛋糕', '拜访（走访，生日慰问）：送生日蛋糕'],
    ['a meeting', 'InteractionRecorded', { channel: 'meeting', direction: 'outbound', purpose: 'sales', summary: 'Annual plan' },
      'Meeting (outbound, sales): Annual plan', '会议（我方发起，销售）：Annual plan'],
    ['a first qualification', 'CustomerQualified', { requalified: false }, 'Qualified as a prospect', '确认为预期顾客'],
    ['one star', 'StarRated', { stars: 1 }, 'Rated 1 star', '星级评定：1 星'],
    ['a partnership without agreement', 'PartnershipEstablished', {}, 'Partnership established', '建立合伙人关系'],
    ["the account's own level", 'RelationshipLevelChanged', { level: 'confidant', previousLevel: 'stranger' },
      'Relationship level changed from stranger to confidant', '关系等级由过客变为知己'],
    ['a general tier for brand', 'TierOverridden', { tier: 'general', reason: 'brand' }, 'Tier set to general by hand (brand)', '客户等级手工设为一般客户（品牌价值）'],
    ['a small tier', 'TierOverridden', { tier: 'small', reason: 'strategic' }, 'Tier set to small by hand (strategic)', '客户等级手工设为小客户（战略价值）'],
    ['an NPS of 0 alone', 'SurveyAnswered', { nps: 0 }, 'Survey answered: NPS 0/10', '回答满意度调查：NPS 0/10'],
    ['a closing without verdict', 'ComplaintClosed', { complaintId: 'cp-1' }, 'Complaint cp-1 closed', '投诉 cp-1 已关闭'],
    ['one line', 'PurchaseRecorded', { orderId: 'SO-2', currency: 'CNY', lines: [{ sku: 'A', category: 'tea', quantity: 3, unitPriceMinor: 5 }], amountMinor: 15 },
      'Purchase SO-2: 1 line, CNY 0.15', '购买 SO-2：1 项，CNY 0.15'],
    ['a refund without reason', 'PurchaseRefunded', { orderId: 'SO-1', refundId: 'CN-2', amountMinor: 100, currency: 'USD' },
      'Refund CN-2 (order SO-1): USD 1.00', '退款 CN-2（订单 SO-1）：USD 1.00'],
    ['a switch, nobody named', 'CompetitorContactObserved', { competitor: '百脑汇', outcome: 'switched' },
      'Competitor 百脑汇 approached the customer: switched', '竞争对手百脑汇接触客户：已转向'],
    ['a supply suspension', 'ComplianceViolationRecorded', { kind: 'over-quota', description: 'Quota exceeded', penalty: { kind: 'supply-suspension', days: 30 } },
      'Compliance violation (over quota, penalty: supply suspension for 30 days): Quota exceeded', '违规记录（超量经营，处罚：停止供货 30 天）：Quota exceeded'],
    ['a violation without penalty', 'ComplianceViolationRecorded', { kind: 'counterfeit', description: '假烟' },
      'Compliance violation (counterfeit): 假烟', '违规记录（假冒）：假烟'],
    ['a churn without competitor', 'CustomerChurned', { reason: 'business-closed' }, 'Stopped buying (business closed)', '停止购买（停业）'],
    ['an update naming one field', 'ContactUpdated', { contactId: 'c-2', reportsTo: 'c-9' }, 'Contact c-2 updated: reports to c-9', '联系人 c-2 更新：上级为 c-9'],
    ['an empty profile update', 'ProfileCardUpdated', {}, 'Profile card updated', '客户资料卡更新'],
    ['a code this version does not know', 'InteractionRecorded', { channel: 'fax', direction: 'inbound', purpose: 'audit', summary: 'Sent terms' },
      'fax (inbound, audit): Sent terms', 'fax（客户发起，audit）：Sent terms'],
  ])('%s', (_, type, data, en, zh) => {
    expect(both(type, data)).toStrictEqual({ en, zh });
  });

  it('leaves an absent optional field out, personal or not', () => {
    expect(both('ContactAdded', { contactId: 'c-4', name: 'Li Na', level: 'staff', role: 'user' })).toStrictEqual({
      en: 'Contact c-4 added (staff, user): Li Na',
      zh: '新增联系人 c-4（基层，使用者）：Li Na',
    });
  });

  it('puts free text on one line and keeps it short', () => {
    expect(summarize('ComplaintResolved', { complaintId: 'cp-1', resolution: '  Redelivered\nand\r\n\tapologised ' }, 'en')).toBe(
      'Complaint cp-1 resolved: Redelivered and apologised',
    );
    const long = summarize('ReferralMade', { referredCustomerId: 'cu-9', note: '长'.repeat(500) }, 'zh');
    expect(long).toBe(`推荐客户 cu-9：${'长'.repeat(199)}…`);
    expect(oneLine('😀'.repeat(201))).toBe(`${'😀'.repeat(199)}…`);
    expect(oneLine(' \n ')).toBeUndefined();
  });
});

describe('erased personal data', () => {
  it('reads as the placeholder', () => {
    expect(erasedPlaceholder).toStrictEqual({ en: '[erased]', zh: '[已删除]' });
    expect(both('InteractionRecorded', { channel: 'call', direction: 'inbound', purpose: 'service', summary: null, outcome: null })).toStrictEqual({
      en: 'Call (inbound, service): [erased]; outcome: [erased]',
      zh: '电话（来电，服务）：[已删除]；结果：[已删除]',
    });
    expect(both('ProfileCardUpdated', { birthday: null, hobbies: null })).toStrictEqual({
      en: 'Profile card updated: birthday [erased], hobbies [erased]',
      zh: '客户资料卡更新：生日 [已删除]、爱好 [已删除]',
    });
    expect(both('ContactUpdated', { contactId: 'c-2', name: null, phone: null, level: 'middle' })).toStrictEqual({
      en: 'Contact c-2 updated: name [erased], level middle management, phone [erased]',
      zh: '联系人 c-2 更新：姓名为 [已删除]，层级为中层，电话 [已删除]',
    });
    expect(both('CustomerRegistered', { customerId: 'cu-1', kind: 'person', name: null })).toStrictEqual({
      en: 'Registered individual [erased]',
      zh: '登记个人客户 [已删除]',
    });
    expect(both('PurchaseRefunded', { orderId: 'SO-1', refundId: 'CN-1', amountMinor: 5, currency: 'CNY', reason: null })).toStrictEqual({
      en: 'Refund CN-1 (order SO-1): CNY 0.05; reason: [erased]',
      zh: '退款 CN-1（订单 SO-1）：CNY 0.05；原因：[已删除]',
    });
  });

  const withPersonalFields = customerEventTypes.filter((type) => personalFieldsOf(type).length > 0);

  it.each(withPersonalFields)('%s: every personal field null reads as the placeholder, never null', (type) => {
    const erased = { ...sampleOf(type).data, ...Object.fromEntries(personalFieldsOf(type).map((field) => [field, null])) };
    for (const language of languages) {
      const summary = summarize(type, erased, language);
      expect(summary).toContain(erasedPlaceholder[language]);
      expect(summary).not.toMatch(/null|undefined/);
      for (const field of personalFieldsOf(type)) {
        const value = (sampleOf(type).data as Record<string, unknown>)[field];
        if (typeof value === 'string') expect(summary).not.toContain(value);
      }
    }
  });

  it('a null that is not personal is no erasure: an unset owner is left out', () => {
    expect(summarize('ComplaintFiled', { complaintId: 'cp-1', category: 'billing', severity: 'low', owner: null }, 'en')).toBe('Complaint cp-1 filed (billing, low)');
  });
});

describe('a type this version does not know', () => {
  it.each(['LoyaltyCardIssued', 'constructor', '__proto__', 'toString', 'hasOwnProperty'])('%s is named', (type) => {
    expect(both(type, { anything: 1 })).toStrictEqual({ en: `Event ${type} recorded`, zh: `记录了事件 ${type}` });
  });

  it('is named on one line, even when empty', () => {
    expect(summarize('Foo\nBar', {}, 'en')).toBe('Event Foo Bar recorded');
    expect(both('', {})).toStrictEqual({ en: 'Event recorded', zh: '记录了事件' });
  });
});

describe('money', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [99, '0.99'],
    [100, '1.00'],
    [123_456, '1,234.56'],
    [100_000_000, '1,000,000.00'],
    [123_456_789_012, '1,234,567,890.12'],
    [Number.MAX_SAFE_INTEGER, '90,071,992,547,409.91'],
    [1e21, '10,000,000,000,000,000,000.00'],
    [-5, '-0.05'],
    [-123_456, '-1,234.56'],
    [-0, '0.00'],
    [2.5, '0.03'],
  ])('%d fen is %s', (minor, major) => {
    expect(formatMinor(minor)).toBe(major);
  });

  it('names the currency when there is one, and never throws on a non-number', () => {
    expect(formatMoney(100_000_000, 'CNY')).toBe('CNY 1,000,000.00');
    expect(formatMoney(5, undefined)).toBe('0.05');
    expect(formatMinor(Number.NaN)).toBe('NaN');
    expect(formatMinor(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });

  it.each([
    [0, 'CNY 0.00'],
    [5, 'CNY 0.05'],
    [100_000_000, 'CNY 1,000,000.00'],
    [-5, 'CNY -0.05'],
  ])('a purchase of %d fen reads %s', (amountMinor, money) => {
    expect(summarize('PurchaseRecorded', { orderId: 'SO-3', currency: 'CNY', lines: [], amountMinor }, 'en')).toBe(`Purchase SO-3: 0 lines, ${money}`);
  });

  it('leaves out an amount that is no number', () => {
    expect(both('PurchaseRefunded', { orderId: 'SO-1', refundId: 'CN-3', amountMinor: '12.00', currency: 'CNY' })).toStrictEqual({
      en: 'Refund CN-3 (order SO-1)',
      zh: '退款 CN-3（订单 SO-1）',
    });
  });

  it('writes a UTC instant as such, anything else as written', () => {
    expect(formatInstant('2024-05-01T02:00:00.000Z')).toBe('2024-05-01 02:00 UTC');
    expect(formatInstant('2024-05-01T02:00Z')).toBe('2024-05-01 02:00 UTC');
    expect(formatInstant('2024-05-01T10:00:00+08:00')).toBe('2024-05-01T10:00:00+08:00');
  });
});

describe('data of any shape', () => {
  const junk = /undefined|null|NaN|\[object|function/;

  const expectReadable = (type: string, data: unknown) => {
    for (const language of languages) {
      const summary = summarize(type, data as Record<string, unknown>, language);
      expect(typeof summary).toBe('string');
      expect(summary.length).toBeGreaterThan(0);
      expect(summary).not.toMatch(junk);
      expect(summary).not.toMatch(/\n/);
    }
  };

  it.each(customerEventTypes)('%s with no data at all', (type) => {
    expectReadable(type, {});
  });

  it.each(customerEventTypes)('%s with every field 42', (type) => {
    expectReadable(type, Object.fromEntries(Object.keys(sampleOf(type).data).map((key) => [key, 42])));
  });

  it.each(customerEventTypes)('%s with every field of another wrong type', (type) => {
    for (const wrong of [null, true, 'x', [], [42], { nested: 1 }, Number.NaN, Number.POSITIVE_INFINITY]) {
      expectReadable(type, Object.fromEntries(Object.keys(sampleOf(type).data).map((key) => [key, wrong])));
    }
  });

  it.each(customerEventTypes)('%s with data that is no object', (type) => {
    for (const data of [null, undefined, 42, 'text', [1, 2], true]) expectReadable(type, data);
  });

  it('reads what it can', () => {
    expect(both('InteractionRecorded', {})).toStrictEqual({ en: 'Interaction', zh: '互动' });
    expect(both('ComplaintFiled', {})).toStrictEqual({ en: 'Complaint filed', zh: '投诉已登记' });
    expect(both('StarRated', { stars: 'four' })).toStrictEqual({ en: 'Star rating recorded', zh: '星级评定' });
    expect(both('ComplaintEscalated', { complaintId: 42, level: '2', to: 'ops' })).toStrictEqual({
      en: 'Complaint 42 escalated to ops',
      zh: '投诉 42 升级至 ops',
    });
    expect(both('ComplianceViolationRecorded', { kind: 'smuggled', penalty: { kind: 'fine', amountMinor: 'lots', days: 'x' } })).toStrictEqual({
      en: 'Compliance violation (smuggled goods, penalty: fine)',
      zh: '违规记录（走私，处罚：罚款）',
    });
    expect(both('PurchaseRecorded', { orderId: 'SO-4', lines: 'two', amountMinor: 250 })).toStrictEqual({ en: 'Purchase SO-4: 2.50', zh: '购买 SO-4：2.50' });
  });

  it('is deterministic', () => {
    for (const type of customerEventTypes) expect(both(type, sampleOf(type).data)).toStrictEqual(both(type, sampleOf(type).data));
  });
});
