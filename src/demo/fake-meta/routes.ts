import { FAKE_META_ERRORS, type FakeGraphAnswer } from './graph-errors';
import { fakeMid } from './webhooks';
import { firstIssue, messageRequestSchema, senderActionRequestSchema, textTooLong, type MessageRequest } from './send-schema';

export const META_STANDARD_WINDOW_MS = 24 * 60 * 60 * 1000;
export const META_HUMAN_AGENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export type FakeMetaChannel = 'messenger' | 'instagram';

export interface FakeMetaProfile {
  /** Messenger fields. */
  first_name?: string;
  last_name?: string;
  /** Instagram fields. */
  name?: string;
  username?: string;
  profile_pic?: string;
}

export interface FakeMetaCustomer {
  id: string;
  channel: FakeMetaChannel;
  /** When the customer last wrote (Meta's clock, ms); null = never, so no window is open. */
  lastMessageAt: number | null;
  /** 551: the person cannot be messaged (blocked the page, deactivated). */
  unavailable: boolean;
  /** Null: the profile GET fails like Meta's does for some users. */
  profile: FakeMetaProfile | null;
}

/** A send Meta accepted. */
export interface FakeMetaSend {
  mid: string;
  recipientId: string;
  channel: FakeMetaChannel;
  messagingType: MessageRequest['messaging_type'];
  tag: string | null;
  message: MessageRequest['message'];
  sentAt: number;
}

export interface FakeMetaState {
  now: () => number;
  customers: Map<string, FakeMetaCustomer>;
  sends: FakeMetaSend[];
}

const PROFILE_FIELDS: Record<FakeMetaChannel, readonly string[]> = {
  messenger: ['first_name', 'last_name', 'profile_pic'],
  instagram: ['name', 'username', 'profile_pic'],
};

function recipientOf(state: FakeMetaState, id: string): { ok: true; customer: FakeMetaCustomer } | { ok: false; answer: FakeGraphAnswer } {
  const customer = state.customers.get(id);
  if (!customer) return { ok: false, answer: FAKE_META_ERRORS.noMatchingUser() };
  if (customer.unavailable) return { ok: false, answer: FAKE_META_ERRORS.personUnavailable() };
  return { ok: true, customer };
}

/** RESPONSE only within 24 h of the customer's last message; MESSAGE_TAG + HUMAN_AGENT within 7 days. */
function insideWindow(state: FakeMetaState, customer: FakeMetaCustomer, request: MessageRequest): boolean {
  if (customer.lastMessageAt === null) return false;
  const age = state.now() - customer.lastMessageAt;
  return age < (request.messaging_type === 'RESPONSE' ? META_STANDARD_WINDOW_MS : META_HUMAN_AGENT_WINDOW_MS);
}

/** POST /{version}/me/messages (or /{page-id}/messages): a message or a sender action. */
export function handleMessages(state: FakeMetaState, body: unknown): FakeGraphAnswer {
  if (typeof body === 'object' && body !== null && 'sender_action' in body) {
    const action = senderActionRequestSchema.safeParse(body);
    if (!action.success) return FAKE_META_ERRORS.invalidParameter(firstIssue(action.error));
    const recipient = recipientOf(state, action.data.recipient.id);
    if (!recipient.ok) return recipient.answer;
    return { status: 200, body: { recipient_id: recipient.customer.id } };
  }
  const request = messageRequestSchema.safeParse(body);
  if (!request.success) return FAKE_META_ERRORS.invalidParameter(firstIssue(request.error));
  const recipient = recipientOf(state, request.data.recipient.id);
  if (!recipient.ok) return recipient.answer;
  const { customer } = recipient;
  if ('text' in request.data.message) {
    const tooLong = textTooLong(customer.channel, request.data.message.text);
    if (tooLong) return FAKE_META_ERRORS.invalidParameter(tooLong);
  }
  if (!insideWindow(state, customer, request.data)) return FAKE_META_ERRORS.outsideWindow();
  const mid = fakeMid();
  state.sends.push({
    mid,
    recipientId: customer.id,
    channel: customer.channel,
    messagingType: request.data.messaging_type,
    tag: request.data.tag ?? null,
    message: request.data.message,
    sentAt: state.now(),
  });
  return { status: 200, body: { recipient_id: customer.id, message_id: mid } };
}

/** GET /{version}/{PSID|IGSID}?fields=…: only the channel's profile fields exist. */
export function handleProfile(state: FakeMetaState, id: string, fields: string | null): FakeGraphAnswer {
  const customer = state.customers.get(id);
  if (!customer?.profile) return FAKE_META_ERRORS.unknownObject(id);
  const allowed = PROFILE_FIELDS[customer.channel];
  const wanted = (fields ?? 'id').split(',').map((field) => field.trim()).filter(Boolean);
  const unknownField = wanted.find((field) => field !== 'id' && !allowed.includes(field));
  if (unknownField) return FAKE_META_ERRORS.invalidParameter(`Tried accessing nonexisting field (${unknownField}) on node type (User)`);
  const profile: Record<string, string> = { id };
  for (const field of wanted) {
    const value = customer.profile[field as keyof FakeMetaProfile];
    if (value !== undefined) profile[field] = value;
  }
  return { status: 200, body: profile };
}
