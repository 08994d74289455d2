/**
 * What a customer's message does in the conversation (a dialogue act), judged from its text alone. zh-TW
 * aware: the shops' customers write 請問、嗎、呢、幫我、謝謝、好的 👌 … and a little English.
 *
 * Used to decide whether a message still wants an answer: a bare "謝謝", "好的" or "👌" after an agent's reply
 * does not; a question, a request or a complaint does. Deterministic and cheap (a handful of regular
 * expressions), so it can run on every message on both the relay and the desktop.
 */
export type DialogueAct =
  | 'question'
  | 'request'
  | 'complaint'
  | 'thanks'
  | 'acknowledgement'
  | 'greeting'
  | 'closing'
  | 'emoji_only'
  | 'spam'
  | 'chitchat';

/** Only these want an answer from the shop. */
export function actNeedsReply(act: DialogueAct): boolean {
  return act === 'question' || act === 'request' || act === 'complaint';
}

// Letters or digits of any script: a message without any is emoji, stickers' stand-ins or punctuation only.
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

const SPAM = [
  /(?:加|\+)\s*(?:賴|line|ＬＩＮＥ|微信|wechat|telegram)\s*(?:id)?\s*[:：]?\s*[@a-z0-9_]{3,}/iu,
  /(?:兼職|日賺|月入|穩賺|投資|博弈|娛樂城|代操|借貸|貸款|虛擬貨幣|usdt|飆股|股票群)/iu,
  /(?:https?:\/\/|www\.)\S+.*(?:免費|賺|優惠|點擊|領取|中獎|bonus|free|win)/iu,
];

const COMPLAINT = [
  /壞(?:了|掉|的)|破(?:損|了|洞)|瑕疵|故障|損壞|脫線|污漬|汙漬|髒/u,
  /寄錯|送錯|少寄|漏寄|少了一|不是我(?:訂|買|要)的|跟我訂的不一樣/u,
  /(?:還|都|一直)?沒(?:有)?收到|還沒(?:到|寄|出貨|收到)|怎麼還沒|等(?:了)?很久|太慢|拖(?:了)?很久/u,
  /失望|很爛|太爛|爛透|生氣|不爽|客訴|投訴|詐騙|騙人|退錢|給個交代|什麼態度/u,
  /\b(?:broken|damaged|defective|wrong item|never arrived|not (?:arrived|received)|hasn't arrived|terrible|disappointed|refund)\b/iu,
];

const QUESTION = [
  /[?？]/u,
  /請問|想問|問一下|請教|想請教/u,
  /(?:嗎|呢|麼|嘛)[\s～~!！。.…啊呀喔哦唷]*$/u,
  /怎麼|怎樣|如何|為什麼|為何|多久|多少|幾(?:天|號|點|件|個|時|號|碼|色|種|歲)|什麼|甚麼|哪(?:裡|邊|個|些|一|天|時)|是否|能不能|可不可以|有沒有|會不會|是不是|要不要|還有沒有/u,
  /^(?:how|what|when|where|which|who|why|can|could|is|are|do|does|did|will|would|should|may)\b/iu,
];

const REQUEST = [
  /幫(?:我|忙)|麻煩(?:你|您)?|我要|我想(?:要|買|退|換|改|訂|取消)|想要|要(?:退|換|改|買|訂|取消)|想(?:退|換|買|訂)|請(?!問)|改成|取消(?:訂單|訂購)?|加購|下單|訂購|預訂|退貨|換貨|退款/u,
  /\b(?:please|pls|plz|i want|i'd like|i would like|i need|can you|could you|cancel|change my)\b/iu,
];

const THANKS = [/謝謝|謝啦|謝囉|謝謝你|感謝|感恩|多謝|3q|3Q|辛苦了|辛苦囉|\b(?:thanks|thank you|thx|tks|ty|tq)\b/iu];

const ACKNOWLEDGEMENT = [
  /^(?:好|好的|好喔|好哦|好唷|好滴|好呀|好啊|好啦|好ㄉ|嗯|嗯嗯|恩|恩恩|ok|okay|okk|收到|了解|瞭解|明白|知道了|沒問題|可以|可以喔|行|對|是|是的|對的|沒事|ㄅ|讚|👌|👍)(?:[\s,，、!！.。~～]*(?:好|好的|喔|哦|唷|呀|啊|啦|了|囉|耶|ok|嗯|收到|了解|謝謝|感謝|👌|👍))*$/iu,
  /(?:那|就)?我(?:再)?等(?:你們|您|妳|你)?(?:的)?(?:出貨|到貨|寄出|回覆|消息|通知|回音)?(?:通知|消息)?/u,
  /等(?:你們|您|妳|你)(?:的)?(?:通知|消息|回覆)/u,
];

const GREETING = [/^(?:你好|您好|妳好|哈囉|哈嘍|嗨|hi|hello|hey|安安|早安|午安|晚安|早)(?:[\s,，!！~～.。]|$)/iu, /^(?:你好|您好|哈囉|嗨|hi|hello)$/iu];

const CLOSING = [/掰掰|拜拜|再見|先這樣|下次見|改天見|\bbye\b|see you|have a nice day/iu];

/** Substantive text this long that matched nothing small-talk-like is treated as wanting something. */
const SUBSTANTIVE_CHARACTERS = 12;

function matchesAny(patterns: readonly RegExp[], text: string): boolean {
  return patterns.some((pattern) => pattern.test(text));
}

function wordCharacterCount(text: string): number {
  let count = 0;
  for (const character of text) if (WORD_CHARACTER.test(character)) count += 1;
  return count;
}

/**
 * The act of one message. Order matters: a complaint or a question wrapped in thanks ("謝謝，但我還沒收到")
 * is still a complaint; thanks and acknowledgements only count when nothing asks for anything.
 */
export function classifyDialogueAct(text: string): DialogueAct {
  const trimmed = text.normalize('NFKC').trim();
  if (!WORD_CHARACTER.test(trimmed)) return 'emoji_only';
  if (matchesAny(SPAM, trimmed)) return 'spam';
  if (matchesAny(COMPLAINT, trimmed)) return 'complaint';
  if (matchesAny(QUESTION, trimmed)) return 'question';
  if (matchesAny(REQUEST, trimmed)) return 'request';
  if (matchesAny(THANKS, trimmed)) return 'thanks';
  if (matchesAny(ACKNOWLEDGEMENT, trimmed)) return 'acknowledgement';
  if (matchesAny(CLOSING, trimmed)) return 'closing';
  if (matchesAny(GREETING, trimmed)) return 'greeting';
  return wordCharacterCount(trimmed) >= SUBSTANTIVE_CHARACTERS ? 'request' : 'chitchat';
}
