import { SHIPPING_METHODS, type ShippingMethod, type ShopSettings } from '../../../shared/catalog/catalog-schema';
import { paymentLink } from '../../../shared/orders/order-messages';
import type { MessageKey } from '../../i18n/messages';

/**
 * The shop-settings form as typed text, and its validation into ShopSettings (DOM-free, unit-tested). The
 * rules are those of shopSettingsSchema, checked field by field so each message sits beside its field.
 */

export const MAX_REMINDERS = 5;
const MAX_AMOUNT = 10_000_000;
const MAX_DELAY_HOURS = 24 * 60;
export const EXAMPLE_ORDER_NO = 'SO2611230001';

export interface SettingsForm {
  fees: Record<ShippingMethod, string>;
  freeShipping: boolean;
  threshold: string;
  linkTemplate: string;
  delaysHours: string[];
  whenNoFreeReply: ShopSettings['reminders']['whenNoFreeReply'];
}

/** Field ids: `fee.seven_eleven`, `threshold`, `linkTemplate`, `delay.0`… */
export type SettingsErrors = Record<string, MessageKey>;

function hoursText(minutes: number): string {
  // 90 minutes reads as 1.5; whole hours stay whole.
  return String(Math.round((minutes / 60) * 100) / 100);
}

export function settingsToForm(settings: ShopSettings): SettingsForm {
  const threshold = settings.shipping.freeShippingThreshold;
  return {
    fees: Object.fromEntries(SHIPPING_METHODS.map((method) => [method, String(settings.shipping.fees[method])])) as Record<ShippingMethod, string>,
    freeShipping: threshold !== null,
    threshold: threshold === null ? '' : String(threshold),
    linkTemplate: settings.payment.linkTemplate,
    delaysHours: settings.reminders.delaysMinutes.map(hoursText),
    whenNoFreeReply: settings.reminders.whenNoFreeReply,
  };
}

/** "1,000", "NT$1000" and " 1000 " all mean 1000; anything else is not an amount. */
export function parseAmount(text: string): number | null {
  const cleaned = text.trim().replace(/^NT\$/i, '').replace(/,/g, '');
  if (!/^\d+$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return value <= MAX_AMOUNT ? value : null;
}

/** Hours (decimals allowed) to whole minutes, at least one; null when out of range. */
export function parseDelayHours(text: string): number | null {
  const cleaned = text.trim();
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  const minutes = Math.round(Number(cleaned) * 60);
  return minutes >= 1 && minutes <= MAX_DELAY_HOURS * 60 ? minutes : null;
}

export function linkTemplateError(template: string): MessageKey | null {
  const value = template.trim();
  if (!/^https:\/\//.test(value)) return 'settingsError.linkHttps';
  if (!value.includes('{orderNo}')) return 'settingsError.linkOrderNo';
  if (value.length > 500) return 'settingsError.linkTooLong';
  return null;
}

/** The link a customer would get for the example order, or null while the template is invalid. */
export function exampleLink(template: string): string | null {
  return linkTemplateError(template) === null ? paymentLink(template.trim(), EXAMPLE_ORDER_NO) : null;
}

export type SettingsResult = { ok: true; settings: ShopSettings } | { ok: false; errors: SettingsErrors };

export function formToSettings(form: SettingsForm): SettingsResult {
  const errors: SettingsErrors = {};
  const fees = {} as Record<ShippingMethod, number>;
  for (const method of SHIPPING_METHODS) {
    const fee = parseAmount(form.fees[method]);
    if (fee === null) errors[`fee.${method}`] = 'settingsError.amount';
    else fees[method] = fee;
  }
  const threshold = form.freeShipping ? parseAmount(form.threshold) : null;
  if (form.freeShipping && threshold === null) errors.threshold = 'settingsError.amount';
  const linkError = linkTemplateError(form.linkTemplate);
  if (linkError) errors.linkTemplate = linkError;
  const delays: number[] = [];
  form.delaysHours.forEach((text, index) => {
    const minutes = parseDelayHours(text);
    if (minutes === null) errors[`delay.${index}`] = 'settingsError.delay';
    else if (delays.length > 0 && minutes <= delays[delays.length - 1]!) errors[`delay.${index}`] = 'settingsError.delayOrder';
    if (minutes !== null) delays.push(minutes);
  });
  if (form.delaysHours.length > MAX_REMINDERS) errors[`delay.${MAX_REMINDERS}`] = 'settingsError.delay';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      shipping: { fees, freeShippingThreshold: threshold },
      payment: { linkTemplate: form.linkTemplate.trim() },
      reminders: { delaysMinutes: delays, whenNoFreeReply: form.whenNoFreeReply },
    },
  };
}

export function sameForm(a: SettingsForm, b: SettingsForm): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
