/**
 * Spelling variants customers use in Taiwanese shop chats, rewritten to one canonical form before any
 * matching. Applied to lower-cased, NFKC-normalised, Traditional-Chinese text, in order.
 * Data only: extend by adding a row.
 */
export interface ChatVariant {
  readonly pattern: RegExp;
  readonly canonical: string;
}

export const CHAT_VARIANTS: readonly ChatVariant[] = [
  // 7-11: 711, 7 11, 7-eleven, seven eleven, seven, 小七, 統一超商 (not inside longer numbers such as dates).
  { pattern: /(?<![0-9])7\s*[-_.]?\s*(?:11|eleven)(?![0-9])/g, canonical: '7-11' },
  { pattern: /seven\s*[-]?\s*eleven|\bseven\b(?!\s*(?:days?|working|business|pieces?|items?))|小七|統一超商|小7/g, canonical: '7-11' },
  { pattern: /family\s*mart|全家便利商店|全家超商/g, canonical: '全家' },
  { pattern: /hi\s*-?\s*life|萊爾富超商/g, canonical: '萊爾富' },
  { pattern: /\bok\s*mart\b|\bok超商|ok便利商店/g, canonical: 'ok超商' },
  { pattern: /便利商店|便利店|超市取貨/g, canonical: '超商' },
  { pattern: /line\s*pay/g, canonical: 'linepay' },
  { pattern: /apple\s*pay/g, canonical: 'applepay' },
  { pattern: /google\s*pay/g, canonical: 'googlepay' },
  { pattern: /pre\s*-?\s*order(s|ed)?/g, canonical: 'preorder' },
  { pattern: /e\s*-\s*mail/g, canonical: 'email' },
  { pattern: /t\s*-\s*shirt/g, canonical: 'tshirt' },
  { pattern: /\b(?:3q|3q3q|thx|tks|thanks|ty|tq)\b|感恩|感謝|謝啦|謝囉|多謝|謝謝/g, canonical: '謝謝' },
  { pattern: /宅急便/g, canonical: '黑貓宅急便' },
  { pattern: /蝦皮/g, canonical: 'shopee' },
  { pattern: /甚麼|啥|什麽/g, canonical: '什麼' },
  // Homophone slips of the input method in the words shops are asked about most (注音 typing picks the
  // wrong character of the same sound): 運廢 → 運費, 取銷 → 取消, 發漂 → 發票 …
  { pattern: /運廢|運肥/g, canonical: '運費' },
  { pattern: /取銷/g, canonical: '取消' },
  { pattern: /發漂|發標|發飄/g, canonical: '發票' },
  { pattern: /退貸/g, canonical: '退貨' },
  { pattern: /訂丹|定單/g, canonical: '訂單' },
  { pattern: /包囊/g, canonical: '包裹' },
  { pattern: /優會/g, canonical: '優惠' },
  { pattern: /折口/g, canonical: '折扣' },
  { pattern: /付欵|付歀/g, canonical: '付款' },
  { pattern: /匯欵|匯歀/g, canonical: '匯款' },
  { pattern: /哪裏/g, canonical: '哪裡' },
  { pattern: /保古|保故|報固/g, canonical: '保固' },
  { pattern: /尺吋/g, canonical: '尺寸' },
  { pattern: /客制/g, canonical: '客製' },
  // 現 and 線 are both xiàn: 線貨 → 現貨.
  { pattern: /線貨/g, canonical: '現貨' },
  { pattern: /瑕疪|瑕庛/g, canonical: '瑕疵' },
  // 貨 and 或 are both huò: 出或, 退或, 換或, 缺或, 補或, 現或 (not 到或: "寄到家或超商").
  { pattern: /(?<=[出退換缺補現])或/g, canonical: '貨' },
  // 注音文: a syllable typed as its initial only ("運ㄈ", "可以ㄇ", "好ㄉ").
  { pattern: /運ㄈ/g, canonical: '運費' },
  { pattern: /ㄇ(?=$|[\s?？!！~～])/g, canonical: '嗎' },
  { pattern: /ㄉ/g, canonical: '的' },
  { pattern: /(?:禮拜|星期)(?=[一二三四五六日天])/g, canonical: '週' },
  { pattern: /禮拜|星期/g, canonical: '週' },
  // A-not-A questions carry no topic; collapse them so they don't create spurious n-grams.
  { pattern: /有沒有|有木有/g, canonical: '有' },
  { pattern: /可不可以|能不能|可以不可以/g, canonical: '可以' },
  { pattern: /會不會/g, canonical: '會' },
  { pattern: /是不是/g, canonical: '是' },
  { pattern: /要不要/g, canonical: '要' },
  // Traditional variants OpenCC may leave or produce inconsistently depending on context.
  { pattern: /臺/g, canonical: '台' },
  // Hong Kong's 賬 (轉賬, 賬號) is Taiwan's 帳.
  { pattern: /賬/g, canonical: '帳' },
  { pattern: /錶/g, canonical: '表' },
  { pattern: /裏/g, canonical: '裡' },
  { pattern: /着/g, canonical: '著' },
  { pattern: /周(?=[一二三四五六日末年])/g, canonical: '週' },
  { pattern: /汙/g, canonical: '污' },
  { pattern: /姊/g, canonical: '姐' },
  { pattern: /祕/g, canonical: '秘' },
  { pattern: /噁/g, canonical: '惡' },
];

/**
 * Words that say nothing about WHAT the customer wants: politeness, particles, pronouns, filler.
 * Removed before intent n-grams are built (concepts and keywords are found before removal).
 * Longer phrases first so that "請問一下" goes as one piece.
 */
export const FILLER_PHRASES: readonly string[] = [
  '不好意思', '請問一下', '想請問', '想問一下', '問一下', '請問', '想問', '想說', '我想', '我要', '麻煩',
  '你們', '妳們', '您們', '小編', '老闆娘', '客服', '一下', '可以', '能夠', '如果', '的話', '這件', '那件',
  '這個', '那個', '這款', '那款', '就是', '然後', '因為', '所以', '還是', '而且', '現在', '目前', '已經',
  '怎麼', '怎樣', '如何', '嗎', '呢', '啊', '呀', '喔', '哦', '欸', '耶', '啦', '吧', '囉', '唷', '呦', '嘛',
  '～', '的', '了', '是', '我', '你', '您', '妳', '他', '她', '也', '都', '就', '很', '還', '在', '有', '要', '會',
  '能', '想', '請', '嗯', '恩', '哈',
];

export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set([
  'i', 'me', 'my', 'mine', 'you', 'your', 'yours', 'we', 'our', 'us', 'it', 'its', 'this', 'that', 'these',
  'those', 'the', 'a', 'an', 'is', 'are', 'was', 'were', 'be', 'been', 'am', 'do', 'does', 'did', 'can',
  'could', 'would', 'will', 'shall', 'should', 'may', 'might', 'to', 'for', 'of', 'in', 'on', 'at', 'by',
  'with', 'from', 'and', 'or', 'but', 'if', 'so', 'please', 'pls', 'plz', 'hi', 'hello', 'hey', 'what',
  'how', 'where', 'which', 'who', 'there', 'any', 'some', 'have', 'has', 'had', 'get', 'got', 'want',
  'wanna', 'need', 'just', 'about', 'still', 'yet', 'possible', 'im', "i'm", 'dont', "don't", 'not', 'no',
  'yes', 'ok', 'okay', 'much', 'many', 'all', 'one', 'up',
]);
