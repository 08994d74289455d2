import { z } from 'zod';
import type { PricePlan } from '../protocol/events';

/**
 * LINE Official Account price plans. The defaults are Taiwan's 2023 plans; a shop on other terms
 * configures its own list on the relay (RELAY_PLANS_JSON) — prices change, so nothing else hard-codes them.
 */
export const TAIWAN_2023_PLANS: readonly PricePlan[] = [
  { id: 'light', name: '輕用量', monthlyFeeNtd: 0, includedMessages: 200, extraPerMessageNtd: null },
  { id: 'medium', name: '中用量', monthlyFeeNtd: 800, includedMessages: 3000, extraPerMessageNtd: null },
  { id: 'heavy', name: '高用量', monthlyFeeNtd: 1200, includedMessages: 6000, extraPerMessageNtd: 0.2 },
];

export const pricePlanSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  monthlyFeeNtd: z.number().nonnegative(),
  includedMessages: z.number().int().nonnegative(),
  extraPerMessageNtd: z.number().nonnegative().nullable(),
});
export const pricePlansSchema = z.array(pricePlanSchema).min(1, 'at least one plan');

/**
 * The shop's plan: the configured id, else the plan whose allowance equals LINE's reported limit, else the
 * smallest plan whose allowance covers it (LINE reports the limit, not the plan's name).
 */
export function resolvePlan(plans: readonly PricePlan[], planId: string | null, quotaLimit: number | null): PricePlan {
  const byId = planId ? plans.find((plan) => plan.id === planId) : undefined;
  if (byId) return byId;
  const sorted = [...plans].sort((a, b) => a.includedMessages - b.includedMessages);
  if (quotaLimit !== null) {
    const covering = sorted.find((plan) => plan.includedMessages >= quotaLimit);
    if (covering) return covering;
  }
  return sorted[0]!;
}

/**
 * What one counted push costs, for "saved vs sending everything as push". Beyond the allowance a message
 * costs the plan's extra price; for plans without extras we use the cheapest extra price of any plan
 * (NT$0.2 by default) — the price of the next message the shop could buy. Documented in docs/protocol.md.
 */
export function pricePerPushNtd(plan: PricePlan, plans: readonly PricePlan[]): number {
  if (plan.extraPerMessageNtd !== null) return plan.extraPerMessageNtd;
  const extras = plans.map((candidate) => candidate.extraPerMessageNtd).filter((price): price is number => price !== null);
  return extras.length > 0 ? Math.min(...extras) : 0;
}
