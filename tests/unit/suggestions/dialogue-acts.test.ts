import { describe, expect, it } from 'vitest';
import { actNeedsReply, classifyDialogueAct, type DialogueAct } from '../../../src/shared/suggestions/dialogue-acts';

const CASES: Array<[string, DialogueAct]> = [
  ['謝謝', 'thanks'],
  ['謝謝！', 'thanks'],
  ['感謝你們 🙏', 'thanks'],
  ['好的', 'acknowledgement'],
  ['好的 👌', 'acknowledgement'],
  ['OK', 'acknowledgement'],
  ['收到', 'acknowledgement'],
  ['了解', 'acknowledgement'],
  ['那我等出貨通知', 'acknowledgement'],
  ['👌', 'emoji_only'],
  ['👍👍', 'emoji_only'],
  ['!!!', 'emoji_only'],
  ['請問碎花洋裝還有 M 號嗎？', 'question'],
  ['這件有現貨嗎', 'question'],
  ['運費怎麼算', 'question'],
  ['大概多久會到', 'question'],
  ['我的訂單呢', 'question'],
  ['可以超商取貨嗎', 'question'],
  ['Do you ship to Hong Kong', 'question'],
  ['幫我改成 7-11 取貨', 'request'],
  ['我要退貨', 'request'],
  ['請幫我取消訂單', 'request'],
  ['我想換 L 號', 'request'],
  ['收到的衣服壞了', 'complaint'],
  ['你們寄錯顏色了', 'complaint'],
  ['謝謝，但我還沒收到', 'complaint'],
  ['等了很久都沒消息', 'complaint'],
  ['你好', 'greeting'],
  ['哈囉～', 'greeting'],
  ['掰掰', 'closing'],
  ['加賴 abc12345 日賺五千', 'spam'],
  ['哈哈', 'chitchat'],
];

describe('dialogue acts of customer messages (zh-TW)', () => {
  it.each(CASES)('%s → %s', (text, act) => {
    expect(classifyDialogueAct(text)).toBe(act);
  });

  it('only questions, requests and complaints need a reply', () => {
    const needing = (['question', 'request', 'complaint', 'thanks', 'acknowledgement', 'greeting', 'closing', 'emoji_only', 'spam', 'chitchat'] as const).filter(actNeedsReply);
    expect(needing).toEqual(['question', 'request', 'complaint']);
  });

  it('reads full-width and Simplified spellings the same way', () => {
    expect(classifyDialogueAct('请问有货吗？')).toBe('question');
    expect(classifyDialogueAct('ＯＫ')).toBe('acknowledgement');
  });
});
