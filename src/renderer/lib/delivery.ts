import { parseDeliveryReason } from '../../shared/delivery/reasons';
import { isMetaHeldReason } from '../../shared/delivery/channel-window';
import type { MessageDelivery } from '../../shared/ipc';
import type { MessageKey } from '../i18n/messages';
import type { Translate } from '../i18n/translate';

export type DeliveryTone = 'neutral' | 'progress' | 'free' | 'waiting' | 'paid' | 'error';

interface DeliveryPresentation {
  labelKey: MessageKey;
  /** Explains the state on hover; null when the label says it all. */
  titleKey: MessageKey | null;
  tone: DeliveryTone;
}

const PRESENTATION: Record<MessageDelivery, DeliveryPresentation> = {
  queued: { labelKey: 'delivery.queued', titleKey: 'delivery.queued.title', tone: 'neutral' },
  sending: { labelKey: 'delivery.sending', titleKey: null, tone: 'progress' },
  sent_free: { labelKey: 'delivery.sent_free', titleKey: null, tone: 'free' },
  held: { labelKey: 'delivery.held', titleKey: 'delivery.held.title', tone: 'waiting' },
  sent_push: { labelKey: 'delivery.sent_push', titleKey: 'delivery.sent_push.title', tone: 'paid' },
  failed: { labelKey: 'delivery.failed', titleKey: null, tone: 'error' },
  cancelled: { labelKey: 'delivery.cancelled', titleKey: null, tone: 'neutral' },
};

export interface DeliveryLabel {
  label: string;
  title: string;
  tone: DeliveryTone;
}

/** The relay's reason code as a sentence in the agent's language; unknown codes are shown as they are. */
export function describeReason(reason: string, t: Translate): string {
  // Messenger / Instagram replies held by Meta's windows (src/shared/delivery/meta-window.ts).
  if (isMetaHeldReason(reason)) return t(`delivery.reason.${reason}`);
  const parsed = parseDeliveryReason(reason);
  if (parsed.kind === 'known') return t(`delivery.reason.${parsed.code}`);
  if (parsed.kind === 'line_refused') return t('delivery.reason.line_refused', { status: parsed.status, message: parsed.message });
  if (parsed.kind === 'meta_refused') return t('delivery.reason.meta_refused', { code: String(parsed.code), message: parsed.message });
  return parsed.text;
}

/** The badge under an outgoing bubble. A failure always shows its reason, both visibly and on hover. */
export function describeDelivery(delivery: MessageDelivery, reason: string | null, t: Translate): DeliveryLabel {
  const presentation = PRESENTATION[delivery];
  const trimmedReason = reason?.trim() ? describeReason(reason.trim(), t) : '';
  if (delivery === 'failed' && trimmedReason) {
    const label = t('delivery.failed.reason', { reason: trimmedReason });
    return { label, title: label, tone: presentation.tone };
  }
  const label = t(presentation.labelKey);
  const title = trimmedReason || (presentation.titleKey ? t(presentation.titleKey) : label);
  return { label, title, tone: presentation.tone };
}
