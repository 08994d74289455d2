import type { ShippingMethod } from '../catalog/catalog-schema';
import type { CartLine, CartTotals, Discount, ShippingChoice } from './cart-schema';
import { formatNtd } from './cart-totals';

/**
 * The texts the CUSTOMER receives (in Traditional Chinese, the shops' language): the order summary and
 * the payment reminders. Plain text, one LINE message object each, so they can ride along with any reply
 * (≤ 5 objects per request) and read well on every LINE client.
 */

export interface OrderForMessage {
  orderNo: string;
  lines: readonly CartLine[];
  shipping: ShippingChoice;
  discount: Discount | null;
  note: string;
  totals: CartTotals;
}

/** Lines listed one by one in the summary; the rest are counted. */
const LISTED_LINES = 15;

const SHIPPING_LABEL: Record<ShippingMethod, string> = {
  seven_eleven: '7-ELEVEN 取貨',
  family_mart: '全家取貨',
  home: '宅配到府',
};

export function paymentLink(template: string, orderNo: string): string {
  return template.split('{orderNo}').join(encodeURIComponent(orderNo));
}

/** Without a store or address yet (agents often create the order first), the customer is asked for it. */
function shippingText(shipping: ShippingChoice): string {
  const home = shipping.method === 'home';
  const where = home ? shipping.address : shipping.storeName;
  return `${SHIPPING_LABEL[shipping.method]}（${where || (home ? '請回覆收件地址' : '請回覆取貨門市')}）`;
}

export function renderOrderSummary(order: OrderForMessage, linkTemplate: string): string {
  const listed = order.lines.slice(0, LISTED_LINES).map((line) => {
    const variant = line.variantLabel ? `（${line.variantLabel}）` : '';
    return `・${line.name}${variant} × ${line.quantity}　${formatNtd(line.unitPrice * line.quantity)}`;
  });
  const hidden = order.lines.length - listed.length;
  if (hidden > 0) listed.push(`・…另有 ${hidden} 項商品`);
  const { totals } = order;
  const rows = [
    `【訂單確認】${order.orderNo}`,
    ...listed,
    `小計 ${formatNtd(totals.subtotal)}`,
    ...(totals.discount > 0 ? [`折扣 −${formatNtd(totals.discount)}`] : []),
    `運費 ${totals.shippingFee === 0 ? '免運' : formatNtd(totals.shippingFee)}｜${shippingText(order.shipping)}`,
    `應付金額 ${formatNtd(totals.total)}`,
    ...(order.note ? [`備註：${order.note}`] : []),
    '',
    `付款連結：${paymentLink(linkTemplate, order.orderNo)}`,
    '完成付款後我們會盡快出貨，謝謝您的訂購！',
  ];
  return rows.join('\n');
}

/** `index` is 0 for the first reminder. */
export function renderPaymentReminder(order: Pick<OrderForMessage, 'orderNo' | 'totals'>, linkTemplate: string, index: number): string {
  const opening = index === 0 ? '提醒您' : '再次提醒您';
  return [
    `【付款提醒】${opening}，訂單 ${order.orderNo} 尚未完成付款，應付金額 ${formatNtd(order.totals.total)}。`,
    `付款連結：${paymentLink(linkTemplate, order.orderNo)}`,
    '若已付款請忽略此訊息，有任何問題都可以直接回覆我們喔！',
  ].join('\n');
}
