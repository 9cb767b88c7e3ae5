/**
 * The words and number formats of the relationship history's summaries (summaries.ts): the
 * domain's codes in English and in the glossary's Chinese (DESIGN §4), money, instants, and
 * the joining of a sentence's parts. Everything here is pure and independent of the machine's
 * locale (no Intl, no toLocaleString): the same event reads the same everywhere.
 */
import type {
  ChurnReason,
  ComplaintCategory,
  ComplaintSeverity,
  CompetitorContactOutcome,
  ComplianceViolationKind,
  ContactLevel,
  ContactRemovalReason,
  ContactRole,
  CustomerKind,
  ErasureBasis,
  InteractionChannel,
  InteractionDirection,
  InteractionPurpose,
  Ownership,
  PenaltyKind,
  ProfileCard,
  RelationshipLevel,
  Tier,
  TierOverrideReason,
} from '@crm/domain';

export type SummaryLanguage = 'en' | 'zh';

/** A code's words in each language; keyed by the domain's code union, so a new code does not compile until it is worded. */
export type Words<C extends string> = { readonly [K in C]: Readonly<Record<SummaryLanguage, string>> };

/** A coded value in the language's words; a code this version does not know reads as written. */
export function wordOf<C extends string>(words: Words<C>, code: string, language: SummaryLanguage): string {
  return Object.hasOwn(words, code) ? words[code as C][language] : code;
}

