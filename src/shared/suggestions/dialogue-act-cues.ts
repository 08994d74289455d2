/**
 * Cue patterns of the dialogue-act classifier (dialogue-acts.ts), data only. They run on text that went
 * through foldScript: NFKC, lower case, Taiwan Traditional; punctuation and emoji still there.
 * Written for this project from the way customers write to Taiwanese shops in LINE / Messenger / web chat.
 */

/** Web addresses and the "add my LINE" pattern that ads carry. */
export const LINK = /https?:\/\/|www\.|\b[a-z0-9-]+\.(?:com|net|org|tw|cc|me|io|xyz|top|shop|link|ly|co)\b(?:\/\S*)?|line\.me\/|lin\.ee\//;

/** Each is a mark of advertising or solicitation; two of them (or one with a link) make a message spam. */
export const SPAM_CUES: readonly RegExp[] = [
  /bit\.ly|reurl\.cc|tinyurl|lihi\d?\.cc|pse\.is|t\.co\//,
  // Replicas and phishing: "原單 精品包", "您的郵件無法投遞 請點…更新資料".
  /原單|高仿|a貨|1[:：比]1|復刻|無法投遞|更新(?:資料|資訊)|帳戶異常|身分驗證|驗證您的|詳洽|私訊詳談|負債整合|核貸|代辦/,
  /加(?:我)?(?:賴|line|好友)|(?:line|賴)\s*(?:id|帳號)\s*[:：]?|私訊我|點我|點擊|點此|點選連結|立即(?:加入|領取|註冊)/,
  /賺錢|月入|日入|日領|日賺|週領|被動收入|副業|兼職|在家(?:工作|賺)|躺著賺|輕鬆賺|高薪|時薪/,
  /投資|理財|股票|免保人|當日撥款|撥款|刷單|佣金|日結|飆股|虛擬貨幣|加密貨幣|比特幣|usdt|幣安|外匯|期貨|保證獲利|穩賺|報酬率|借貸|貸款|信貸|免擔保/,
  /娛樂城|博弈|彩金|百家樂|老虎機|下注|中獎|得獎|恭喜(?:您|你)(?:獲得|中)|抽中|免費領|免費送|領取獎/,
  // An agency introducing itself, and what it offers: two marks, so a pitch without a link is spam too.
  /行銷公司|經紀公司|代理商|貴(?:店|公司|品牌|粉專|賣場)|我們是.{1,12}(?:公司|團隊|平台|工作室)|\bwe are an? (?:[a-z-]+ ){0,3}(?:company|agency|team|studio|platform|provider)\b|\bwe (?:offer|provide)\b.{0,40}\b(?:services?|solutions?)\b/,
  /廣告(?:投放|代操)|代操|代營運|營業額翻倍|保證.{0,8}翻倍|\bbuy (?:real )?(?:instagram |ig |fb )?(?:followers|likes|reviews)\b|\bdm (?:me|now|us)\b|(?:增加|衝|刷|灌).{0,6}(?:粉絲|追蹤|好評|評論|按讚|五星)|代?經營.{0,6}(?:粉專|ig|fb|臉書|社群)|seo|增粉|買粉|粉絲數|按讚數|曝光率?|業配|合作(?:提案|方案|邀約)|異業合作|網紅|代言|團購主/,
  /限時(?:優惠|免費|活動)?.{0,8}(?:名額|搶|領)|名額有限|最後\d+名|錯過不再|手刀/,
  /click (?:here|the link)|free (?:gift|money|followers)|earn \$?\d|make money|crypto|bitcoin|forex|investment|casino|betting|you(?:'ve| have) won|congratulations|giveaway|followers|promote your (?:page|shop|store)|seo services|work from home|limited offer/,
];

/** The customer asks something. */
export const QUESTION_CUES: readonly RegExp[] = [
  /[?？]/,
  /還是.{1,8}$/,
  /嗎|呢|咧|勒(?=$|[\s,，.。!！~～])|ㄇ(?=$|[\s?？!！~～])/,
  // How thick, how often, how warm: 多 before a measure (not 好多, 差多, 大多).
  /(?<![好很太更許差大])多(?:粗|細|常|小|暖|短|寬|高|厚|薄|深|緊|鬆|硬|軟)/,
  /什麼|甚麼|怎麼|怎樣|如何|為什麼|為何|幹嘛|多久|多少|多快|多大|多長|多重|多遠|哪|何時|是否|可否|能否|有無|有冇|誰(?!都|也)/,
  // "偏大還偏小": a choice between two measures asks which.
  /([大小長短寬窄厚薄深淺多少快慢高低輕重])還(?:是)?偏?(?!\1)[大小長短寬窄厚薄深淺多少快慢高低輕重]/,
  // 幾 asks a number ("一天給幾克", "幾吋") except in 好幾天 / 這幾天 / 前幾天 / 幾乎 / 十幾 / 幾百.
  /(?<![好這那前過近十二三四五六七八九百千萬])幾(?!乎|百|千|萬)/,
  // A-not-A asks yes or no about anything: 難不難, 貴不貴, 甜不甜, 到沒到.
  /(\p{Script=Han})[不沒]\1/u,
  /有沒有|可不可以|能不能|可以不可以|會不會|是不是|要不要|有木有|行不行|好不好|對不對|夠不夠|算不算|收不收|送不送|寄不寄|接不接|還有沒|來得及|趕得上|得及嗎/,
  /請問|想問|問一下|問問|請教|想確認|確認一下|想了解|想知道|求(?:推薦|解)|不知道(?:能|可|有|是|要|該)/,
  // An auxiliary starts a question only with its subject ("will it…"); "Will send the photos later" tells.
  /^(?:how|when|where|what|why|which|who|whats|wheres|hows|any)\b|^(?:can|could|do|does|did|is|are|was|will|would|should|may|have|has)\s+(?:you|it|i|we|they|he|she|the|my|this|that|these|those|there|your|our|a|an|u)\b/,
  /\b(?:can i|can you|could you|do you|does it|is it|is there|are there|will it|how (?:much|long|many|do|can|to)|when (?:will|can|do)|what(?:'s| is| are)|wondering|i wonder)\b/,
];

/** The customer asks the shop to do something. */
export const REQUEST_CUES: readonly RegExp[] = [
  /幫(?:我|忙|你|看|查|確認|改|取消|處理|開|寄|換|退|留|保留|問|備註)/,
  // "貨到了記得跟我說", "拜託快點寄": reminders and urging ask the shop to act.
  /記得(?:跟|幫|通知|告訴|提醒|寄|留|回)|(?<!拜託)拜託(?!拜託|了|啦)|(?:快點|趕快|盡快|儘快)(?:寄|出貨|出|處理|回|給|退|送)/,
  /麻煩(?!(?:你們?|您|妳)?(?:了|囉|喔|啦|嘍|唷))/,
  /請(?:幫|給|寄|改|取消|退|換|提供|告訴|通知|協助|處理|回覆|回電|聯絡|確認|儘快|盡快|留|保留|開立|開)/,
  /我們?(?:要|想要|需要|想)(?!說|到|起來)|(?<!不)想(?!說|到|起來|念|你|妳|哭|睡|吃)|需要|希望|麻煩您|給我|要改(?!的)|改成|改為|要取消(?!的)|要退(?!的)|要換(?!的)|要(?:開|打|填|加|存)(?:發票|統編|收據|公司|抬頭|三聯|載具)|要\s*(?:cancel|change|return|refund|exchange)|^(?:cancel|change|refund|return|exchange|need|send)\b|預約|保留|留一|幫留|加購|追加/,
  // A slip the shop has to undo: "不小心按了兩次下單", "下錯單".
  /不小心|重複(?:下單|下訂|訂購|付款|扣款)|多按了|按了兩次|下錯|訂錯|買錯/,
  // An order in a statement ("老闆要我訂一盆蘭花", "新店成立要送"), or one called off ("花不用送了").
  /要我?(?:訂|送|買|寄)|(?:訂|買)一(?:盆|束|個|份|對|座|組|盒|箱|籃)|不(?:用|要)(?:送|寄|做)了|今天(?:晚上)?就要|不(?:想|要)(?:讓|被).{0,6}?(?:知道|發現)/,
  /\b(?:please|pls|plz|i want|i'd like|i would like|i need|we need|we want|we'd like|we would like|i wanna|help me|let me know|kindly|i'm looking for|we're looking for|looking for|want to|need to)\b/,
];

/** The customer reports a problem or is unhappy. */
export const COMPLAINT_CUES: readonly RegExp[] = [
  /(?:還|都)?沒(?:有)?收到|髒髒|弄髒|很髒|髒了|污漬|斑點|還沒(?:收到|到|寄|出貨|出|發貨|有|回|處理|退|入帳|更新|消息)|(?:查|找|看|收|等)不到|沒(?:有)?在(?:充|動|跑|運作|亮)|結果(?:來|收到|寄|是)|(?:買|訂|點|下單)的是.{1,12}(?:收到|寄來|來)的?(?:是|卻)|翹起|歪掉|脫落|一直(?:沒|都沒|等|顯示|卡)|怎麼還(?:沒|不)|到底|等(?:很久|好久|了\d+|了好|了一|了兩|了三|那麼久|這麼久)|沒人回|都不回|不回(?:訊息|覆)|已讀不回/,
  /破(?:了|掉|損|洞|裂|一)|碎(?:了|掉)|裂(?:開|了|掉)|壞(?:了|掉|的)|故障|損壞|漏(?:了|液|水|出|油)|凹(?:了|陷|掉)|刮(?:傷|痕|花)|變形|發霉|長霉|融化|臭(?:掉|酸)|酸掉|不新鮮|過期了|已過期|壞掉/,
  /寄錯|送錯|給錯|錯(?:的|了|誤)|少(?:寄|給|放|送|了|一|兩|\d)|漏寄|缺(?:件|貨了|了|一|少)|沒(?:有)?附|不一樣|不符|不對|跟(?:照片|圖片|網站|網頁|商品頁|描述|說明)/,
  // Something that will not do what it should: 拉不開, 關不上, 扣不起來, 裝不進去, 轉不動.
  /[拉打關扣插裝鎖轉推按拔合蓋塞開啟卡]不(?:開|上|緊|進|動|下|出|起來|回去|了)/,
  /(?<!不會|會不會)拉肚子|嘔吐|吐了|起疹子|過敏了|黃掉|枯掉|爛根|凹痕|凹陷|掉漆|生鏽|鬆(?:掉|脫|動)|會晃|搖晃|晃動|不穩|塌(?:了|掉)|退冰|變質|異味|怪味|霉味|異音|漏氣|缺角|斷(?:了|掉)|裂痕|刮痕|脫皮|褪色|掉色|起毛球|縮水|有蟲|有洞/,
  /瑕疵|過敏|紅腫|起疹|刺痛|不能用|沒辦法用|無法(?:使用|充電|開機|連|配對|讀取|付款|結帳|登入|下單)|不能(?:充|開|連|配對|付|登入|下單|結帳)|充不(?:進|了|飽)|沒反應|不會動|不亮|沒聲音|斷線|卡住|當機|爆掉|燙|沒電/,
  /爛|差勁|失望|生氣|不爽|傻眼|誇張|扯|離譜|太過分|很糟|糟糕|垃圾|詐騙|騙人|騙子|被騙|黑心|客訴|投訴|消保|檢舉|負評|退錢|還錢|不滿意|很差|超差|好差|太差|什麼鬼/,
  /\b(?:broken|damaged|cracked|leak(?:ed|ing)?|wrong (?:item|size|color|colour|product|order)|missing|defective|not working|doesn't work|does not work|stopped working|still (?:not|haven't|hasn't|waiting)|haven't (?:received|got)|never (?:arrived|received|came)|terrible|disappointed|unacceptable|ridiculous|scam|rip ?off|expired|rotten|melted|allergic|rash|(?:has|have|with|got) (?:a )?holes?|torn|ripped|stained|scratched|dented|mou?ldy?|smells? (?:bad|weird|strange|off))\b/,
];

/**
 * How the thing changed or behaves as it is used, told as a plain statement: 有點鬆, 一直往下滑, 整條暗掉,
 * 黑黑的, 只有一只, 縮回去, 透進來, 戴久了耳朵痛, 選小了, "it keeps sliding down" — a problem the shop is asked
 * to solve. Read only when the clause asks nothing: "會不會太緊" and "太鬆了 可以換小一號嗎" stay questions.
 */
export const CHANGE_REPORT_CUES: readonly RegExp[] = [
  /(?:有點|太|變)(?:鬆|緊)|一直(?:轉來轉去|往下|滑|掉|縮|跑掉|鬆)|(?:滑|掉|垮)(?:掉|下來|下去)|(?:黑黑|灰灰|黃黃)的?|暗掉|變(?:黑|黃|暗|灰|淡|色|深色)|發(?:黑|黃)|只有一(?:只|個|件|包|顆|支|隻|雙|片|條|邊)|脫(?:了|線)|(?<![打展離公召])環開了|縮回去|透(?:進|水)|滲(?:水|進)|[沖衝]不進|(?:好|會|很|就)痛|(?:耳朵|耳垂|耳洞|腳|脖子|鼻子|鼻樑|肩膀?|皮膚)痛|痛痛的|不見了|(?:都|還)沒(?:看到|拿到)(?:東西|包裹|貨)|(?:選|買|訂|挑)(?:太)?(?:小|大)了/,
  /\b(?:won'?t|doesn'?t|does not|can'?t|cannot) (?:turn on|lock|charge|close|open|fit|stay|power on|connect|light up)\b|\bkeeps? (?:sliding|slipping|falling|coming off|breaking|leaking|dropping)\b/,
];

/**
 * "好的 那就麻煩幫我…了": the customer confirms what was just agreed (the request was made before), a
 * thanks rather than a new request.
 */
export const CONFIRMING_REQUEST =
  /^(?:謝謝|感謝|感恩)(?:你們?|您|妳)?(?:願意|肯)(?:幫我|幫忙|協助)?[^?？嗎呢]{1,16}$|^(?:好的?|ok|okay|嗯|了解|那)?[\s,，]*那?就麻煩(?:你們?|您|妳)?(?:幫我|幫忙)?[^?？]{1,20}?(?:了[\s,，.。!！~～]*(?:謝謝|感謝|感恩|3q|thx)?|[\s,，.。!！~～]*(?:謝謝|感謝|感恩|3q|thx))[\s,，.。!！~～]*$|^(?:好的?|ok|okay|嗯|了解)[\s,，]*那?就麻煩(?:你們?|您|妳)?(?:幫我|幫忙)?[^?？嗎呢]{1,12}$/;

/** Gratitude, including the Taiwanese "麻煩你們了" that closes a request already made. */
export const THANKS_CUES: readonly RegExp[] = [
  /(?:幫我|替我)?跟.{1,8}?說(?:聲)?(?:謝謝|感謝|辛苦了)|(?:幫我|替我)(?:謝謝|感謝)|(?:謝謝|感謝|感恩|多謝)(?:你|妳|您)?們?(?:幫我|幫忙|協助|的|這麼|耐心|快速|用心|細心|特地|提醒|告知|說明|解答|回覆)[^?？,，。!！]*|謝謝|謝啦|謝囉|謝了|謝拉|感謝|感恩|多謝|謝\s*[x×]\s*\d|3q|thx|tks|thanks|thank you|thank u|\bty\b|\btq\b|辛苦(?:了|啦|囉|你|妳|您)|(?:再)?麻煩(?:你|妳|您)?們?(?:了|囉|喔|啦|嘍|唷)|有勞|appreciate/,
];

/** Agreement and understanding on their own ("好的", "OK 收到", "了解"). */
export const ACKNOWLEDGEMENT_ALONE =
  /^(?:好|好的|好喔|好哦|好唷|好滴|好der|好啊|好吧|好呀|好耶|嗯|嗯嗯|恩恩|喔|喔喔|哦|噢|ok|okok|okay|k|kk|好ㄉ|了解|瞭解|明白|懂了|知道了|收到|收到了|收到囉|收到喔|沒問題|沒事了|不好意思|原來是這樣|慢慢來|不急|不用急|(?:我|已經)?(?:自己)?找到(?:答案)?了|(?:已經)?(?:解決|處理好)了?|等等|等我一下|可以|行|原來|原來如此|這樣啊|這樣喔|這樣子|是喔|對|對啊|沒關係|沒事|不用了|不用|算了|也是|got ?it|noted|i ?see|sounds ?good|alright|all ?right|sure|fine|no ?problem|np|cool|great|perfect|understood)+$/;

/** A clause that ends by agreeing ("營業時間我知道了", "運費的部分了解"): said about a topic, asks nothing. */
export const ACKNOWLEDGEMENT_ENDING = /(?:我|都|就)?(?:沒事了|解決了|搞定了|知道了|了解了?|瞭解了?|明白了?|懂了|清楚了|(?<![沒未不])收到了?|沒問題|沒關係|ok了?|好的|可以了)$/;

/** "顏色可以 就這樣印": the customer approves what was shown; 就這樣 alone is a closing, and read as one. */
export const APPROVED_AS_IS = /就(?:照)?(?:這樣|這個)(?:印|做|訂|下單|出貨|寄|送|處理|進行)吧?[\s~～.。!！]*$/;

/** A clause that starts by agreeing: what follows is a statement, not a question, unless it has a question cue. */
export const ACKNOWLEDGEMENT_OPENING = /^(?:好的|好喔|好哦|好唷|好滴|好啊|好吧|好|嗯嗯|嗯|恩恩|ok|okay|了解了?|瞭解了?|明白了?|懂了|知道了|收到|沒問題|原來如此|原來|got it|noted|alright|sure)(?=[\s,，.。!！~～]|那|我|$)/;

/** "抱歉打錯了": the customer takes back their own slip; nothing to answer. */
export const SELF_CORRECTION =
  /(?:請|麻煩)?(?:忽略|無視)(?:它|他|那則|這則|上一則|剛剛(?:那則|的訊息)?)?(?:喔|哦|囉|謝謝)?(?:\s*(?:傳錯|發錯|貼錯)了?)?$|^(?:please )?(?:ignore|disregard) (?:that|this|my (?:last|previous) message)|^(?:sorry,? )?wrong (?:chat|person|number)\b|(?:上一則|剛剛那則|剛那個).{0,6}(?:是要)?傳給.{1,6}的|^(?:啊|阿|欸|唉|哎)?\s*(?:抱歉|不好意思|sorry|歹勢)?\s*(?:我)?(?:剛剛|剛才)?\s*(?:打錯|傳錯|按錯|發錯|貼錯)(?:了|字|人|囉)*(?:[\s,，.。!！~～]*(?:抱歉|不好意思|sorry|歹勢)?[\s,，.。!！~～]*$|\s*(?:是|應該是).{1,12}不是.{1,12}$)/;

/** "I'll think about it / I'll wait for the notice": acknowledgements even with a question word or a topic in them. */
export const DEFERRING_CUES: readonly RegExp[] = [
  // "我比較嬌小" describes the customer; comparing defers only as "比較一下 / 比較看看". "等到下週才會出" asks when.
  /(?<!幫)我(?:再|先|會)?(?:考慮|想想|想一下|看看|觀察|研究|比較(?=一下|看看)|討論|問問家人|問問|問一下(?!你們)|跟家人|跟.{1,4}討論)/,
  // "我再問我朋友要哪一盆": someone else decides first.
  /我(?:再|先|回去)(?:問|跟)(?:一下)?(?:我)?(?:的)?(?:朋友|家人|老公|老婆|先生|太太|媽媽?|爸爸?|男友|女友|男朋友|女朋友|同事|老闆|主管|同學|室友|另一半|客戶)/,
  /等.{1,6}(?:回來|回家|下班|有空)再(?:商量|討論|決定|說|問|看)/,
  // "知道怎麼換水了": what was asked is now known.
  /(?:知道|懂|學會|了解)(?:怎麼|如何|要怎麼).{1,10}?了|學到了|長知識了/,
  /(?:等|靜待|期待|等待)(?:你們|妳們|您們|貴店)?(?:的)?(?:出貨|通知|簡訊|消息|回覆|回音|包裹|到貨|寄出|好消息|上架|補貨|開賣|新品|新款)|等(?:它|他)?(?:到(?!下|明|後|這|禮拜|星期|週|周|月|[0-9一二三四五六七八九十])|寄來|送來)|就等/,
  /^(?:東西|包裹|貨|商品|禮盒|衣服)?(?:已經|有)?(?:收到|拿到|領到|取到)(?:貨|包裹|東西|商品|禮盒|了|囉|啦|喔|嘍)+|^(?:剛剛|剛才)?(?:已經)?(?:取貨|領貨)了/,
  /\b(?:i'll|i will|i'm going to|will) (?:wait|think|be waiting)|(?:look(?:ing)? forward)|no worries|that's fine|that works|fair enough/,
  // "我先回家量再來問": the question is for later. "那我不用耳夾了", "那就不加購禮盒了": a choice made, nothing asked.
  /再(?:來|回來)(?:問|詢問)|有(?:問題|需要|疑問|狀況|事)(?:的話)?(?:再|會)(?:來)?(?:問|找|聯絡|聯繫|跟你說|跟您說|跟你們說|私訊|敲|回報|說)|那(?:我)?(?:就)?(?:先)?不(?:用|需要|要|加購|加)[^?？嗎呢]{0,12}了?$|不(?:用|需要)[^?？嗎]{0,10}沒關係$/,
  // "等等回你", "I'll get back to you": the customer will answer later.
  /(?:等等|等一下|晚點|稍後|待會|之後|再)(?:再)?回(?:你|妳|您|覆你|覆您)|回頭再(?:說|問)|(?:等一下|晚點|等等|之後)再(?:問|說|跟你說|跟您說|告訴你|告訴您)|\bget back to you\b/,
  // "那換水我改成每週一次看看": the customer will try something themselves.
  /我(?:就|先|再)?(?:改|換|用|試)(?:成|為)?[^?？嗎呢]{0,12}看看$/,
  // "那我改成超商取貨重新下單": a choice made; the customer orders again themselves.
  /那我(?:就)?(?:改|重新|再|直接)[^?？嗎呢]{0,14}(?:下單|下訂|訂|買)[\s~～.。!！]*$/,
  // "我先量一下客廳再決定", "等薪水下來再來買", "我自己再比對一下": the next step is the customer's.
  // "想先看實品再決定" asks to see it first: a wish (想, 要) is a request.
  /(?<![想要])(?:先|再)[^?？嗎呢想要]{1,10}再(?:決定|說|買|來買|訂|下單|看)[^?？嗎呢]{0,10}$|^等.{1,8}再(?:來)?(?:買|訂|下單|說)[^?？嗎呢]{0,8}$|我自己再.{1,6}一下[^?？嗎呢]{0,6}$|\blet me (?:check|ask|think|see)\b/,
];

/** Anticipation and plans that ask nothing: "期待年節禮盒", "中秋快到了", "明年還會再訂", "下次再來買". */
export const ANTICIPATION_CUES: readonly RegExp[] = [
  /期待|快到了|要到了|還(?:會|要)再|下次(?:再|還會|一定)|下次.{1,6}?還(?:找|來|買|要|會|訂)|改天再|會再(?:來|買|訂|回購|光顧)/,
  // "發薪水再來買", "過幾天再過去", "maybe next time".
  /(?:過幾天|下個?月|下(?:禮拜|週|周)|月底|發薪水?|領薪水?|有空)(?:的時候)?(?:再|會)(?:來|去|買|訂|下單|看看|回購|光顧|找你們|過去)|\b(?:i'll|i will|will) (?:be back|come back|order again|buy again|think about it)\b|\bnext time\b|\bmaybe later\b/,
];

/**
 * What is left of a thanked clause when it names an order action and nothing else ("取消訂單 謝謝", "退貨
 * 謝謝"): a request made politely, not thanks for something done.
 */
export const BARE_ACTION_REQUEST = /^(?:請|麻煩)?(?:取消(?:訂單|訂購|這筆|這張)?|退貨|退款|退掉|換貨|改地址|改收件|開(?:統編|發票)|補寄|重寄|改一下.{0,4})$/;

/**
 * A report about what arrived ("收到的抽屜…", "收到的時候冰都退了") or what follows "but" after an
 * acknowledgement ("收到了，但是櫃門…"): a problem told as a plain statement, unless it is praise.
 */
export const REPORT_OPENING = /^(?:我)?(?:剛|今天|昨天)?(?:收到|拿到|打開)(?:的|時|的時候|之後|後|來)|^(?:但是?|可是|不過|只是|結果|but\b)/;

/**
 * "那我明天去全家拿" / "我晚點匯款": the customer says what they will do; "已經匯好了" / "錢匯過去了": what
 * they have done.
 */
export const COMMISSIVE_CUES: readonly RegExp[] = [
  /我[^,，?？]{0,6}?(?:再|會|先|就|晚點|等等|等一下|明天|後天|週末|禮拜.|星期.|週.|今天|晚上|下午|早上|之後|改天|有空|回家|回去|下班|直接)[^,，?？]{0,8}?(?:等|看|下單|下訂|訂|買|匯|付|刷|轉|取|拿|領|填|改|注意|留意|確認|試|用|找|處理|申請|寄|追蹤|查|取消|退|跟|和|問問|去|過去|收好|收起來|留著|傳|上傳|補|拍)/,
  // "檔案晚上回家再傳", "照片明天補給你": the customer will send it later.
  /(?:晚點|等等|等一下|明天|晚上|回家|下班|之後|稍後|待會)(?:再)?(?:補)?(?:傳|寄|上傳|補|拍)(?:給你|給您|過去|上來)?(?:喔|囉|哦)?$/,
  /^(?:我|那我)?(?:晚點|等等|等一下|明天|後天|今晚|晚上|下午|週末|周末|月底|下週|下禮拜|禮拜.|週.|下班後?|回家後?|有空)(?:再|會)?(?:去|來|過去)?[^\s?？嗎呢沒不才能可]{0,4}?(?:付款|匯款|轉帳|付錢|下單|訂|買|取貨|拿|領|取|看|填|寄|傳|處理|過去|去郵局|去超商|牽|pick up|check)(?!的)[^?？嗎呢沒不]{0,14}$/,
  /^(?:錢|款項?|費用|貨款)?(?:我)?(?:已經|剛剛|剛才|剛)(?:有)?(?:匯|轉|付|刷|繳|填)(?:好|完|過去|款|帳|費)*了|(?:錢|款項?|貨款|押金|訂金|定金|尾款|運費|餘款)(?:已經|剛剛|剛)?(?:匯|轉|付|繳)(?:好|過去|出去|清)了/,
  // "剛下單了 訂單編號 …": an order placed, told for the record; "報名費繳好了", "照片傳好了", "鑰匙已經放在管理室了",
  // "寄出ㄌ", "Payment sent": something done that asks nothing.
  /^(?:我)?(?:剛剛?|剛才|已經)(?:下單|下訂|訂購|結帳)(?:好|完)?了/,
  // "加入好友了", "已經註冊了": joined, told for the record.
  /^(?:我)?(?:已經|剛剛?|剛才)?(?:加(?:入)?(?:好友|line|賴|會員)|註冊|追蹤)(?:好|完)?了$/,
  // "我先把層架組起來", "舊機我會先把水倒乾淨": the customer's own next step.
  /我[^,，?？]{0,4}?(?:再|會|先|就|晚點|等等|回家|回去|自己)把[^,，?？嗎呢]{1,10}(?:起來|好|乾淨|完|掉)[\s~～.。!！]*$/,
  /(?:已|以|已經|剛剛?|剛才)[^?？嗎呢]{0,12}(?:好|完|完成|過去|進去|上去|上傳|放在.{1,6})(?:了|囉|啦|喔|ㄌ)?$|(?:照片|圖|檔案?|截圖|資料|單據)(?:已經|也|都)?(?:傳|寄|上傳)(?:過去|給你們?)?了|(?:繳|傳|寄|填|放|拍|上傳|簽)(?:好|完|出)(?:了|囉|啦|ㄌ)?$|不用回(?:了|覆)?|\b(?:payment|money|transfer) (?:sent|done|made|completed)\b|\bi(?:'ve| have) (?:paid|transferred|sent)\b/,
  // "已匯款", "已付款囉", "已轉帳 末五碼 34521", "剛付完訂金": a payment reported, not a question about paying.
  /^(?:我)?(?:已經?|以|剛剛?|剛才)(?:匯|轉|付|繳|刷)(?:款|帳|費|好|完|過)+(?:了|囉|喔)?(?:訂金|尾款|運費|餘款|押金|錢)?(?:了|囉|喔)?(?:$|\s)|(?:已經?|剛剛?|剛才)\s*(?:transfer|pay|paid|submit|匯款|轉帳|付款)\s*(?:了|囉)/,
  // "已經在7-11取貨了", "地址我改好了", "設計稿已經寄到信箱囉", "剛剛有打電話給你們了": done, told for the record.
  /(?:已經?|剛剛?|剛才)(?:在.{1,8})?(?:取貨|領貨|取件|拿到|收到)了$|(?:改|打|寫|弄|處理|貼)(?:好|完)了$|(?:已|已經).{0,8}?(?:寄|傳|送)(?:到|給).{1,8}(?:了|囉|喔)$|(?:剛剛?|剛才|已經?)有?(?:打(?:電話)?|留言|私訊|寄信|寫信)(?:給|過去)?.{0,4}?了$/,
  /\b(?:picked (?:it |them )?up|received (?:it|them)|just (?:ordered|paid|placed|transferred|submitted)|(?:placed|submitted) (?:the|an|my) order)\b/,
  // "單號貼在賣場了", "已在蝦皮按完成訂單": something done where the customer left it.
  /(?:貼|放|留|寫|傳|上傳)(?:在|到).{1,8}(?:了|囉|ㄌ)$|(?:按|點)(?:了)?(?:完成訂單|確認收貨|完成|已收到)/,
  /\b(?:i'll|i will|i'm going to|will) (?:check|look|order|place|pay|pick|try|come|keep|let you know|transfer|do|send|upload|email|mail|call|message|text|bring|drop|visit|go|get back|reply|confirm|book)/,
];

// A greeting alone, or announcing a question still to come ("你好 我想問一下"): nothing asked yet.
export const GREETING_CUES: readonly RegExp[] = [
  /^(?:你好|您好|妳好|哈囉|哈嘍|嗨|嗨嗨|安安|早安|午安|晚安|早上好|中午好|下午好|晚上好|大家好|早|老闆娘|老闆|闆娘|小編|店長|再嗎|hi|hello|hey|hiya|yo|there|good ?(?:morning|afternoon|evening)|在嗎|有人在嗎|有人嗎|小編在嗎|老闆在嗎|請問有人在嗎|哈摟|ㄏㄌ|嘿|(?:我)?(?:想|要)?(?:請)?問(?:一下|個問題|一個問題|你們|您|妳|你)?(?:一下)?|(?:我)?(?:想)?請教(?:一下)?|有問題想問|i ?have ?a ?question|can ?i ?ask ?(?:you ?)?(?:a ?question|something))+$/,
];

export const CLOSING_CUES: readonly RegExp[] = [
  /掰掰|拜拜|ㄅㄅ|881|bye|再見|不打擾了?|你們忙|再聯[繫絡系]|(?:那)?(?:就)?先這樣|生意興隆|(?:騎車|開車|出遊|路上)平安|晚安|下次見|先這樣|就這樣|有空再聊|改天聊|祝(?:您|你|妳|大家)?們?.{0,4}(?:生意興隆|順心|愉快|開心|順利|快樂|平安|發大財)|see you|have a (?:nice|good|great) (?:day|one|weekend|night)|good ?night|take care|cheers|新年快樂|中秋節快樂|節日快樂/,
  // Leaving the chat: "我先去忙了", "不吵你們了", "改天見", "talk later".
  /改天見|明年見|晚點聊|(?:先)?下線了|下次(?:再)?聊|有空再(?:來|聊)|(?:那)?(?:我)?先(?:下|離開|去忙|忙)了|去忙了|不吵(?:你們?|妳們?|您)?了|打擾了|(?:聖誕|端午|母親節|父親節|元宵|週末|周末|假期|連假)快樂|\b(?:talk (?:to you )?(?:later|soon)|ttyl|gotta go|have a good (?:day|one|evening))\b/,
];

/** Compliments, laughter and talk about anything but the order: friendly, needs no answer from a rule. */
export const CHITCHAT_CUES: readonly RegExp[] = [
  /(?:很|超|好|真的|蠻|滿|挺)(?:耐用|好用|好吃|好喝|好看|漂亮|舒服|好穿|好聞|香|甜|穩|棒|讚|實用|方便|划算|親切|專業|有感|有差|快|有耐心|厲害|有效率|貼心|細心|開心)|人(?:很|超|好|真)?好|讚+$|好好(?:推|穿|用|吃|喝|睡|騎|看|聞|玩)|(?:太|好|很)?感動|比上次(?:的)?(?:更|還)?好|這麼快就到|沒騙我|好喜歡|超喜歡|很喜歡|最喜歡|好愛|超愛|愛死|愛了|推推|大推|推爆|好評|五星|給讚|按讚了|讚讚|好棒|很棒|超棒|好看|好美|超美|很美|好可愛|超可愛|好香|超香|好吃|超好吃|很好吃|好好用|超好用|很好用|好好穿|超好穿|質感(?:很|超|好)|很有質感|包裝(?:好|很|超)(?:美|精緻|用心)|很用心|推薦給朋友|會再回購|一定回購|已回購|支持你們|加油|辛苦大家|小編(?:好|很|超)(?:可愛|用心|親切|棒)/,
  // How the customer found the shop: "朋友推薦我來的", "看到 IG 來的".
  /(?:質量|品質|quality|顯色度?|做工|手感|cp值)(?:很|超|真的|蠻|滿)?(?:好|高|棒|讚)|會回購|\b(?:great|nice|beautiful|perfect) (?:stitching|quality|work|packaging)\b/,
  // "沙發很好坐", "騎起來很順", "蛋糕超綿密", "做工很細", "超乎預期": how good it is to use.
  /(?:很|超|好|真的|蠻|滿|挺|非常)好(?:坐|躺|騎|戴|拿|洗|裝|組|寫|擦|抱|蓋|泡|沖)|(?:得|起來)(?:很|超|蠻|滿|挺|非常)(?:好|順|穩|舒服|漂亮|準)|(?:很|超|好|非常)(?:綿密|健康|精緻|扎實|紮實|nice)|做工(?:很|超|非常)?(?:細|好|精緻)|超乎預期|比預期(?:的)?(?:還)?好/,
  // Satisfaction and praise said on their own: "很滿意", "大推", "包裝很用心", "物超所值".
  /(?:很|超|非常|好|蠻|滿|十分)滿意|大推|推推|推爆|五星|好評|必回購|回購|(?:包裝|出貨|回覆|回訊息?|服務|態度)(?:很|超|好|真的|蠻|滿|也)?(?:用心|快|迅速|好|棒|讚|貼心|親切)|物超所值|cp值(?:很|超|好)?高|愛不釋手|沒話說|超讚|讚讚|(?:好|很|超)(?:可愛|美|漂亮|喜歡)|美美的|\b(?:so (?:happy|pretty|cute|good|nice)|very (?:happy|satisfied|pleased)|highly recommend|five stars?|5 stars?|best shop|you guys (?:are|rock))\b/,
  // Good news about what was bought: "長新芽了 開心", "arrived safe and sound".
  /(?:好|很|超|真)?開心(?:啦|喔|耶|欸)*$|\barrived (?:safe(?:ly)?|intact|in (?:good|perfect|great) (?:condition|shape))|\bsafe and sound\b|平安(?:收到|到達|抵達)了/,
  // Family and everyday life: "我老公說我又亂買", "我兒子整天都在玩", "剛下班".
  /^我(?:老公|老婆|先生|太太|兒子|女兒|小孩|媽|爸|家(?:的)?(?:狗|貓|貓咪|狗狗|寶寶)?).{0,12}(?:說|都在|整天|好開心|很開心|很喜歡|長新|長大)|剛下班/,
  /(?:推薦|介紹)(?:我)?(?:來|你們|妳們|您們|這家|這間)的|看到.{1,10}(?:來的|找到你們)|(?:也是)?在你們(?:這|這邊|家|店)買的/,
  /哈哈|呵呵|嘿嘿|笑死|xd+|lol|lmao|ㄏㄏ|嘻嘻|天氣|好熱|好冷|下雨|颱風|放假|[週周]末愉快|吃飽|午餐|晚餐|好累|上班|下班了|追劇|我家(?:狗|貓)|生日快樂|恭喜/,
  /\b(?:love (?:it|this|them|your|the|my|these|those)|loved it|fits? (?:perfectly|great|well|nicely)|perfect fit|works? (?:perfectly|great)|amazing|awesome|beautiful|so cute|delicious|tasty|great (?:product|service|job)|well done|keep it up|haha+|hehe|weather|weekend)\b/,
];

/** Placeholder texts some channels send for a sticker, photo or voice message. */
export const MEDIA_PLACEHOLDER = /\[(?:貼圖|sticker|圖片|照片|photo|image|表情|emoji|語音|voice)\]|\((?:貼圖|sticker|emoji|表情)\)|^(?:貼圖|sticker)$/g;

/**
 * Clause boundaries: after punctuation (kept with its clause, so a clause still ends in its "?") and
 * before connectives after which the real point follows ("收到了，但是顏色不對").
 */
export const CLAUSE_BOUNDARY = /(?<=[,，、.。!！?？;；~～\n])|(?=但是|可是|不過|只是|另外|順便|\bbut\b|\bhowever\b|\bbtw\b)/;

/** A clause that ends asking: 嗎, a question mark, or a tag question ("丟洗碗機沒問題吧"). */
export const ENDS_ASKING = /(?:嗎|[?？]|(?:沒問題|可以|ok|沒關係|對)吧)[\s~～.。!！]*$/;

/**
 * Words a problem told plainly is made of: a negation, a change, a defect, insistence ("一直", "才", "都") or
 * a doubt ("好像"). A statement with none of them ("今天騎了一百公里", "Okie noted") is small talk.
 */
export const TROUBLE_MARK =
  /[不沒別無壞錯破爛少掉怪缺漏髒臭痛癢濕變閃黃黑白死裂翹鬆緊卡歪倒斷抖吵燙冷熱軟硬乾霉蟲凸霧脫忘差]|一直|好幾天|好久|這麼久|那麼久|還是|又|才|就|只(?:能|有|剩)|結果|被|直接|完全|都|好像|明明|真的(?:能|可以|會)|比較好|全(?:是|部)|整(?:條|個|片|株|箱|盒)|一堆|一層|長(?:了|出|一)|越.{1,3}越|開箱|怎|嗎|[?？]|[\d兩三四五六七八九十]+\s*(?:個|件|份|張|盒|箱|組|套|包|瓶)|\b(?:\w+n't|dead|died|crack(?:ed)?|broken|keeps?|error|smudge[sd]?|stuff|fuzzy|tiny|flies|not|no|never|won't|doesn't|didn't|can't|stopped|wrong|missing|stain(?:ed|s)?|torn|leak(?:s|ing|ed)?|sounds?|nois[ey]|smells?|click(?:s|ing)?|beep(?:s|ing)?|weird|strange|only|crushed|cracked|dented|scratch(?:ed|es)?|damaged|ripped|defective|faulty|late|delayed|bubbles?|wet|dirty|stuck)\b/i;

/** A few words with no verb of small talk: up to six Chinese characters (a number beside them), or three English words. */
export const BARE_TOPIC = /^(?:[\p{Script=Han}]{1,6}(?:\s*[\d.]+\s*[a-z]{0,3})?|[a-z]+(?:\s+[a-z]+){0,2})$/iu;

/** A clause about the customer themselves ("我今天休假", "我們全家都用這款"): said, not asked … */
export const SELF_STATEMENT = /^(?:我|我們|偶)(?!的)/;
/** … unless it wishes, asks, negates or names trouble ("我想…", "我的…到哪", "我還沒收到"). */
export const ASKS_OR_TROUBLED = /[不沒別壞錯破爛少掉怪缺漏髒臭痛癢濕]|問題|想|要|希望|需要|幫|請|麻煩|能|可以|會不會|嗎|呢|怎|什麼|哪|幾|多少|為什麼|有沒有|是否|還是|如何|多久|應該|該|適合|以為|結果|卻|竟然|居然|怕|擔心|煩|急|趕|只|才/;
