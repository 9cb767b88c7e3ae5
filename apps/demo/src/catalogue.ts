import type { Random } from './random';

/**
 * The demo's three business lines after the seeds: 颐高 IT数码连锁 (000) sells its malls'
 * booths and counters, advertising spaces (in the malls, outdoors, on IT世界网) and events to
 * the dealers in its malls and to the IT vendors; a tobacco company (004) sells cigarettes to
 * its licensed retailers.
 */
export type Segment = 'tobacco-retailer' | 'it-dealer' | 'it-vendor';

export interface Offer {
  sku: string;
  category: string;
  priceMinor: number;
  /** Our cost as a share of the price. */
  costRate: number;
}

export interface ContactRole {
  title: string;
  level: 'executive' | 'middle' | 'staff';
  role: 'decision-maker' | 'influencer' | 'user' | 'technical';
}

export interface SegmentProfile {
  industry: string;
  /** City and region; the name of the customer carries the city. */
  cities: readonly (readonly [string, string])[];
  offers: readonly Offer[];
  /**
   * A median customer's yearly revenue. Margins differ by line, so these are chosen for the
   * same yearly profit in every line: the tiers rank by profit across lines (READ-MODELS §2).
   */
  medianYearlyRevenueMinor: number;
  /** Days between a median customer's orders. */
  orderEveryDays: number;
  /** The first is the decision-maker, the others report to them. */
  contacts: readonly ContactRole[];
  contactCount: readonly [number, number];
  managers: readonly string[];
  sources: readonly string[];
  /** 首问负责制: who takes a complaint first, and whom it is transferred to. */
  complaintDesk: readonly string[];
  transferTo: readonly string[];
  complaints: readonly { category: 'product-quality' | 'delivery' | 'billing' | 'supply' | 'service' | 'staff-conduct'; description: string }[];
  competitors: readonly { name: string; offer: string }[];
  visits: readonly string[];
  messages: readonly string[];
  visitAgenda: readonly string[];
  refundReasons: readonly string[];
  socialGroups: readonly string[];
}

const managers = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `am-${String(from + i).padStart(2, '0')}`);

/** Cities with a 颐高 mall. */
const mallCities = [
  ['杭州', 'Zhejiang'], ['宁波', 'Zhejiang'], ['温州', 'Zhejiang'], ['南京', 'Jiangsu'], ['合肥', 'Anhui'], ['南昌', 'Jiangxi'],
  ['武汉', 'Hubei'], ['长沙', 'Hunan'], ['成都', 'Sichuan'], ['西安', 'Shaanxi'], ['福州', 'Fujian'], ['厦门', 'Fujian'],
] as const;

/** Other IT malls and the online shops that court the same dealers and vendors. */
const itCompetitors = [
  { name: '百脑汇', offer: '首年柜台租金八折' },
  { name: '赛博数码广场', offer: '免三个月租金' },
  { name: '华强电子世界', offer: '品牌专区装修补贴' },
  { name: '赛格电子市场', offer: '广告位买一送一' },
  { name: '太平洋电脑城', offer: '展会展位免费升级' },
  { name: '京东', offer: '线上旗舰店流量扶持' },
  { name: '苏宁', offer: '门店联营返点' },
  { name: '国美', offer: '专柜联营返点' },
];

const itComplaints: SegmentProfile['complaints'] = [
  { category: 'service', description: '卖场空调故障，影响营业' },
  { category: 'delivery', description: '广告位未按期上刊' },
  { category: 'billing', description: '柜台租金账单金额有误' },
  { category: 'product-quality', description: '展位搭建质量差' },
  { category: 'service', description: '促销活动客流不及预期' },
  { category: 'staff-conduct', description: '物业人员态度差' },
];