export const customerKindWords: Words<CustomerKind> = {
  organization: { en: 'organization', zh: '组织客户' },
  person: { en: 'individual', zh: '个人客户' },
};
export const ownershipWords: Words<Ownership> = {
  state: { en: 'state-owned', zh: '国有' },
  foreign: { en: 'foreign-owned', zh: '外资' },
  private: { en: 'private', zh: '民营' },
};
export const profileFieldWords: Words<keyof ProfileCard & string> = {
  birthday: { en: 'birthday', zh: '生日' },
  hobbies: { en: 'hobbies', zh: '爱好' },
  family: { en: 'family', zh: '家庭成员' },
  socialGroups: { en: 'social groups', zh: '社交圈子' },
  preferences: { en: 'preferences', zh: '偏好' },
  anniversaries: { en: 'anniversaries', zh: '纪念日' },
  contactDetails: { en: 'contact details', zh: '联系方式' },
};
/** 重点/一般/小客户. */
export const tierWords: Words<Tier> = {
  key: { en: 'key', zh: '重点客户' },
  general: { en: 'general', zh: '一般客户' },
  small: { en: 'small', zh: '小客户' },
};
/** 战略及品牌价值, 政府机构影响力. */
export const tierOverrideReasonWords: Words<TierOverrideReason> = {
  strategic: { en: 'strategic', zh: '战略价值' },
  brand: { en: 'brand', zh: '品牌价值' },
  'government-influence': { en: 'government-influence', zh: '政府机构影响力' },
};
export const churnReasonWords: Words<ChurnReason> = {
  price: { en: 'price', zh: '价格' },
  quality: { en: 'quality', zh: '质量' },
  service: { en: 'service', zh: '服务' },
  competitor: { en: 'competitor', zh: '竞争对手' },
  relocation: { en: 'relocation', zh: '迁址' },
  'business-closed': { en: 'business closed', zh: '停业' },
  other: { en: 'other', zh: '其他' },
};
export const erasureBasisWords: Words<ErasureBasis> = {
  'data-subject-request': { en: 'data subject request', zh: '本人请求' },
  'retention-period-ended': { en: 'retention period ended', zh: '保存期限届满' },
  'legal-obligation': { en: 'legal obligation', zh: '法定义务' },
};
export const contactLevelWords: Words<ContactLevel> = {
  executive: { en: 'executive', zh: '高层' },
  middle: { en: 'middle management', zh: '中层' },
  staff: { en: 'staff', zh: '基层' },
};
export const contactRoleWords: Words<ContactRole> = {
  'decision-maker': { en: 'decision-maker', zh: '决策者' },
  influencer: { en: 'influencer', zh: '影响者' },
  user: { en: 'user', zh: '使用者' },
  technical: { en: 'technical', zh: '技术把关者' },
};
export const contactRemovalReasonWords: Words<ContactRemovalReason> = {
  'left-company': { en: 'left the company', zh: '离职' },
  'changed-role': { en: 'changed role', zh: '岗位变动' },
  duplicate: { en: 'duplicate', zh: '重复' },
  other: { en: 'other', zh: '其他' },
};
/** 过客/熟人/朋友/知己. */
export const relationshipLevelWords: Words<RelationshipLevel> = {
  stranger: { en: 'stranger', zh: '过客' },
  acquaintance: { en: 'acquaintance', zh: '熟人' },
  friend: { en: 'friend', zh: '朋友' },
  confidant: { en: 'confidant', zh: '知己' },
};
export const channelWords: Words<InteractionChannel> = {
  visit: { en: 'Visit', zh: '拜访' },
  call: { en: 'Call', zh: '电话' },
  email: { en: 'Email', zh: '邮件' },
  sms: { en: 'SMS', zh: '短信' },
  meeting: { en: 'Meeting', zh: '会议' },
  wechat: { en: 'WeChat', zh: '微信' },
  event: { en: 'Event', zh: '活动' },
};
const directionWords: Words<InteractionDirection> = {
  inbound: { en: 'inbound', zh: '客户发起' },
  outbound: { en: 'outbound', zh: '我方发起' },
};
/** Chinese names the direction by the channel: 来电/去电, 来访/走访, 收到/发出. */
const zhDirectionByChannel: Partial<Record<InteractionChannel, Record<InteractionDirection, string>>> = {
  call: { inbound: '来电', outbound: '去电' },
  visit: { inbound: '来访', outbound: '走访' },
  email: { inbound: '收到', outbound: '发出' },
  sms: { inbound: '收到', outbound: '发出' },
  wechat: { inbound: '收到', outbound: '发出' },
};
export function directionWordsFor(channel: string | undefined): Words<InteractionDirection> {
  const zh = channel !== undefined && Object.hasOwn(zhDirectionByChannel, channel) ? zhDirectionByChannel[channel as InteractionChannel] : undefined;
  if (zh === undefined) return directionWords;
  return { inbound: { en: 'inbound', zh: zh.inbound }, outbound: { en: 'outbound', zh: zh.outbound } };
}
/** Care, birthday and holiday are the seeds' 节假日、生日慰问走访. */
export const purposeWords: Words<InteractionPurpose> = {
  sales: { en: 'sales', zh: '销售' },
  service: { en: 'service', zh: '服务' },
  care: { en: 'care', zh: '关怀' },
  birthday: { en: 'birthday', zh: '生日慰问' },
  holiday: { en: 'holiday', zh: '节假日慰问' },
  'follow-up': { en: 'follow-up', zh: '跟进' },
  training: { en: 'training', zh: '培训' },
  collection: { en: 'collection', zh: '回款' },
  other: { en: 'other', zh: '其他' },
};
export const complaintCategoryWords: Words<ComplaintCategory> = {
  'product-quality': { en: 'product quality', zh: '产品质量' },
  delivery: { en: 'delivery', zh: '配送' },
  billing: { en: 'billing', zh: '账务' },
  supply: { en: 'supply', zh: '供货' },
  service: { en: 'service', zh: '服务' },
  'staff-conduct': { en: 'staff conduct', zh: '员工行为' },
  other: { en: 'other', zh: '其他' },
};
export const severityWords: Words<ComplaintSeverity> = {
  low: { en: 'low', zh: '轻微' },
  medium: { en: 'medium', zh: '中等' },
  high: { en: 'high', zh: '严重' },
  critical: { en: 'critical', zh: '紧急' },
};
/** 对竞品视而不见 is the loyal answer. */
export const competitorOutcomeWords: Words<CompetitorContactOutcome> = {
  resisted: { en: 'resisted', zh: '不为所动' },
  'partially-switched': { en: 'partially switched', zh: '部分转向' },
  switched: { en: 'switched', zh: '已转向' },
};
/** 窜货 and the tobacco trade's 假私非超. */
export const violationKindWords: Words<ComplianceViolationKind> = {
  'cross-region-diversion': { en: 'cross-region diversion', zh: '窜货' },
  counterfeit: { en: 'counterfeit', zh: '假冒' },
  smuggled: { en: 'smuggled goods', zh: '走私' },
  'off-channel-supply': { en: 'off-channel supply', zh: '非法渠道供货' },
  'over-quota': { en: 'over quota', zh: '超量经营' },
  'price-violation': { en: 'price violation', zh: '价格违规' },
  other: { en: 'other', zh: '其他' },
};
export const penaltyWords: Words<PenaltyKind> = {
  warning: { en: 'warning', zh: '警告' },
  fine: { en: 'fine', zh: '罚款' },
  'supply-suspension': { en: 'supply suspension', zh: '停止供货' },
  'license-revocation': { en: 'license revocation', zh: '吊销许可证' },
};

