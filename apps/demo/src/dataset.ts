import { Random } from './random';

/** One HTTP write of the demo, in the order its customer needs it. */
export interface DemoRequest {
  path: string;
  body: Record<string, unknown>;
}

export interface DemoCustomer {
  customerId: string;
  requests: DemoRequest[];
}

type Segment = 'tobacco-retailer' | 'it-dealer' | 'it-vendor';

const start = Date.parse('2023-01-01T00:00:00Z');
const end = Date.parse('2025-12-31T00:00:00Z');
const day = 86_400_000;

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林'];
const givenNames = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '建华', '志强'];
const cities = ['深圳', '广州', '昆明', '成都', '杭州', '南京', '武汉', '长沙', '西安', '厦门', '合肥', '贵阳'];
const shopWords = ['便利店', '烟酒行', '超市', '商行', '百货', '食杂店'];
const dealerWords = ['电脑城', '数码', '科技', '电子', '信息技术'];
const vendorNames = ['联想', '惠普', '戴尔', '华硕', '宏碁', '小米', '华为', '三星', '爱普生', '佳能'];
const regions = ['Guangdong', 'Yunnan', 'Sichuan', 'Zhejiang', 'Jiangsu', 'Hubei', 'Hunan', 'Shaanxi', 'Fujian', 'Anhui', 'Guizhou'];
const managers = Array.from({ length: 40 }, (_, i) => `am-${String(i + 1).padStart(2, '0')}`);
const agents = Array.from({ length: 25 }, (_, i) => `agent-${String(i + 1).padStart(2, '0')}`);
const competitors = ['国美', '苏宁', '京东', '天猫小店', '地方烟草批发'];
const hobbies = ['golf', 'tea', 'fishing', 'calligraphy', 'mahjong', 'hiking', 'badminton', 'photography'];

const skus: Record<Segment, { sku: string; category: string; priceMinor: number; costRate: number }[]> = {
  'tobacco-retailer': [
    { sku: 'CIG-YUNYAN-SOFT', category: 'cigarettes-premium', priceMinor: 2300, costRate: 0.85 },
    { sku: 'CIG-HONGTA-HARD', category: 'cigarettes-standard', priceMinor: 1100, costRate: 0.88 },
    { sku: 'CIG-YUXI-SOFT', category: 'cigarettes-premium', priceMinor: 2200, costRate: 0.86 },
    { sku: 'CIG-HONGHE-99', category: 'cigarettes-economy', priceMinor: 700, costRate: 0.9 },
  ],
  'it-dealer': [
    { sku: 'NB-T14', category: 'notebooks', priceMinor: 599_900, costRate: 0.82 },
    { sku: 'PC-M720', category: 'desktops', priceMinor: 399_900, costRate: 0.8 },
    { sku: 'PR-L3150', category: 'printers', priceMinor: 129_900, costRate: 0.75 },
    { sku: 'MN-27Q', category: 'monitors', priceMinor: 189_900, costRate: 0.78 },
  ],
  'it-vendor': [
    { sku: 'SVC-SUPPORT-Y', category: 'services', priceMinor: 5_000_000, costRate: 0.6 },
    { sku: 'MKT-COOP', category: 'marketing', priceMinor: 2_000_000, costRate: 0.7 },
  ],
};

/**
 * A realistic, deterministic dataset after the seeds: an IT-retail chain's
 * vendors and dealers and a tobacco company's retailers, three years of
 * visits, calls, care, orders, refunds and complaints.
 */
export function demoDataset(customers = 2000, seed = 20240501): DemoCustomer[] {
  const random = new Random(seed);
  return Array.from({ length: customers }, (_, i) => {
    const segment: Segment = i % 10 < 6 ? 'tobacco-retailer' : i % 10 < 9 ? 'it-dealer' : 'it-vendor';
    return demoCustomer(random, i, segment, customers);
  });
}

