import { describe, expect, it } from 'vitest';
import { actNeedsReply, classifyDialogueAct, readDialogueAct, type DialogueAct } from '../../../src/shared/suggestions/dialogue-acts';

const cases: ReadonlyArray<readonly [string, DialogueAct]> = [
  ['請問運費多少', 'question'],
  ['运费多少', 'question'],
  ['運費', 'question'],
  ['7-11取貨', 'question'],
  ['size chart', 'question'],
  ['do you ship to hong kong', 'question'],
  ['Can I pay by credit card?', 'question'],
  ['Thanks! When will it ship?', 'question'],
  ['你好請問可以刷卡嗎？謝謝', 'question'],
  ['想問一下有沒有現貨', 'question'],
  ['好，那運費呢', 'question'],
  ['我先等補貨好了 到貨會通知嗎', 'question'],
  ['想等下一批 會再進貨嗎？', 'question'],
  // Waiting until a day is when, not "I'll wait"; 比較 describing the customer is no comparing.
  ['週五晚上才付款 是不是要等到下禮拜才出', 'question'],
  ['我比較矮 160左右 外套會不會太長', 'question'],
  ['我再比較一下', 'acknowledgement'],
  // A tag question asks; what the customer will do next, or a slip taken back, does not.
  ['烤箱也能放 沒問題吧', 'question'],
  ['欸我傳錯了 抱歉', 'acknowledgement'],
  ['已經加好友了', 'acknowledgement'],
  ['收到 我晚點把書櫃組起來', 'acknowledgement'],
  ['了解 那我改成宅配重新下單', 'acknowledgement'],
  ['那我可以改成宅配嗎', 'question'],
  // Plans and things done without a subject; an English auxiliary asks only with its subject.
  ['今晚再去全家領', 'acknowledgement'],
  ['明天可以去全家取貨嗎', 'question'],
  ['剛刷完尾款', 'acknowledgement'],
  ['包裹我已經在萊爾富拿到了', 'acknowledgement'],
  ['收件資料我改好了', 'acknowledgement'],
  ['Will upload the receipt tonight', 'acknowledgement'],
  ['Will it ship today', 'question'],
  ['cancel the second order please', 'request'],
  ['有狀況再跟你們說', 'acknowledgement'],
  ['那張截圖請無視 貼錯', 'acknowledgement'],
  ['早安 想請教一下', 'greeting'],
  ['謝謝你們肯幫我補寄', 'thanks'],
  ['椅子很好坐 客廳變好看了', 'chitchat'],
  ['新年快樂 明年見', 'closing'],
  ['原單 名牌包 私訊詳談', 'spam'],
  // A customer's own product link is no ad, whatever the words beside it.
  ['請點這個連結 https://shop.example.com/p/12', 'question'],
  // 誰 and a choice between two measures ask.
  ['退回去的運費誰付', 'question'],
  ['衣服的版型偏長還偏短', 'question'],
  ['禮拜二傳的訊息都沒人回', 'complaint'],
  ['https://shop.example.com/p/123', 'question'],
  ['我要退貨', 'request'],
  ['幫我改地址', 'request'],
  ['麻煩幫我取消訂單', 'request'],
  ['發票要打統編 12345678', 'request'],
  ['怎麼還沒出貨？', 'complaint'],
  ['收到貨了，但是破了', 'complaint'],
  ['不是尺寸的問題，是顏色寄錯', 'complaint'],
  ['The box arrived damaged', 'complaint'],
  // Problems told as plain statements: a report about what arrived, what follows "but", what will not work.
  ['收到的衣櫃門關不起來', 'complaint'],
  // How the thing changed or behaves in use, said without a question: a problem to solve.
  ['穿了兩天拉鍊頭就掉下來', 'complaint'],
  ['耳機戴著一直往下滑', 'complaint'],
  ['杯子外面一圈黃黃的', 'complaint'],
  ['盒子裡只有一隻手套', 'complaint'],
  ['雨傘收好了水一直滲進去', 'complaint'],
  ['藍牙喇叭沖不進電', 'complaint'],
  ['The charger won\'t turn on', 'complaint'],
  ['the strap keeps slipping off', 'complaint'],
  // … but asked as a hypothetical it stays a question, and praise is no problem.
  ['這雙鞋會不會太緊', 'question'],
  ['褲頭太鬆了 可以換小一號嗎', 'question'],
  ['新鞋子穿起來好舒服', 'chitchat'],
  // A payment reported, a question put off, a choice made: nothing to answer.
  ['已付款', 'acknowledgement'],
  ['我晚上回去量好尺寸再來問', 'acknowledgement'],
  ['那我不需要禮盒了', 'acknowledgement'],
  ['好 那就不加購了', 'acknowledgement'],
  ['已付款 什麼時候出貨', 'question'],
  // Settled, to be tried, answered later, relayed thanks, a choice made: nothing to answer either …
  ['我看一下車子的年份 等等回你', 'acknowledgement'],
  ['好 那澆水我改成三天一次看看', 'acknowledgement'],
  ['好喔 那說明書我先收好', 'acknowledgement'],
  ['原來要先重開機 我回去試試看', 'acknowledgement'],
  ['後來自己找到了 沒事了', 'acknowledgement'],
  ['嗯嗯 那紙本收據不用沒關係', 'acknowledgement'],
  ['明天付款', 'acknowledgement'],
  ['已經匯款了 再麻煩妳囉', 'thanks'],
  ['幫我跟送貨的大哥說謝謝', 'thanks'],
  ['ok 那就麻煩週五出貨', 'thanks'],
  ['Thanks, the cover fits perfectly', 'thanks'],
  ['We are a marketing agency helping shops grow, see www.grow-fast.example', 'spam'],
  ['幫你們刷五星評論 https://stars.example', 'spam'],
  ['剛剛下單了 單號 A1234', 'acknowledgement'],
  // … while these still ask.
  ['麻煩你們幫我改週五出貨', 'request'],
  ['那就麻煩週五出貨嗎', 'question'],
  ['可以幫我改成宅配嗎', 'question'],
  ['我回去量了 腰圍78 要穿哪個尺寸', 'question'],
  // Announcing a question still to come asks nothing yet.
  ['您好 想請問一下', 'greeting'],
  ['請問', 'greeting'],
  ['請問一下 有現貨嗎', 'question'],
  ['收到了，可是桌腳有凹痕', 'complaint'],
  ['打開的時候冰塊都化了', 'complaint'],
  ['書桌放起來會晃', 'complaint'],
  // Questions without a question word or mark: 幾 + a unit, A-not-A.
  ['一次要放幾匙', 'question'],
  ['這款穿起來熱不熱', 'question'],
  // Requests in English and for a slip the shop must undo.
  ['we need 50 sets for the office', 'request'],
  ['剛剛不小心下了兩次單', 'request'],
  // Agreement, a payment already made, a slip taken back, a request confirmed, praise with a plan.
  ['了解了 那我再湊一下免運', 'acknowledgement'],
  ['明白了 禮拜天我去門市拿', 'acknowledgement'],
  ['款項已經轉好了', 'acknowledgement'],
  ['剛才打錯字 是綠色不是藍色', 'acknowledgement'],
  ['好 那就麻煩幫我包裝了 謝謝', 'thanks'],
  ['店員很專業 下次買床墊還找你們', 'acknowledgement'],
  ['那就麻煩幫我取消訂單', 'request'],
  ['我已經付款了 什麼時候寄', 'question'],
  ['已經匯款了但還沒出貨', 'complaint'],
  ['謝謝', 'thanks'],
  ['好的謝謝', 'thanks'],
  ['收到貨了 謝謝', 'thanks'],
  ['麻煩你們了', 'thanks'],
  ['不用了謝謝', 'thanks'],
  ['好的 那我等出貨通知', 'acknowledgement'],
  ['OK 收到', 'acknowledgement'],
  ['那我明天去全家拿', 'acknowledgement'],
  ['了解，我再考慮看看', 'acknowledgement'],
  ["ok, I'll wait for the shipping email", 'acknowledgement'],
  ['好期待夏季新品', 'acknowledgement'],
  ['下次還會再來買', 'acknowledgement'],
  ['你好', 'greeting'],
  ['在嗎', 'greeting'],
  ['哈囉～', 'greeting'],
  ['掰掰', 'closing'],
  ['晚安', 'closing'],
  ['👍', 'emoji_only'],
  ['😂😂', 'emoji_only'],
  ['[貼圖]', 'emoji_only'],
  ['   ', 'emoji_only'],
  ['限時優惠！加LINE領取 https://bit.ly/abc', 'spam'],
  ['在家工作月入十萬 加賴 abc123', 'spam'],
  ['Congratulations! You have won a free gift, click here www.prize-now.xyz', 'spam'],
  ['您好，我們是網紅經紀公司，想跟貴店談合作方案', 'spam'],
  ['今天好熱喔', 'chitchat'],
  ['你們家衣服好好看', 'chitchat'],
  ['Love your products!', 'chitchat'],
  ['哈哈哈', 'chitchat'],
  ['下雨天都不想出門', 'chitchat'],
  ['同事介紹我來的', 'chitchat'],
  // An order action said with thanks is a polite request; an order in a statement; one called off.
  ['退款 謝謝', 'request'],
  ['改地址謝謝', 'request'],
  ['主管要我訂兩盒送客戶', 'request'],
  ['婚禮不辦了 蛋糕不用做了', 'request'],
  ['禮盒不想讓她知道是我寄的', 'request'],
  // What was asked is now known; a slip excused; asking someone else first.
  ['學會怎麼組裝了 謝謝', 'thanks'],
  ['懂怎麼設定了', 'acknowledgement'],
  ['貼錯了 抱歉', 'acknowledgement'],
  ['我再問問室友要不要一起買', 'acknowledgement'],
  // Someone else decides first; a choice made after the answer; what the customer will send later; a question
  // kept for later; approval of what was shown; a message taken back; how the customer found the shop; good news.
  ['我先問我媽要哪個顏色', 'acknowledgement'],
  ['了解 那我先不要刻字', 'acknowledgement'],
  ['照片我明天再傳', 'acknowledgement'],
  ["I'll email the logo tonight", 'acknowledgement'],
  ['有問題的話再私訊你們', 'acknowledgement'],
  ['樣品看過了 就照這樣做', 'acknowledgement'],
  ['上一則請忽略', 'acknowledgement'],
  ['please ignore my last message', 'acknowledgement'],
  ['朋友推薦這家的', 'chitchat'],
  ['多肉冒新芽了 好開心', 'chitchat'],
  ['The plants arrived safe and sound', 'chitchat'],
  // Something done (money of any kind sent, a file left somewhere, a platform button pressed), a plan with what it
  // is for, praise of a named thing, a closing with its particle, an ad whose marks come from one family of words.
  ['押金已經轉過去了', 'acknowledgement'],
  ['以付款', 'acknowledgement'],
  ['截圖傳到你們信箱了', 'acknowledgement'],
  ['我已經按確認收貨了', 'acknowledgement'],
  ['我先去量一下窗戶再決定買哪一款', 'acknowledgement'],
  ['等年終下來再買那台', 'acknowledgement'],
  ['Love the scarf, so soft', 'chitchat'],
  ['好 那就先這樣囉', 'closing'],
  ['哈囉', 'greeting'],
  ['貸款免保人 當日撥款 歡迎洽詢', 'spam'],
  // Satisfaction, leaving the chat and plans for another day, in Chinese and English.
  ['包裝很用心 大推', 'chitchat'],
  ['五星好評', 'chitchat'],
  ['我先去忙了', 'closing'],
  ['talk to you later', 'closing'],
  ['發薪水再來買', 'acknowledgement'],
  ['maybe next time', 'acknowledgement'],
  ['好喜歡這件 還有別的顏色嗎', 'question'],
  // … while the same words asking stay questions.
  ['押金要轉到哪裡', 'question'],
  ['照片傳到哪裡了', 'question'],
  ['我先量尺寸 再決定要買哪個 可以嗎', 'question'],
  ['照片要傳到哪裡', 'question'],
  ['就這樣印的話要幾天', 'question'],
  ['我先不要包裝 可以嗎', 'question'],
  // Reminders and urging ask the shop to act.
  ['有新色記得通知我', 'request'],
  ['拜託盡快出貨 週末要用', 'request'],
  ['早上好', 'greeting'],
  ['下午好', 'greeting'],
];

