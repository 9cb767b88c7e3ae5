/**
 * The human summary of a relationship-history entry (READ-MODELS §2): one fixed template per
 * event type, in English and in Chinese, in the domain's words. The templates run over stored
 * events of every version, so they read the data only through `Fields`, which never throws: a
 * field of the wrong type is left out or read as written, a personal field present as null (the
 * customer was erased) reads as a fixed placeholder, never "null" nor ciphertext, and an absent
 * field is left out. Keyed by the domain's `CustomerEvent` union, so a type added there does not
 * compile until it has both templates; a type this version does not know gets a generic summary.
 */
import { personalFieldsOf, type CustomerEvent } from '@crm/domain';
import * as w from './summary-words';
import { en, formatInstant, formatMoney, oneLine, wordOf, zh, type Grammar, type SummaryLanguage, type Words } from './summary-words';

export type { SummaryLanguage } from './summary-words';

/** What an erased personal field reads as. */
export const erasedPlaceholder: Record<SummaryLanguage, string> = { en: '[erased]', zh: '[已删除]' };

type Key<D> = keyof D & string;

/** An event's data as a template reads it, in one language; no reader throws, whatever the data holds. */
interface Fields<D> {
  readonly language: SummaryLanguage;
  /** Whether the key is there (null included). */
  has(key: Key<D>): boolean;
  isNull(key: Key<D>): boolean;
  /** A personal field present as null: erased (the summary cannot tell a cleared value from an erased one). */
  erased(key: Key<D>): boolean;
  /** Text or an id on one line; the placeholder when erased; undefined when absent or not text. */
  text(key: Key<D>): string | undefined;
  /** A coded value in this language's words; an unknown code as written. */
  word<C extends string>(key: Key<D>, words: Words<C>): string | undefined;
  number(key: Key<D>): string | undefined;
  flag(key: Key<D>): boolean | undefined;
  /** The length of a list. */
  count(key: Key<D>): number | undefined;
  money(amountMinor: Key<D>, currency: Key<D>): string | undefined;
  object<K extends Key<D>>(key: K): Fields<NonNullable<D[K]>> | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function fieldsOf<D>(data: unknown, personal: readonly string[], language: SummaryLanguage): Fields<D> {
  const record = isRecord(data) ? data : {};
  const value = (key: string): unknown => (Object.hasOwn(record, key) ? record[key] : undefined);
  const finite = (key: string): number | undefined => {
    const v = value(key);
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  };
  const erased = (key: string): boolean => value(key) === null && personal.includes(key);
  const text = (key: string): string | undefined => {
    const v = value(key);
    if (erased(key)) return erasedPlaceholder[language];
    if (typeof v === 'string') return oneLine(v);
    if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') return String(v);
    return undefined;
  };
  return {
    language,
    has: (key) => value(key) !== undefined,
    isNull: (key) => value(key) === null,
    erased,
    text,
    word: (key, words) => {
      const t = text(key);
      return t === undefined || erased(key) ? t : wordOf(words, t, language);
    },
    number: (key) => (finite(key) === undefined ? undefined : String(finite(key))),
    flag: (key) => (typeof value(key) === 'boolean' ? (value(key) as boolean) : undefined),
    count: (key) => (Array.isArray(value(key)) ? (value(key) as unknown[]).length : undefined),
    money: (amount, currency) => {
      const minor = finite(amount);
      return minor === undefined ? undefined : formatMoney(minor, text(currency));
    },
    object: <K extends Key<D>>(key: K) => {
      const v = value(key);
      return isRecord(v) ? fieldsOf<NonNullable<D[K]>>(v, [], language) : undefined;
    },
  };
}

type DataOf<T extends CustomerEvent['type']> = Extract<CustomerEvent, { type: T }>['data'];
type Template<D> = (f: Fields<D>) => string;
type Templates = { readonly [T in CustomerEvent['type']]: Readonly<Record<SummaryLanguage, Template<DataOf<T>>>> };

/** The label of a field whose value the summary does not show, marked when erased. */
const marked = <D>(f: Fields<D>, g: Grammar, key: Key<D>, label: string) =>
  f.has(key) && g.words(label, f.erased(key) && erasedPlaceholder[f.language]);

const changedProfileFields = (f: Fields<DataOf<'ProfileCardUpdated'>>, g: Grammar): string[] =>
  (Object.keys(w.profileFieldWords) as (keyof typeof w.profileFieldWords)[]).flatMap(
    (key) => marked(f, g, key, w.profileFieldWords[key][f.language]) || [],
  );

const plannedFor = (f: Fields<DataOf<'VisitPlanned'>>) => {
  const at = f.text('plannedFor');
  return at && formatInstant(at);
};

const interactionHead = (f: Fields<DataOf<'InteractionRecorded'>>, g: Grammar, contact: string) =>
  g.paren(f.word('direction', w.directionWordsFor(f.text('channel'))), f.word('purpose', w.purposeWords), g.tag(contact, f.text('contactId')));

const penaltyOf = (f: Fields<DataOf<'ComplianceViolationRecorded'>>, g: Grammar) => {
  const p = f.object('penalty');
  const days = p?.number('days');
  const duration = days && (g === en ? `for ${days} ${days === '1' ? 'day' : 'days'}` : zh.words(days, '天'));
  return p && g.words(p.word('kind', w.penaltyWords), p.money('amountMinor', 'currency'), duration);
};

/** "4/5": a score out of its scale. */
const score = <D>(f: Fields<D>, key: Key<D>, scale: number) => f.number(key) && `${f.number(key)}/${scale}`;

const levelsOf = (f: Fields<DataOf<'RelationshipLevelChanged'>>) =>
  [f.text('contactId'), f.word('previousLevel', w.relationshipLevelWords), f.word('level', w.relationshipLevelWords)] as const;

const templates: Templates = {
  CustomerRegistered: {
    en: (f) =>
      en.words('Registered', f.word('kind', w.customerKindWords) ?? 'customer', f.text('name'),
        en.paren(f.text('industry'), f.word('ownership', w.ownershipWords), f.text('region')), en.note('source', f.text('source'))),
    zh: (f) =>
      zh.words('登记', f.word('kind', w.customerKindWords) ?? '客户', f.text('name'),
        zh.paren(f.text('industry'), f.word('ownership', w.ownershipWords), f.text('region')), zh.note('来源', f.text('source'))),
  },
  ProfileCardUpdated: {
    en: (f) => en.words('Profile card updated', en.colon(changedProfileFields(f, en).join(', '))),
    zh: (f) => zh.words('客户资料卡更新', zh.colon(changedProfileFields(f, zh).join('、'))),
  },
  AccountManagerAssigned: {
    en: (f) => en.words('Account manager', f.text('managerId'), 'assigned'),
    zh: (f) => zh.words('指派客户经理', f.text('managerId')),
  },
  CustomerQualified: {
    en: (f) => en.words(f.flag('requalified') ? 'Requalified' : 'Qualified', 'as a prospect', en.colon(f.text('reason'))),
    zh: (f) => zh.words(f.flag('requalified') ? '重新确认为预期顾客' : '确认为预期顾客', zh.colon(f.text('reason'))),
  },
  CustomerDisqualified: {
    en: (f) => en.words('Disqualified', en.colon(f.text('reason'))),
    zh: (f) => zh.words('判定为不合格者', zh.colon(f.text('reason'))),
  },
  TierOverridden: {
    en: (f) => en.words('Tier set', en.tag('to', f.word('tier', w.tierWords)), 'by hand', en.paren(f.word('reason', w.tierOverrideReasonWords))),
    zh: (f) =>
      zh.words(zh.tag('客户等级手工设为', f.word('tier', w.tierWords)) ?? '手工设定客户等级', zh.paren(f.word('reason', w.tierOverrideReasonWords))),
  },
  CreditRated: {
    en: (f) => en.words('Credit rated', f.text('grade')),
    zh: (f) => zh.words('信用评价', zh.colon(f.text('grade'))),
  },
  StarRated: {
    en: (f) => (f.number('stars') ? en.words('Rated', f.number('stars'), f.number('stars') === '1' ? 'star' : 'stars') : 'Star rating recorded'),
    zh: (f) => zh.words('星级评定', zh.colon(f.number('stars') && zh.words(f.number('stars'), '星'))),
  },
  PartnershipEstablished: {
    en: (f) => en.words('Partnership established', en.paren(en.tag('agreement', f.text('agreementRef')))),
    zh: (f) => zh.words('建立合伙人关系', zh.paren(zh.tag('协议', f.text('agreementRef')))),
  },
  CustomerChurned: {
    en: (f) =>
      en.words('Stopped buying', en.paren(f.word('reason', w.churnReasonWords), en.tag('to', f.text('competitor'))), en.colon(f.text('note'))),
    zh: (f) =>
      zh.words('停止购买', zh.paren(f.word('reason', w.churnReasonWords), zh.tag('转向', f.text('competitor'))), zh.colon(f.text('note'))),
  },
  CustomerErased: {
    en: (f) => en.words('Personal data erased', en.paren(f.word('basis', w.erasureBasisWords))),
    zh: (f) => zh.words('个人数据已删除', zh.paren(f.word('basis', w.erasureBasisWords))),
  },
  ContactAdded: {
    en: (f) =>
      en.words('Contact', f.text('contactId'), 'added', en.paren(f.word('level', w.contactLevelWords), f.word('role', w.contactRoleWords)),
        en.colon(en.list(f.text('name'), f.text('title'), en.tag('reports to', f.text('reportsTo')),
          f.flag('internalChampion') && 'internal champion'))),
    zh: (f) =>
      zh.words('新增联系人', f.text('contactId'), zh.paren(f.word('level', w.contactLevelWords), f.word('role', w.contactRoleWords)),
        zh.colon(zh.list(f.text('name'), f.text('title'), zh.tag('上级', f.text('reportsTo')), f.flag('internalChampion') && '内线'))),
  },
  ContactUpdated: {
    en: (f) =>
      en.words('Contact', f.text('contactId'), 'updated', en.colon(en.list(
        f.has('name') && en.words('name', f.text('name')),
        f.has('title') && en.words('title', f.text('title')),
        f.has('level') && en.words('level', f.word('level', w.contactLevelWords)),
        f.has('role') && en.words('role', f.word('role', w.contactRoleWords)),
        f.isNull('reportsTo') ? 'moved to the top of the org chart' : en.tag('reports to', f.text('reportsTo')),
        f.flag('internalChampion') === undefined ? undefined : f.flag('internalChampion') ? 'internal champion' : 'no longer internal champion',
        marked(f, en, 'phone', 'phone'), marked(f, en, 'email', 'email'), marked(f, en, 'birthday', 'birthday')))),
    zh: (f) =>
      zh.words('联系人', f.text('contactId'), '更新', zh.colon(zh.list(
        f.has('name') && zh.words('姓名为', f.text('name')),
        f.has('title') && zh.words('职务为', f.text('title')),
        f.has('level') && zh.words('层级为', f.word('level', w.contactLevelWords)),
        f.has('role') && zh.words('角色为', f.word('role', w.contactRoleWords)),
        f.isNull('reportsTo') ? '移至组织架构顶层' : zh.tag('上级为', f.text('reportsTo')),
        f.flag('internalChampion') === undefined ? undefined : f.flag('internalChampion') ? '设为内线' : '不再是内线',
        marked(f, zh, 'phone', '电话'), marked(f, zh, 'email', '邮箱'), marked(f, zh, 'birthday', '生日')))),
  },
  ContactRemoved: {
    en: (f) => en.words('Contact', f.text('contactId'), 'removed', en.paren(f.word('reason', w.contactRemovalReasonWords))),
    zh: (f) => zh.words('移除联系人', f.text('contactId'), zh.paren(f.word('reason', w.contactRemovalReasonWords))),
  },
  ContactErased: {
    en: (f) => {
      const contact = f.text('contactId');
      return en.words(contact ? `Contact ${contact}'s personal data erased` : "A contact's personal data erased", en.paren(f.word('basis', w.erasureBasisWords)));
    },
    zh: (f) => zh.words(zh.words('联系人', f.text('contactId'), '的个人数据已删除'), zh.paren(f.word('basis', w.erasureBasisWords))),
  },
  RelationshipLevelChanged: {
    en: (f) => {
      const [contact, from, to] = levelsOf(f);
      return en.words(contact ? `Contact ${contact}'s relationship level` : 'Relationship level', 'changed', en.tag('from', from), en.tag('to', to));
    },
    zh: (f) => {
      const [contact, from, to] = levelsOf(f);
      return zh.words(contact && zh.words('联系人', contact, '的'), '关系等级', zh.tag('由', from), zh.tag('变为', to) ?? '变更');
    },
  },
  InteractionRecorded: {
    en: (f) =>
      en.words(f.word('channel', w.channelWords) ?? 'Interaction', interactionHead(f, en, 'contact'),
        en.colon(f.text('summary')), en.note('outcome', f.text('outcome'))),
    zh: (f) =>
      zh.words(f.word('channel', w.channelWords) ?? '互动', interactionHead(f, zh, '联系人'),
        zh.colon(f.text('summary')), zh.note('结果', f.text('outcome'))),
  },
  VisitPlanned: {
    en: (f) =>
      en.words('Visit planned', en.tag('for', plannedFor(f)),
        en.paren(f.word('purpose', w.purposeWords), en.tag('contact', f.text('contactId'))), en.colon(f.text('agenda'))),
    zh: (f) =>
      zh.words(plannedFor(f) ? zh.words('计划于', plannedFor(f), '拜访') : '计划拜访',
        zh.paren(f.word('purpose', w.purposeWords), zh.tag('联系人', f.text('contactId'))), zh.colon(f.text('agenda'))),
  },
  SurveyAnswered: {
    en: (f) =>
      en.words('Survey answered', en.paren(en.tag('contact', f.text('contactId'))),
        en.colon(en.list(en.tag('satisfaction', score(f, 'satisfaction', 5)), en.tag('NPS', score(f, 'nps', 10)))),
        en.note('comment', f.text('comment'))),
    zh: (f) =>
      zh.words('回答满意度调查', zh.paren(zh.tag('联系人', f.text('contactId'))),
        zh.colon(zh.list(zh.tag('满意度', score(f, 'satisfaction', 5)), zh.tag('NPS', score(f, 'nps', 10)))),
        zh.note('评语', f.text('comment'))),
  },
  ComplaintFiled: {
    en: (f) =>
      en.words('Complaint', f.text('complaintId'), 'filed', en.paren(f.word('category', w.complaintCategoryWords), f.word('severity', w.severityWords)),
        en.tag('received by', f.text('owner')), en.colon(f.text('description'))),
    zh: (f) =>
      zh.words('投诉', f.text('complaintId'), '已登记', zh.paren(f.word('category', w.complaintCategoryWords), f.word('severity', w.severityWords)),
        zh.tag('，首问负责人', f.text('owner')), zh.colon(f.text('description'))),
  },
  ComplaintAcknowledged: {
    en: (f) => en.words('Complaint', f.text('complaintId'), 'acknowledged'),
    zh: (f) => zh.words('投诉', f.text('complaintId'), '已确认受理'),
  },
  ComplaintEscalated: {
    en: (f) =>
      en.words('Complaint', f.text('complaintId'), 'escalated', en.paren(en.tag('level', f.number('level'))),
        en.tag('to', f.text('to')), en.colon(f.text('reason'))),
    zh: (f) =>
      zh.words('投诉', f.text('complaintId'), '升级', zh.paren(f.number('level') && zh.words('第', f.number('level'), '级')),
        zh.tag('至', f.text('to')), zh.colon(f.text('reason'))),
  },
  ComplaintTransferred: {
    en: (f) =>
      en.words('Complaint', f.text('complaintId'), 'transferred', en.tag('from', f.text('from')), en.tag('to', f.text('to')),
        en.colon(f.text('reason'))),
    zh: (f) => zh.words('投诉', f.text('complaintId'), zh.tag('由', f.text('from')), '转交', f.text('to'), zh.colon(f.text('reason'))),
  },
  ComplaintResolved: {
    en: (f) => en.words('Complaint', f.text('complaintId'), 'resolved', en.colon(f.text('resolution'))),
    zh: (f) => zh.words('投诉', f.text('complaintId'), '已解决', zh.colon(f.text('resolution'))),
  },
  ComplaintReopened: {
    en: (f) => en.words('Complaint', f.text('complaintId'), 'reopened', en.colon(f.text('reason'))),
    zh: (f) => zh.words('投诉', f.text('complaintId'), '重新打开', zh.colon(f.text('reason'))),
  },
  ComplaintClosed: {
    en: (f) => en.words('Complaint', f.text('complaintId'), 'closed', en.paren(en.tag('satisfaction', score(f, 'satisfaction', 5)))),
    zh: (f) => zh.words('投诉', f.text('complaintId'), '已关闭', zh.paren(zh.tag('满意度', score(f, 'satisfaction', 5)))),
  },
  PurchaseRecorded: {
    en: (f) => {
      const lines = f.count('lines');
      const count = lines !== undefined && `${lines} ${lines === 1 ? 'line' : 'lines'}`;
      return en.words('Purchase', f.text('orderId'), en.colon(en.list(count, f.money('amountMinor', 'currency'))));
    },
    zh: (f) => {
      const lines = f.count('lines');
      return zh.words('购买', f.text('orderId'), zh.colon(zh.list(lines !== undefined && `${lines} 项`, f.money('amountMinor', 'currency'))));
    },
  },
  PurchaseRefunded: {
    en: (f) =>
      en.words('Refund', f.text('refundId'), en.paren(en.tag('order', f.text('orderId'))),
        en.colon(f.money('amountMinor', 'currency')), en.note('reason', f.text('reason'))),
    zh: (f) =>
      zh.words('退款', f.text('refundId'), zh.paren(zh.tag('订单', f.text('orderId'))),
        zh.colon(f.money('amountMinor', 'currency')), zh.note('原因', f.text('reason'))),
  },
  ReferralMade: {
    en: (f) => en.words('Referred customer', f.text('referredCustomerId'), en.colon(f.text('note'))),
    zh: (f) => zh.words('推荐客户', f.text('referredCustomerId'), zh.colon(f.text('note'))),
  },
  CompetitorContactObserved: {
    en: (f) =>
      en.words('Competitor', f.text('competitor'), 'approached', en.tag('contact', f.text('contactId')) ?? 'the customer',
        en.colon(f.word('outcome', w.competitorOutcomeWords)), en.note('offer', f.text('offer'))),
    zh: (f) =>
      zh.words('竞争对手', f.text('competitor'), '接触', zh.tag('联系人', f.text('contactId')) ?? '客户',
        zh.colon(f.word('outcome', w.competitorOutcomeWords)), zh.note('报价', f.text('offer'))),
  },
  ComplianceViolationRecorded: {
    en: (f) =>
      en.words('Compliance violation', en.paren(f.word('kind', w.violationKindWords), en.tag('penalty:', penaltyOf(f, en))),
        en.colon(f.text('description'))),
    zh: (f) =>
      zh.words('违规记录', zh.paren(f.word('kind', w.violationKindWords), zh.tag('处罚：', penaltyOf(f, zh))), zh.colon(f.text('description'))),
  },
};

/** A type this version does not know (written by a newer one, or by another system): named, nothing more. */
function unknownSummary(type: string, language: SummaryLanguage): string {
  const name = typeof type === 'string' ? oneLine(type) : undefined;
  return language === 'zh' ? zh.words('记录了事件', name) : en.words('Event', name, 'recorded');
}

/** The one-line summary of a stored event in the language asked; pure, and total over any data. */
export function summarize(type: string, data: Record<string, unknown>, language: SummaryLanguage): string {
  const lang: SummaryLanguage = language === 'zh' ? 'zh' : 'en';
  if (typeof type !== 'string' || !Object.hasOwn(templates, type)) return unknownSummary(type, lang);
  const template = templates[type as CustomerEvent['type']][lang] as unknown as Template<Record<string, unknown>>;
  return template(fieldsOf<Record<string, unknown>>(data, personalFieldsOf(type), lang));
}