function demoCustomer(random: Random, index: number, segment: Segment, population: number): DemoCustomer {
  const customerId = `demo-${String(index + 1).padStart(5, '0')}`;
  const city = random.pick(cities);
  const person = () => `${random.pick(surnames)}${random.pick(givenNames)}`;
  const name =
    segment === 'tobacco-retailer'
      ? `${city}${person()}${random.pick(shopWords)}`
      : segment === 'it-dealer'
        ? `${city}${random.pick(['华强', '赛格', '百脑汇', '太平洋'])}${random.pick(dealerWords)}有限公司`
        : `${random.pick(vendorNames)}(${city})分公司`;
  let clock = start + random.int(0, 120) * day;
  const at = () => new Date(clock).toISOString();
  // Time only moves forward; past the end of the three years it stands still.
  const advance = (minDays: number, maxDays: number) => (clock = Math.max(clock, Math.min(end, clock + random.int(minDays, maxDays) * day + random.int(0, day - 1))));
  const requests: DemoRequest[] = [];
  const add = (path: string, body: Record<string, unknown>) => requests.push({ path, body: { ...body, occurredAt: at() } });

  requests.push({
    path: '',
    body: {
      customerId,
      kind: 'organization',
      name,
      industry: segment === 'tobacco-retailer' ? 'tobacco retail' : 'IT retail',
      ownership: random.pick(['state', 'private', 'private', 'foreign']),
      region: random.pick(regions),
      source: random.pick(['trade-fair', 'cold-call', 'referral', 'walk-in', 'tender']),
      occurredAt: at(),
    },
  });
  advance(1, 10);
  add('/account-manager', { managerId: random.pick(managers) });
  const qualified = random.chance(0.9);
  if (qualified) add('/qualification', {});
  const contacts = Array.from({ length: segment === 'tobacco-retailer' ? random.int(1, 2) : random.int(2, 4) }, (_, c) => `ct-${c + 1}`);
  contacts.forEach((contactId, c) =>
    add('/contacts', {
      contactId,
      name: person(),
      level: c === 0 ? 'executive' : random.pick(['middle', 'staff']),
      role: c === 0 ? 'decision-maker' : random.pick(['influencer', 'user', 'technical']),
      ...(c > 0 ? { reportsTo: 'ct-1' } : {}),
      ...(random.chance(0.2) ? { internalChampion: true } : {}),
    }),
  );
  if (random.chance(0.4)) add('/relationship-level', { level: random.pick(['acquaintance', 'friend', 'confidant']), contactId: 'ct-1' });
  add('/profile', {
    birthday: `19${random.int(60, 95)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
    hobbies: [random.pick(hobbies), random.pick(hobbies)].filter((h, k, all) => all.indexOf(h) === k),
    contactDetails: { mobile: `13${random.int(100000000, 999999999)}` },
  });
  if (segment === 'tobacco-retailer') add('/star-rating', { stars: random.int(1, 5) });
  add('/credit-rating', { grade: random.pick(['AAA', 'AA', 'A', 'A', 'B', 'C']) });
  if (random.chance(0.03)) add('/tier-override', { tier: 'key', reason: random.pick(['strategic', 'brand', 'government-influence']) });

  const interactions = segment === 'tobacco-retailer' ? random.int(42, 72) : random.int(36, 62);
  const purchases = segment === 'it-vendor' ? random.int(4, 10) : random.int(8, 24);
  const steps = interactions + purchases;
  const span = (end - clock) / steps / day;
  let order = 0;
  let complaint = 0;
  for (let step = 0; step < steps; step++) {
    advance(Math.max(1, Math.floor(span * 0.5)), Math.max(2, Math.ceil(span * 1.5)));
    if (clock >= end) break;
    if (random.chance(purchases / steps)) {
      order += 1;
      const lines = Array.from({ length: random.int(1, 3) }, () => {
        const item = random.pick(skus[segment]);
        return { sku: item.sku, category: item.category, quantity: random.int(1, segment === 'tobacco-retailer' ? 50 : 20), unitPriceMinor: item.priceMinor, costRate: item.costRate };
      });
      const amount = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0);
      const cost = Math.round(lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor * l.costRate, 0));
      const orderId = `SO-${customerId}-${order}`;
      add('/purchases', { orderId, currency: 'CNY', lines: lines.map(({ costRate: _, ...line }) => line), costMinor: cost });
      if (random.chance(0.04)) add(`/purchases/${orderId}/refunds`, { refundId: `CN-${order}`, amountMinor: Math.max(1, Math.floor(amount / 5)), currency: 'CNY', reason: 'Damaged on delivery' });
    } else {
      const month = new Date(clock).getUTCMonth();
      add('/interactions', {
        channel: random.pick(segment === 'tobacco-retailer' ? ['visit', 'visit', 'call', 'wechat'] : ['visit', 'call', 'email', 'meeting', 'wechat']),
        direction: random.chance(0.8) ? 'outbound' : 'inbound',
        purpose: month === 8 || month === 0 ? random.pick(['holiday', 'care', 'sales']) : random.pick(['sales', 'service', 'follow-up', 'care', 'training', 'collection']),
        summary: random.pick(['例行拜访，了解销售情况', 'Checked shelf display and stock', '电话回访满意度', 'Discussed next quarter order', '节日慰问', 'Trained staff on new products']),
        contactId: random.pick(contacts),
      });
      if (random.chance(0.02)) add('/surveys', { satisfaction: random.int(2, 5), nps: random.int(4, 10) });
      if (random.chance(0.012)) complaintLifecycle(`cp-${++complaint}`);
      if (random.chance(0.01)) add('/competitor-contacts', { competitor: random.pick(competitors), outcome: random.pick(['resisted', 'resisted', 'partially-switched', 'switched']) });
      if (segment === 'tobacco-retailer' && random.chance(0.003)) {
        add('/compliance-violations', { kind: 'cross-region-diversion', description: '发现跨区域销售卷烟', penalty: { kind: 'fine', amountMinor: 200_000, currency: 'CNY' } });
      }
    }
  }
  if (random.chance(0.05)) add('/referrals', { referredCustomerId: `demo-${String(random.int(1, population)).padStart(5, '0')}` });
  if (random.chance(0.03) && qualified) add('/partnership', { agreementRef: `AGR-${customerId}` });
  if (random.chance(0.05)) add('/churn', { reason: random.pick(['price', 'competitor', 'service', 'relocation']), competitor: random.pick(competitors) });
  return { customerId, requests: requests.filter((r) => r.path !== `/referrals` || r.body.referredCustomerId !== customerId) };

  function complaintLifecycle(complaintId: string) {
    const base = `/complaints/${complaintId}`;
    add('/complaints', {
      complaintId,
      category: random.pick(['product-quality', 'delivery', 'billing', 'supply', 'service']),
      severity: random.pick(['low', 'medium', 'medium', 'high', 'critical']),
      channel: random.pick(['call', 'visit', 'wechat']),
      description: random.pick(['Late delivery', '货品破损', 'Invoice amount wrong', '断货', 'Rude delivery staff']),
      receivedBy: random.pick(agents),
    });
    clock += random.int(1, 8) * 3_600_000;
    add(`${base}/acknowledge`, {});
    if (random.chance(0.2)) add(`${base}/escalate`, { to: 'supervisor-01', reason: 'Key account' });
    clock += random.int(4, 72) * 3_600_000;
    add(`${base}/resolve`, { resolution: 'Replaced goods and apologised' });
    clock += random.int(1, 48) * 3_600_000;
    add(`${base}/close`, { satisfaction: random.int(2, 5) });
  }
}
