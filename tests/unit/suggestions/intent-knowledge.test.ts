import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedIntentClassifier } from '../../../src/shared/suggestions/intent-classifier';
import { ShopIntentSchema, noShopTopicTexts, shopIntents } from '../../../src/shared/suggestions/intent-knowledge';
import { parseLabelledMessages } from '../../../src/shared/suggestions/evaluation/dataset';
import { normalizeText } from '../../../src/shared/suggestions/normalize';

const root = path.resolve(__dirname, '../../..');
const shops = path.join(root, 'tests/fixtures/suggestions/shops');
/** The intent the built-in knowledge reads first in a message. */
const top = (text: string) => sharedIntentClassifier().classify(text)[0]?.intent;

describe('built-in shop intents', () => {
  it('load and validate, with source and licence beside them', () => {
    const intents = shopIntents();
    expect(intents.length).toBeGreaterThanOrEqual(45);
    expect(existsSync(path.join(root, 'src/shared/suggestions/knowledge/SOURCES.md'))).toBe(true);
    for (const intent of intents) expect(intent.phrasings.length, intent.id).toBeGreaterThanOrEqual(5);
  });

  it('cover the intents every Taiwanese shop meets', () => {
    const ids = new Set(shopIntents().map((intent) => intent.id));
    for (const id of [
      'shipping-fee', 'shipping-time', 'tracking', 'cvs-pickup', 'home-delivery', 'overseas', 'cash-on-delivery', 'payment-methods',
      'installments', 'bank-transfer', 'invoice', 'return', 'exchange', 'refund', 'cancel-order', 'change-order', 'stock', 'restock',
      'preorder', 'size-fit', 'material', 'care', 'coupon', 'membership', 'gift-wrap', 'bulk-order', 'damaged', 'wrong-item',
      'missing-item', 'warranty', 'opening-hours', 'contact',
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
  });

  it('copy no message of an evaluation set (figures must measure generalisation, held-out sets stay unseen)', () => {
    const phrasings = new Set([...shopIntents().flatMap((intent) => intent.phrasings), ...noShopTopicTexts()].map(normalizeText));
    const folders = readdirSync(shops);
    expect(folders.length).toBeGreaterThanOrEqual(3);
    for (const folder of folders) {
      for (const message of parseLabelledMessages(readFileSync(path.join(shops, folder, 'messages.jsonl'), 'utf8'))) {
        expect(phrasings.has(normalizeText(message.text)), `${folder}: ${message.text}`).toBe(false);
      }
    }
  });

  it('say of no message of a dialogue-act or demo set that it is about no shop topic', () => {
    const noTopic = new Set(noShopTopicTexts().map(normalizeText));
    const sets = ['acts/messages.jsonl', 'acts-2/messages.jsonl', 'dev-set.jsonl', 'holdout-set.jsonl', 'alt-set.jsonl'];
    for (const set of sets) {
      // The act sets label kinds of messages, the demo sets rules: only each line's text matters here.
      const texts = readFileSync(path.join(root, 'tests/fixtures/suggestions', set), 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => (JSON.parse(line) as { text: string }).text);
      for (const text of texts) expect(noTopic.has(normalizeText(text)), `${set}: ${text}`).toBe(false);
    }
  });

  it('read counts that fall short, a later arrival, a deadline and keeping food, from how the question is built', () => {
    for (const [message, intent] of [
      ['盒子上標十二入 打開只有十個', 'missing-item'],
      ['那款藍色的下個月會有嗎', 'restock'],
      ['how long does the cheese keep', 'shelf-life'],
      ['訂了以後幾天內要付款', 'bank-transfer'],
      ['都已經出貨了還能不要嗎', 'cancel-order'],
      ['搬家了 可以改寄新地址嗎', 'change-order'],
      ['一次可以用兩張券嗎', 'coupon'],
    ]) {
      expect(top(message as string), message).toBe(intent);
    }
  });

  it('recognise paraphrases that share no word with the usual keywords', () => {
    expect(top('錢什麼時候會退給我')).toBe('refund');
    expect(top('東西可以直接寄到公司嗎')).toBe('home-delivery');
    expect(top('剛剛那筆不要了')).toBe('cancel-order');
    expect(top('運费怎么算')).toBe('shipping-fee');
  });

  it('let the more specific intent of a message win ("退貨的運費誰出" is about returns)', () => {
    const signals = sharedIntentClassifier().classify('退貨的運費誰出');
    expect(signals[0]?.intent).toBe('return');
    expect(sharedIntentClassifier().dominates('return', 'shipping-fee')).toBe(true);
  });

  it('read what a question asks for from its frame, beside the topic that is only its setting', () => {
    const classifier = sharedIntentClassifier();
    const fee = classifier.classify('寄到台南的話費用怎麼算');
    expect(fee[0]?.intent).toBe('shipping-fee');
    expect(fee[0]?.focus).toBe(true);
    const day = classifier.classify('明天付款的話哪天會寄');
    expect(day.find((s) => s.focus === true)?.intent).toBe('shipping-time');
    expect(day[0]?.intent).toBe('shipping-time');
    expect(classifier.classify('退的錢大概幾天會回來')[0]?.intent).toBe('refund');
  });

  it('read a cue term only where a reader would ("送的" is not read inside 運送的)', () => {
    expect(sharedIntentClassifier().classify('運送的錢要另外付嗎').some((s) => s.intent === 'free-gift')).toBe(false);
  });

  it('know what gift shops are asked about: occasions, absent recipients, anonymous senders, a photo first, same-day delivery', () => {
    expect(top('同學的奶奶上週往生了 想表達一點心意')).toBe('condolence');
    expect(top('客戶的公司下週開幕')).toBe('congratulations');
    expect(top('白天家裡都沒人在 怎麼收')).toBe('recipient-absent');
    expect(top('可以不要讓收的人知道是誰寄的嗎')).toBe('anonymous-sender');
    expect(top('包好以後可以先拍給我確認嗎')).toBe('photo-before-shipping');
    expect(top('很急 今天就要 來得及嗎')).toBe('same-day-delivery');
  });

  it('know taste, origin and safety questions of any product', () => {
    expect(top('這款果乾會很甜嗎')).toBe('taste');
    expect(top('茶葉是哪裡產的')).toBe('origin');
    expect(top('餐具有沒有檢驗報告')).toBe('safety');
  });

  it('read waiting after paying as a question about shipping, not about paying', () => {
    const signals = sharedIntentClassifier().classify('匯款五天了怎麼還沒出貨');
    expect(signals.find((s) => s.focus === true)?.intent).toBe('shipping-time');
    // "還有點…" is not asking whether something is in stock.
    expect(sharedIntentClassifier().classify('打開聞起來還有點怪味').some((s) => s.intent === 'stock')).toBe(false);
    expect(sharedIntentClassifier().classify('這款襪子還有灰色嗎')[0]?.intent).toBe('stock');
  });

  it('read frames over numbers, which normalisation sets apart from Chinese ("要 60", "12 月 25 日")', () => {
    const focus = (text: string) => sharedIntentClassifier().classify(text).find((s) => s.focus === true)?.intent;
    expect(focus('寄宅配也要120喔')).toBe('shipping-fee');
    expect(focus('3月8日收得到嗎')).toBe('delivery-date');
    expect(focus('給2歲的小孩可以嗎')).toBe('suitability');
  });

  it('know everyday wordings of the generic topics a title or a customer uses', () => {
    // A title that names two topics is about both (a rule's own texts are read by their cue terms).
    const titleIntents = (text: string) => sharedIntentClassifier().classifyCuesNormalized(normalizeText(text)).filter((s) => s.score >= 0.6).map((s) => s.intent);
    expect(titleIntents('運費與配送時間')).toEqual(expect.arrayContaining(['shipping-fee', 'shipping-time']));
    expect(top('寄到花蓮要花多少')).toBe('shipping-fee');
    expect(top('優惠代碼要填在哪裡')).toBe('coupon');
    expect(top('有滿千打85折嗎')).toBe('coupon');
    expect(top('剛訂完發現選錯尺寸 現在改還來得及嗎')).toBe('change-order');
    expect(top('我一直沒收到貨')).toBe('tracking');
    expect(top('你們工作室在哪一區')).toBe('store-location');
    expect(top('可以拆成六期嗎')).toBe('installments');
    expect(top('收到的顏色跟我買的不一樣')).toBe('wrong-item');
    expect(top('連假期間也會出貨嗎')).toBe('shipping-time');
    expect(top('退貨寄出去了 什麼時候才拿到錢')).toBe('refund');
    expect(top('7天鑑賞期從哪天開始算')).toBe('return');
    expect(top('包裹寄出了還攔得住嗎')).toBe('cancel-order');
    // What it asks is the change; the ways of delivery are its setting.
    expect(sharedIntentClassifier().classify('我原本選超商 想改成寄到家').find((s) => s.focus === true)?.intent).toBe('change-order');
    expect(top('用了兩個月就壞了')).toBe('warranty');
    expect(top('吹風機突然不會熱了')).toBe('defective');
    expect(top('請問有線貨嗎')).toBe('stock');
    expect(top('加了好友說有送100元 在哪裡領')).toBe('coupon');
    expect(top('加好友送的50元在哪')).toBe('coupon');
    // Where the parcel is asked: the carrier is its setting. Sending back is a return, however it goes.
    expect(sharedIntentClassifier().classify('黑貓網站查不到我的包裹').find((s) => s.intent === 'tracking')?.score ?? 0).toBeGreaterThan(
      sharedIntentClassifier().classify('黑貓網站查不到我的包裹').find((s) => s.intent === 'home-delivery')?.score ?? 0,
    );
    // "有送 50 元" is a gift of credit, not a fee for sending.
    expect(top('加好友有送50元嗎')).not.toBe('shipping-fee');
    // 賬 is Hong Kong's spelling of Taiwan's 帳.
    expect(top('轉賬後要等多久才確認')).toBe('bank-transfer');
  });

  it('refuse a frame that is not a regular expression', () => {
    const [intent] = shopIntents();
    expect(ShopIntentSchema.safeParse({ ...intent, frames: ['(unclosed'] }).success).toBe(false);
  });
});
