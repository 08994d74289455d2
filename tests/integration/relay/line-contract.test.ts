import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FAKE_BOT_USER_ID, FAKE_LINE_ENDPOINTS, callbackBody, fakeLineUserId, postLineWebhook, textMessageEvent } from '../../../src/demo/fake-line';
import { CHANNEL_SECRET, startRelayHarness, waitFor, type RelayHarness } from './harness';

/** The project's copy of LINE's OpenAPI files; the fake and the builders must agree with them. */
const SPEC_DIR = join(__dirname, '..', '..', 'fakes', 'line-openapi');

interface SchemaNode {
  $ref?: string;
  required?: string[];
  allOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
}
interface OpenApi {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, SchemaNode> };
}

const messagingApi = parse(readFileSync(join(SPEC_DIR, 'messaging-api.yml'), 'utf8')) as OpenApi;
const webhook = parse(readFileSync(join(SPEC_DIR, 'webhook.yml'), 'utf8')) as OpenApi;

/** Required property names of a schema, following allOf and $ref (as OpenAPI composes them). */
function requiredFields(spec: OpenApi, name: string): string[] {
  const collect = (node: SchemaNode): string[] => {
    if (node.$ref) return collect(spec.components.schemas[node.$ref.replace('#/components/schemas/', '')]!);
    return [...(node.required ?? []), ...(node.allOf ?? []).flatMap(collect)];
  };
  const schema = spec.components.schemas[name];
  if (!schema) throw new Error(`${name} is not in the spec`);
  return [...new Set(collect(schema))].sort();
}

describe('fake LINE and webhook builders follow LINE’s OpenAPI files', () => {
  it('serves only paths and methods that exist in messaging-api.yml', () => {
    for (const { method, specPath } of FAKE_LINE_ENDPOINTS) {
      expect(messagingApi.paths[specPath], specPath).toBeDefined();
      expect(Object.keys(messagingApi.paths[specPath]!), specPath).toContain(method.toLowerCase());
    }
  });

  it('builds text message events with every field webhook.yml requires', () => {
    const event = textMessageEvent({ userId: fakeLineUserId(), text: '哈囉', replyToken: 'token', markAsReadToken: 'read' });
    for (const field of requiredFields(webhook, 'MessageEvent')) expect(event, `MessageEvent.${field}`).toHaveProperty(field);
    for (const field of requiredFields(webhook, 'TextMessageContent')) expect(event.message, `TextMessageContent.${field}`).toHaveProperty(field);
    for (const field of requiredFields(webhook, 'UserSource')) expect(event.source, `UserSource.${field}`).toHaveProperty(field);
    for (const field of requiredFields(webhook, 'DeliveryContext')) expect(event.deliveryContext, `DeliveryContext.${field}`).toHaveProperty(field);
    expect(event.webhookEventId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(['active', 'standby']).toContain(event.mode);
    const body = callbackBody(FAKE_BOT_USER_ID, [event]);
    for (const field of requiredFields(webhook, 'CallbackRequest')) expect(body, `CallbackRequest.${field}`).toHaveProperty(field);
    expect(body.destination).toMatch(/^U[0-9a-f]{32}$/);
  });

  describe('the relay’s LINE calls', () => {
    let h: RelayHarness;
    beforeAll(async () => {
      h = await startRelayHarness();
    });
    afterAll(() => h.close());

    it('sends reply requests with the fields ReplyMessageRequest requires', async () => {
      const userId = fakeLineUserId();
      const replyToken = h.fakeLine.issueReplyToken();
      await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, [textMessageEvent({ userId, text: '嗨', replyToken })]));
      const agent = h.connect(0);
      await agent.hello;
      const ack = await agent.mutate({ id: 'contract-reply-1', type: 'reply.send', payload: { conversationId: `line:${userId}`, text: '您好' } });
      expect(ack).toMatchObject({ ok: true, delivery: 'sent_free' });
      const reply = await waitFor(() => h.fakeLine.replies()[0], 'reply request');
      const required = requiredFields(messagingApi, 'ReplyMessageRequest');
      expect(required).toEqual(['messages', 'replyToken']);
      for (const field of required) expect(reply.body, field).toHaveProperty(field);
      const textRequired = requiredFields(messagingApi, 'TextMessage');
      const [message] = (reply.body as { messages: object[] }).messages;
      for (const field of textRequired) expect(message, `TextMessage.${field}`).toHaveProperty(field);
    });
  });
});
