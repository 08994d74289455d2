import { afterEach, describe, expect, it } from 'vitest';
import { samplePdf, sampleParcelPhoto } from '../../../src/demo/fake-line';
import type { RelayEvent } from '../../../src/shared/protocol';
import { webchatMessageSchema } from '../../../src/shared/protocol/webchat';
import { waitFor } from '../../support/processes';
import { startRelayHarness, type RelayHarness } from '../relay/harness';
import { IDENTITY_SECRET, SHOP_ORIGIN, newVisitorId, visitorOnline, type VisitorPage } from './visitor-support';

/** An agent's photo and file reach a web chat visitor live, served by the relay. */
let harness: RelayHarness;
let page: VisitorPage | null = null;
afterEach(async () => {
  page?.close();
  await harness?.close();
});

describe('photos and files to web chat visitors', () => {
  it('shows the visitor the photo and the file, served by the relay that served the widget', async () => {
    // No RELAY_PUBLIC_URL: web chat needs none (the widget loads from the relay itself).
    harness = await startRelayHarness({ env: { WEBCHAT_ALLOWED_ORIGINS: SHOP_ORIGIN, WEBCHAT_IDENTITY_SECRET: IDENTITY_SECRET } });
    const agent = harness.connect();
    await agent.hello;
    page = await visitorOnline(harness.relay.url, newVisitorId());
    const ack = await page.send('可以給我看包裝的樣子嗎？');
    expect(ack.ok).toBe(true);
    const conversationId = await waitFor(
      () => agent.events.find((event): event is Extract<RelayEvent, { type: 'message.received' }> => event.type === 'message.received')?.conversationId,
      { what: 'the conversation' },
    );
    const photo = sampleParcelPhoto(240, 180);
    const pdf = samplePdf('Gift wrap');
    for (const [id, body, kind, name] of [['wc-photo-upload', photo, 'image', '包裝.png'], ['wc-file-upload', pdf, 'file', '包裝說明.pdf']] as const) {
      const uploaded = await fetch(`${harness.relay.url}/uploads/${id}?kind=${kind}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${harness.agentToken}`, 'x-file-name': encodeURIComponent(name) },
        body: new Uint8Array(body),
      });
      expect(uploaded.status).toBe(201);
      const sent = await agent.mutate({ id: `${id}-send`, type: 'reply.sendContent', payload: { conversationId, content: { type: kind, uploadId: id } } });
      expect(sent).toMatchObject({ ok: true, delivery: 'sent_free' });
    }
    const [photoMessage, fileMessage] = await waitFor(() => {
      const fromAgent = page!.messages.filter((message) => message.from === 'agent');
      return fromAgent.length === 2 ? fromAgent : undefined;
    }, { what: 'both at the visitor' });
    expect(webchatMessageSchema.safeParse(photoMessage).success).toBe(true);
    expect(photoMessage!.attachment).toMatchObject({ kind: 'image', path: expect.stringMatching(/^\/public\/media\//), size: photo.length });
    expect(fileMessage!.attachment).toMatchObject({ kind: 'file', name: '包裝說明.pdf', size: pdf.length });
    const fetched = await fetch(`${harness.relay.url}${photoMessage!.attachment!.path}`);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(photo)).toBe(true);
    const file = await fetch(`${harness.relay.url}${fileMessage!.attachment!.path}`);
    expect(file.headers.get('content-disposition')).toContain('attachment');
  });
});
