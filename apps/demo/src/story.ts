import { tellAccount, tellEnding, tellOnboarding, type Referral } from './account';
import { tellCareTouches, tellMessages, tellVisitPlan, tellVisits } from './care';
import { segments, type SegmentProfile } from './catalogue';
import { tellComplaints } from './complaints';
import { lifeOf, type Life } from './life';
import { tellOrders } from './orders';
import type { CustomerPlan, Window } from './plan';
import type { Random } from './random';
import { Timeline, type DemoRequest } from './timeline';

/** What every part of a customer's story reads and writes. */
export interface Story {
  plan: CustomerPlan;
  profile: SegmentProfile;
  random: Random;
  window: Window;
  life: Life;
  timeline: Timeline;
  /** Contact ids, the decision-maker `ct-1` first. */
  contacts: string[];
  /** The profile card's birthday: the decision-maker's. */
  birthday: string;
}

/** One customer's facts over the three years, in business-time order. */
export function customerStory(plan: CustomerPlan, window: Window, referral: Referral | undefined): DemoRequest[] {
  const story: Story = {
    plan,
    profile: segments[plan.segment],
    random: plan.random,
    window,
    life: lifeOf(plan, window),
    timeline: new Timeline(window.end),
    contacts: [],
    birthday: '',
  };
  tellOnboarding(story);
  tellAccount(story);
  tellOrders(story);
  const lastVisitAt = tellVisits(story);
  tellMessages(story);
  tellCareTouches(story);
  tellComplaints(story);
  tellEnding(story, referral);
  tellVisitPlan(story, lastVisitAt);
  return story.timeline.requests();
}