describe('classifyDialogueAct', () => {
  it.each(cases)('%s → %s', (text, act) => {
    expect(classifyDialogueAct(text)).toBe(act);
  });

  it('reads a statement about the customer alone as asking nothing, but not when another phrase follows or trouble is named', () => {
    expect(readDialogueAct('我今天休假')).toEqual({ act: 'acknowledgement', certain: true });
    expect(readDialogueAct('我們剛搬到台中')).toEqual({ act: 'acknowledgement', certain: true });
    // The second phrase is what the message is about.
    expect(readDialogueAct('我個子比較嬌小 長版的穿起來都拖地')).toMatchObject({ act: 'chitchat', certain: false, plain: false });
    expect(actNeedsReply(classifyDialogueAct('我腳很寬 窄版的穿起來很緊'))).toBe(true);
    expect(actNeedsReply(classifyDialogueAct('我上週買的還沒收到'))).toBe(true);
  });

  it('reads a statement no cue knows as plain (likely small talk) unless it tells of trouble or names a bare topic', () => {
    expect(readDialogueAct('昨天跟朋友去爬山')).toEqual({ act: 'chitchat', certain: false, plain: true });
    expect(readDialogueAct('剛看完一部電影')).toEqual({ act: 'chitchat', certain: false, plain: true });
    // A bare topic is an elliptical question; trouble told plainly may be answered by the shop.
    expect(readDialogueAct('保證金')).toEqual({ act: 'chitchat', certain: false, plain: false });
    expect(readDialogueAct('Parking lot')).toEqual({ act: 'chitchat', certain: false, plain: false });
    expect(readDialogueAct('水草葉子長了一層白白的')).toEqual({ act: 'chitchat', certain: false, plain: false });
    expect(readDialogueAct('那張紙被我弄丟了')).toEqual({ act: 'chitchat', certain: false, plain: false });
    // 多 before a measure asks, and ㄇ is 嗎 typed as its initial.
    expect(classifyDialogueAct('鍋子要預熱多長')).toBe('question');
    expect(classifyDialogueAct('濾網要多常換')).toBe('question');
    expect(classifyDialogueAct('可以分開寄ㄇ')).toBe('question');
  });

  it('only questions, requests and complaints need a reply', () => {
    const acts: DialogueAct[] = ['question', 'request', 'complaint', 'thanks', 'acknowledgement', 'greeting', 'closing', 'emoji_only', 'spam', 'chitchat'];
    expect(acts.filter(actNeedsReply)).toEqual(['question', 'request', 'complaint']);
  });
});
