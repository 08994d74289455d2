import { pricePerPushNtd, TAIWAN_2023_PLANS } from '../../../shared/billing/plans';
import { buildSavingsReport, localDay, type SavingsCount } from '../../../shared/billing/savings';
import type { ChannelDeliveryCount, SavingsReport } from '../../../shared/ipc/views';
import type { Channel } from '../../../shared/protocol/events';
import type { LocalDatabase } from '../store/database';
import { getQuota } from '../store/meta';

const DAY_MS = 86_400_000;

const CHANNEL_ORDER: readonly Channel[] = ['line', 'messenger', 'instagram', 'webchat'];

/**
 * Free replies and counted pushes per local day and agent over the last `days` days, from the local store
 * only (works offline). Days are the agent's: the renderer passes its time-zone offset. The rows and totals
 * are LINE's (a free LINE reply is a push not paid for); `channels` counts every channel's sent messages,
 * whose replies on Messenger, Instagram and web chat are free by nature.
 */
export function savingsReport(
  db: LocalDatabase,
  input: { days: number; timezoneOffsetMinutes: number; onlyAgent?: string | null },
  now: number,
): SavingsReport {
  const to = localDay(now, input.timezoneOffsetMinutes);
  const from = localDay(now - (input.days - 1) * DAY_MS, input.timezoneOffsetMinutes);
  const fromMs = Date.parse(`${from}T00:00:00Z`) + input.timezoneOffsetMinutes * 60_000;
  const rows = db
    .prepare(
      `SELECT m.created_at AS createdAt, COALESCE(m.author, '') AS agent, m.delivery, COALESCE(c.channel, 'line') AS channel
       FROM messages m LEFT JOIN conversations c ON c.id = m.conversation_id
       WHERE m.direction = 'out' AND m.delivery IN ('sent_free', 'sent_push') AND m.created_at >= @fromMs
         AND (@onlyAgent IS NULL OR m.author = @onlyAgent)`,
    )
    .all({ fromMs, onlyAgent: input.onlyAgent ?? null }) as { createdAt: number; agent: string; delivery: 'sent_free' | 'sent_push'; channel: Channel }[];
  const counts = new Map<string, SavingsCount>();
  const perChannel = new Map<Channel, ChannelDeliveryCount>(
    CHANNEL_ORDER.map((channel) => [channel, { channel, freeReplies: 0, countedPushes: 0 }]),
  );
  for (const row of rows) {
    const channelCount = perChannel.get(row.channel);
    if (channelCount) {
      if (row.delivery === 'sent_free') channelCount.freeReplies += 1;
      else channelCount.countedPushes += 1;
    }
    if (row.channel !== 'line') continue;
    const day = localDay(row.createdAt, input.timezoneOffsetMinutes);
    const key = `${day}\u0000${row.agent}`;
    const count = counts.get(key) ?? { day, agent: row.agent, freeReplies: 0, countedPushes: 0 };
    if (row.delivery === 'sent_free') count.freeReplies += 1;
    else count.countedPushes += 1;
    counts.set(key, count);
  }
  // The plan comes with the relay's quota events; before the first one, assume the default plans.
  const plan = getQuota(db)?.plan ?? null;
  const price = plan ? pricePerPushNtd(plan, TAIWAN_2023_PLANS) : pricePerPushNtd(TAIWAN_2023_PLANS[0]!, TAIWAN_2023_PLANS);
  return buildSavingsReport([...counts.values()], {
    from,
    to,
    pricePerPushNtd: price,
    planName: plan?.name ?? null,
    channels: [...perChannel.values()],
  });
}