/**
 * Minor units (fen) as major units with two decimals and thousands separators: 1199800 ->
 * "11,998.00". Exact for any integer (BigInt); a fraction of a fen is rounded half away from zero.
 */
export function formatMinor(minor: number): string {
  if (!Number.isFinite(minor)) return String(minor);
  const whole = BigInt(Math.sign(minor) * Math.round(Math.abs(minor)));
  const negative = whole < 0n;
  const digits = (negative ? -whole : whole).toString().padStart(3, '0');
  const major = digits.slice(0, -2).replace(/\B(?=(\d{3})+$)/g, ',');
  return `${negative ? '-' : ''}${major}.${digits.slice(-2)}`;
}

/** "CNY 11,998.00"; without a currency, the amount alone. */
export function formatMoney(minor: number, currency: string | undefined): string {
  return currency === undefined ? formatMinor(minor) : `${currency} ${formatMinor(minor)}`;
}

const isoInstant = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z$/;

/** A UTC instant as "2024-05-01 02:00 UTC" (the zone is named, not converted); anything else as written. */
export function formatInstant(text: string): string {
  const match = isoInstant.exec(text);
  return match === null ? text : `${match[1]} ${match[2]} UTC`;
}

const longestText = 200;

/** Stored text on one line, at most 200 characters (code points, so no pair is split); empty reads as absent. */
export function oneLine(text: string): string | undefined {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return undefined;
  const chars = Array.from(line);
  return chars.length <= longestText ? line : `${chars.slice(0, longestText - 1).join('')}…`;
}

/** A sentence's part; absent (undefined, false, '') parts are left out. */
export type Part = string | undefined | false;

const present = (parts: readonly Part[]): string[] => parts.filter((p): p is string => typeof p === 'string' && p !== '');

/** How a language puts parts together: words, a list, a parenthesis, what follows a colon, a labelled note. */
export interface Grammar {
  words(...parts: Part[]): string;
  list(...parts: Part[]): string | undefined;
  paren(...parts: Part[]): string | undefined;
  colon(text: Part): string | undefined;
  note(label: string, text: Part): string | undefined;
  /** The label and the value as words, when there is a value: "to agent-li", "由 agent-wu". */
  tag(label: string, value: Part): string | undefined;
}

/** English: words apart by a space, none before , ; : or a closing parenthesis. */
export const en: Grammar = {
  words: (...parts) => present(parts).reduce((s, p) => (s === '' ? p : /^[,;:)]/.test(p) ? s + p : `${s} ${p}`), ''),
  list: (...parts) => (present(parts).length > 0 ? present(parts).join(', ') : undefined),
  paren: (...parts) => (present(parts).length > 0 ? `(${present(parts).join(', ')})` : undefined),
  colon: (text) => (text ? `: ${text}` : undefined),
  note: (label, text) => (text ? `; ${label}: ${text}` : undefined),
  tag: (label, value) => (value ? `${label} ${value}` : undefined),
};

const han = /\p{Script=Han}/u;
const fullWidth = /[\u3000-\u303f\uff00-\uffef]/;

/** Chinese: no space between Han characters or next to full-width punctuation; a space between Han and Latin text or numbers. */
function spaced(left: string, right: string): boolean {
  const a = left.slice(-1);
  const b = right.slice(0, 1);
  if (fullWidth.test(a) || fullWidth.test(b)) return false;
  return !(han.test(a) && han.test(b));
}

export const zh: Grammar = {
  words: (...parts) => present(parts).reduce((s, p) => (s === '' ? p : spaced(s, p) ? `${s} ${p}` : s + p), ''),
  list: (...parts) => (present(parts).length > 0 ? present(parts).join('，') : undefined),
  paren: (...parts) => (present(parts).length > 0 ? `（${present(parts).join('，')}）` : undefined),
  colon: (text) => (text ? `：${text}` : undefined),
  note: (label, text) => (text ? `；${label}：${text}` : undefined),
  tag: (label, value) => (value ? zh.words(label, value) : undefined),
};