export const segments: Record<Segment, SegmentProfile> = {
  'tobacco-retailer': {
    industry: 'tobacco retail',
    cities: [['昆明', 'Yunnan'], ['曲靖', 'Yunnan'], ['玉溪', 'Yunnan'], ['大理', 'Yunnan'], ['昭通', 'Yunnan'], ['蒙自', 'Yunnan']],
    // Per carton (条); our cost is what the maker charges the tobacco company.
    offers: [
      { sku: 'CIG-YUNYAN-SOFT', category: 'cigarettes-premium', priceMinor: 23_000, costRate: 0.7 },
      { sku: 'CIG-YUXI-SOFT', category: 'cigarettes-premium', priceMinor: 22_000, costRate: 0.7 },
      { sku: 'CIG-HONGTA-HARD', category: 'cigarettes-standard', priceMinor: 10_000, costRate: 0.72 },
      { sku: 'CIG-HONGHE-99', category: 'cigarettes-economy', priceMinor: 7_000, costRate: 0.75 },
    ],
    medianYearlyRevenueMinor: 8_500_000,
    orderEveryDays: 35,
    contacts: [
      { title: '店主', level: 'executive', role: 'decision-maker' },
      { title: '店员', level: 'staff', role: 'user' },
    ],
    contactCount: [1, 2],
    managers: managers(1, 24),
    sources: ['licence-office', 'walk-in', 'cold-call'],
    complaintDesk: ['hotline-01', 'hotline-02', 'hotline-03', 'hotline-04', 'hotline-05', 'hotline-06'],
    transferTo: ['delivery-desk', 'area-service-01', 'area-service-02', 'billing-desk'],
    complaints: [
      { category: 'delivery', description: '卷烟送货延迟' },
      { category: 'product-quality', description: '到货卷烟包装破损' },
      { category: 'supply', description: '紧俏规格货源不足' },
      { category: 'billing', description: '电子结算扣款有误' },
      { category: 'staff-conduct', description: '送货员服务态度差' },
    ],
    competitors: [
      { name: '天猫小店', offer: '加盟改造补贴' },
      { name: '京东便利店', offer: '门头和货架免费升级' },
    ],
    visits: ['例行拜访，检查卷烟陈列和库存', '宣传新品规格，了解订货意向', '指导使用网上订货系统', '了解周边卷烟零售价格', '培训明码标价和真假烟识别'],
    messages: ['电话回访满意度', '提醒本周订货', '推送新品规格和货源信息', '电话沟通结算事宜', '微信答复订货问题'],
    visitAgenda: ['检查陈列，介绍新品规格', '回访上次投诉处理情况', '核对经营许可证信息'],
    refundReasons: ['到货卷烟破损退货', '错发规格退货'],
    socialGroups: ['零售户协会', '个体劳动者协会', '社区商户联盟'],
  },
  'it-dealer': {
    industry: 'IT retail',
    cities: mallCities,
    offers: [
      { sku: 'LEASE-COUNTER-MONTH', category: 'booths', priceMinor: 350_000, costRate: 0.45 },
      { sku: 'LEASE-SHOP-MONTH', category: 'booths', priceMinor: 900_000, costRate: 0.45 },
      { sku: 'EXPO-BOOTH-STANDARD', category: 'booths', priceMinor: 500_000, costRate: 0.5 },
      { sku: 'AD-MALL-LIGHTBOX-MONTH', category: 'advertising', priceMinor: 120_000, costRate: 0.3 },
      { sku: 'AD-ITWORLD-BANNER-WEEK', category: 'advertising', priceMinor: 60_000, costRate: 0.25 },
      { sku: 'EVENT-PROMOTION-STAND', category: 'events', priceMinor: 150_000, costRate: 0.55 },
    ],
    medianYearlyRevenueMinor: 4_500_000,
    orderEveryDays: 30,
    contacts: [
      { title: '总经理', level: 'executive', role: 'decision-maker' },
      { title: '采购经理', level: 'middle', role: 'influencer' },
      { title: '店长', level: 'middle', role: 'user' },
      { title: '技术主管', level: 'staff', role: 'technical' },
    ],
    contactCount: [2, 4],
    managers: managers(25, 34),
    sources: ['walk-in', 'cold-call', 'trade-fair'],
    complaintDesk: ['mall-desk-01', 'mall-desk-02', 'mall-desk-03', 'mall-desk-04'],
    transferTo: ['property-01', 'property-02', 'ad-operations', 'billing-desk'],
    complaints: itComplaints,
    competitors: itCompetitors,
    visits: ['走访柜台，了解经营状况', '沟通柜台续租', '推介下月促销活动档期', '介绍IT世界网广告位', '收集商户对卖场管理的意见'],
    messages: ['电话回访满意度', '提醒缴纳本月租金', '推送展会招展信息', '微信沟通广告画面', '电话确认活动报名'],
    visitAgenda: ['沟通续租与下季度广告投放', '介绍年中促销活动方案', '回访空调与物业问题'],
    refundReasons: ['广告未按期上刊，部分退款', '促销活动取消退款'],
    socialGroups: ['颐高商户联谊会', '电脑商会', '浙商商会'],
  },
  'it-vendor': {
    industry: 'IT manufacturing',
    cities: mallCities,
    offers: [
      { sku: 'BRAND-ZONE-MONTH', category: 'booths', priceMinor: 2_500_000, costRate: 0.45 },
      { sku: 'EXPO-BOOTH-SPECIAL', category: 'booths', priceMinor: 4_000_000, costRate: 0.55 },
      { sku: 'AD-OUTDOOR-BILLBOARD-MONTH', category: 'advertising', priceMinor: 3_000_000, costRate: 0.35 },
      { sku: 'AD-ITWORLD-HOMEPAGE-WEEK', category: 'advertising', priceMinor: 800_000, costRate: 0.25 },
      { sku: 'AD-ATRIUM-BANNER-MONTH', category: 'advertising', priceMinor: 500_000, costRate: 0.3 },
      { sku: 'AD-ITWORLD-ARTICLE', category: 'advertising', priceMinor: 150_000, costRate: 0.2 },
      { sku: 'EVENT-DEALER-TRAINING', category: 'events', priceMinor: 300_000, costRate: 0.6 },
      { sku: 'EVENT-PRODUCT-LAUNCH', category: 'events', priceMinor: 6_000_000, costRate: 0.65 },
      { sku: 'EVENT-MALL-ROADSHOW', category: 'events', priceMinor: 1_200_000, costRate: 0.6 },
    ],
    medianYearlyRevenueMinor: 5_000_000,
    orderEveryDays: 45,
    contacts: [
      { title: '区域总监', level: 'executive', role: 'decision-maker' },
      { title: '渠道经理', level: 'middle', role: 'influencer' },
      { title: '市场经理', level: 'middle', role: 'influencer' },
      { title: '品牌专员', level: 'staff', role: 'user' },
    ],
    contactCount: [3, 4],
    managers: managers(35, 40),
    sources: ['trade-fair', 'tender', 'cold-call'],
    complaintDesk: ['key-account-desk-01', 'key-account-desk-02', 'mall-desk-01'],
    transferTo: ['ad-operations', 'event-team', 'property-01', 'billing-desk'],
    complaints: itComplaints,
    competitors: itCompetitors,
    visits: ['季度业务回顾', '洽谈年度广告投放', '沟通展会合作方案', '新品发布会筹备', '了解渠道销售和库存'],
    messages: ['邮件确认广告排期', '电话回访活动效果', '发送展会招商方案', '微信沟通物料制作', '电话确认合同条款'],
    visitAgenda: ['年度展会合作方案', '下季度广告投放排期', '新品发布会场地确认'],
    refundReasons: ['户外广告牌维修停播，部分退款', '展会延期退款'],
    socialGroups: ['IT厂商联盟', '颐高品牌商俱乐部'],
  },
};

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const givenNames = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '建华', '志强', '海燕', '晓东'];
const streets = ['青年路', '人民路', '建设路', '环城路', '金碧路', '滨江路', '文化巷', '新华街'];
const shopWords = ['便利店', '烟酒行', '超市', '商行', '百货', '食杂店'];
/** Neutral trade names: no mall's or competitor's name in them. */
const tradeNames = ['鑫源', '创联', '恒达', '金科', '立信', '博远', '天诚', '佳讯', '宏图', '新锐', '盛达', '锦程', '志诚', '迅捷', '启明', '万象'];
const dealerWords = ['数码', '科技', '电子', '信息技术', '电脑'];
const vendorBrands = ['联想', '惠普', '戴尔', '华硕', '宏碁', '小米', '华为', '三星', '爱普生', '佳能'];
const vendorUnits = ['分公司', '办事处', '区域渠道中心'];

export const personName = (random: Random): string => `${random.pick(surnames)}${random.pick(givenNames)}`;

export function customerName(random: Random, segment: Segment, city: string): string {
  if (segment === 'tobacco-retailer') return `${city}${random.chance(0.5) ? personName(random) : random.pick(streets)}${random.pick(shopWords)}`;
  if (segment === 'it-dealer') return `${city}${random.pick(tradeNames)}${random.pick(dealerWords)}有限公司`;
  return `${random.pick(vendorBrands)}${city}${random.pick(vendorUnits)}`;
}

export const hobbies = ['golf', 'tea', 'fishing', 'calligraphy', 'mahjong', 'hiking', 'badminton', 'photography'];
export const preferences = ['喜欢普洱茶', '上午不便拜访', '偏好微信沟通', '关注促销政策', '重视账期'];
export const supervisors = ['supervisor-01', 'supervisor-02', 'supervisor-03'];
