import { describe, expect, it } from 'vitest';
import {
  META_HUMAN_AGENT_WINDOW_MS,
  META_STANDARD_WINDOW_MS,
  metaMessagingFor,
  metaSendMode,
} from '../../../src/shared/delivery/meta-window';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const wrote = 1_700_000_000_000;

describe('Meta messaging window', () => {
  it('answers RESPONSE for 24 h after the customer’s last message, closing at exactly 24 h', () => {
    expect(metaSendMode(wrote, wrote, false)).toEqual({ mode: 'response', closesAt: wrote + DAY });
    expect(metaSendMode(wrote, wrote + DAY - 1, false)).toEqual({ mode: 'response', closesAt: wrote + DAY });
    expect(metaSendMode(wrote, wrote + DAY, false)).toEqual({ mode: 'held', reason: 'meta_window_closed_no_human_agent' });
    expect(metaSendMode(wrote, wrote + DAY, true)).toEqual({ mode: 'human_agent', closesAt: wrote + 7 * DAY });
  });

  it('lets a human agent answer until exactly 7 days, never after', () => {
    expect(metaSendMode(wrote, wrote + 7 * DAY - 1, true)).toEqual({ mode: 'human_agent', closesAt: wrote + 7 * DAY });
    expect(metaSendMode(wrote, wrote + 7 * DAY, true)).toEqual({ mode: 'held', reason: 'meta_window_closed' });
    expect(metaSendMode(wrote, wrote + 8 * DAY, true)).toEqual({ mode: 'held', reason: 'meta_window_closed' });
    expect(metaSendMode(wrote, wrote + 8 * DAY, false)).toEqual({ mode: 'held', reason: 'meta_window_closed' });
  });

  it('holds when the customer never wrote, and treats a timestamp ahead of our clock as just now', () => {
    expect(metaSendMode(null, wrote, true)).toEqual({ mode: 'held', reason: 'meta_window_closed' });
    expect(metaSendMode(wrote + 5_000, wrote, false)).toEqual({ mode: 'response', closesAt: wrote + 5_000 + DAY });
  });

  it('names the windows 24 h and 7 days', () => {
    expect(META_STANDARD_WINDOW_MS).toBe(86_400_000);
    expect(META_HUMAN_AGENT_WINDOW_MS).toBe(604_800_000);
  });

  it('maps each mode to the Send API fields', () => {
    expect(metaMessagingFor({ mode: 'response', closesAt: 1 })).toEqual({ messagingType: 'RESPONSE' });
    expect(metaMessagingFor({ mode: 'human_agent', closesAt: 1 })).toEqual({ messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    expect(metaMessagingFor({ mode: 'held', reason: 'meta_window_closed' })).toBeNull();
  });
});
