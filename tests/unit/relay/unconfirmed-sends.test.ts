import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mapLineEvents } from '../../../src/relay/channels/line/event-mapper';
import { startUnconfirmedSendSweep, UNCONFIRMED_MARGIN_MS } from '../../../src/relay/delivery/unconfirmed-sends';
import { silentLogger } from '../../../src/relay/logger';
import { textMessageEvent } from '../../../src/demo/fake-line';
import { openTempStore, type TempStore } from './store-fixture';
import { recordInbound } from '../../support/inbound';

const USER = 'U0123456789abcdef0123456789abcdef';
const CONVERSATION = `line:${USER}`;
const TIMEOUT = 1_000;

describe('replies left sending by a relay that died mid-send', () => {
  let fixture: TempStore;
  beforeEach(async () => {
    fixture = await openTempStore();
    await recordInbound(fixture.store, mapLineEvents([textMessageEvent({ userId: USER, text: '在嗎', replyToken: 'tok-1', timestamp: 1 })]), 1_000);
  });
  afterEach(() => fixture.dispose());

  /** Claims the fresh token and stops before the LINE call — what a SIGKILL during the call leaves. */
  async function beginSendAndDie(mutationId: string, now: number) {
    const begun = await fixture.store.beginReplySend({
      mutationId,
      messageId: `msg-${mutationId}`,
      conversationId: CONVERSATION,
      text: '有的，幫您查詢',
      agentName: 'Amy',
      now,
      pushConsent: false,
      newRetryKey: `retry-${mutationId}`,
      rules: [],
    });
    expect(begun.kind).toBe('send');
  }

  it('become failed / line_unconfirmed once older than the LINE timeout, with the stored mutation answer', async () => {
    await beginSendAndDie('mut-1', 2_000);
    let clock = 2_000 + TIMEOUT; // a live relay could still be waiting for LINE: leave it alone
    const sweeper = await startUnconfirmedSendSweep({ store: fixture.store, now: () => clock, logger: silentLogger, lineRequestTimeoutMs: TIMEOUT });
    try {
      expect((await fixture.store.getOutboundMessage('msg-mut-1'))?.delivery).toBe('sending');
      clock = 2_000 + TIMEOUT + UNCONFIRMED_MARGIN_MS + 1;
      expect(await sweeper.sweep()).toBe(1);
      expect(await fixture.store.getOutboundMessage('msg-mut-1')).toMatchObject({ delivery: 'failed', reason: 'line_unconfirmed' });
      expect(await fixture.store.getMutation('mut-1')).toEqual({
        id: 'mut-1',
        state: 'done',
        answer: { ok: true, messageId: 'msg-mut-1', delivery: 'failed', reason: 'line_unconfirmed' },
      });
      const last = (await fixture.store.readEvents(0, 100)).at(-1);
      expect(last).toMatchObject({ type: 'delivery.updated', payload: { mutationId: 'mut-1', delivery: 'failed', reason: 'line_unconfirmed' } });
      expect(await sweeper.sweep()).toBe(0); // settled once, no second event
    } finally {
      sweeper.stop();
    }
  });
});
