import { DAY, duringWorkHours, HOUR, MINUTE } from './calendar';
import { supervisors } from './catalogue';
import type { Story } from './story';

/** The complaint's SLA by severity (the service's default), which most resolutions meet. */
const slaHours = { critical: 4, high: 24, medium: 72, low: 168 } as const;

interface Handling {
  transfer: boolean;
  escalate: boolean;
  reopen: boolean;
  /** Still being handled at the end: its (last) resolution has not come. */
  unresolved: boolean;
}

/**
 * About one complaint every three years of ordering, and for a few customers one still open at
 * the end: just filed, stuck after an escalation, or reopened after its resolution.
 */
export function tellComplaints(story: Story): void {
  const { random, life, window } = story;
  if (life.firstOrderAt === null) return;
  let count = 0;
  for (let at = life.firstOrderAt; ; ) {
    at += -Math.log(1 - random.next()) * 1100 * DAY;
    if (at >= life.contactUntil) break;
    const handling = { transfer: random.chance(0.15), escalate: random.chance(0.15), reopen: random.chance(0.1), unresolved: false };
    complaint(story, `cp-${++count}`, duringWorkHours(random, at), handling);
  }
  if (life.contactUntil < window.end || !random.chance(0.06)) return;
  const open = random.weighted({ new: 5, reopened: 3, stuck: 2 });
  const filedAt =
    open === 'new' ? window.end - random.int(1, 72) * HOUR
    : open === 'reopened' ? duringWorkHours(random, window.end - random.int(20, 30) * DAY)
    : duringWorkHours(random, window.end - random.int(8, 40) * DAY);
  if (filedAt < life.firstOrderAt) return;
  complaint(story, `cp-${++count}`, filedAt, {
    transfer: random.chance(open === 'reopened' ? 0.2 : 0.5),
    escalate: open === 'stuck' || random.chance(0.3),
    reopen: open === 'reopened',
    unresolved: true,
  });
}

/** 首问负责制: whoever takes the complaint owns it until it is transferred. A step past the end ends the story there. */
function complaint({ profile, random, timeline }: Story, complaintId: string, filedAt: number, handling: Handling): void {
  const severity = random.weighted({ low: 3, medium: 4, high: 2, critical: 1 });
  const topic = random.pick(profile.complaints);
  const path = `/complaints/${complaintId}`;
  let at = filedAt;
  const step = (hours: number, to: string, body: Record<string, unknown> = {}) => timeline.add((at += Math.round(hours * 60) * MINUTE), `${path}${to}`, body);
  const resolve = () =>
    step(slaHours[severity] * (random.chance(0.85) ? random.between(0.2, 0.9) : random.between(1.1, 2)), '/resolve', {
      resolution: random.pick(['已现场处理并致歉', '已补发货品', '已更正账单并退还差额', '已协调物业维修', '已调整排期并补偿']),
    });
  const filed = timeline.add(at, '/complaints', {
    complaintId,
    category: topic.category,
    severity,
    channel: random.pick(['call', 'visit', 'wechat']),
    description: topic.description,
    receivedBy: random.pick(profile.complaintDesk),
  });
  if (!filed || !step(random.between(0.5, 8), '/acknowledge')) return;
  if (handling.transfer && !step(random.between(1, 24), '/transfer', { to: random.pick(profile.transferTo), reason: random.pick(['转交属地服务人员跟进', '转交责任部门处理']) })) return;
  if (handling.escalate && !step(random.between(1, 24), '/escalate', { to: random.pick(supervisors), reason: random.pick(['重点客户投诉，升级处理', '超出处理时限']) })) return;
  if (handling.unresolved && !handling.reopen) return;
  if (!resolve()) return;
  if (handling.reopen) {
    if (!step(random.between(12, 96), '/reopen', { reason: random.pick(['问题再次出现', '客户对处理结果不满意']) })) return;
    if (handling.unresolved || !resolve()) return;
  }
  step(random.between(2, 72), '/close', { satisfaction: random.int(2, 5) });
}
