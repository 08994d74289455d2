import { describe, expect, it } from 'vitest';
import { formatCountdown, countdownTone } from '../../../src/renderer/lib/countdown';
import { formatDayLabel, formatRelativeTime } from '../../../src/renderer/lib/relative-time';
import { createTranslator } from '../../../src/renderer/i18n/translate';
import { avatarColour, initialsOf } from '../../../src/renderer/lib/avatar';

const zh = createTranslator('zh-TW');
const en = createTranslator('en');
// Local wall-clock times, so the tests hold in any time zone.
const NOW = new Date(2024, 2, 14, 15, 30, 0).getTime(); // Thursday 14 March 2024, 15:30

describe('formatRelativeTime', () => {
  it('says 剛剛 under a minute, and for clock skew into the future', () => {
    expect(formatRelativeTime(NOW - 59_000, NOW, zh, 'zh-TW')).toBe('剛剛');
    expect(formatRelativeTime(NOW + 5_000, NOW, zh, 'zh-TW')).toBe('剛剛');
    expect(formatRelativeTime(NOW - 10_000, NOW, en, 'en')).toBe('just now');
  });

  it('counts whole minutes under an hour', () => {
    expect(formatRelativeTime(NOW - 3 * 60_000 - 20_000, NOW, zh, 'zh-TW')).toBe('3 分鐘前');
    expect(formatRelativeTime(NOW - 59 * 60_000, NOW, en, 'en')).toBe('59 min ago');
  });

  it('shows the clock time earlier today, 昨天 for yesterday', () => {
    expect(formatRelativeTime(new Date(2024, 2, 14, 9, 5).getTime(), NOW, zh, 'zh-TW')).toBe('09:05');
    expect(formatRelativeTime(new Date(2024, 2, 13, 23, 59).getTime(), NOW, zh, 'zh-TW')).toBe('昨天');
    expect(formatRelativeTime(new Date(2024, 2, 13, 0, 1).getTime(), NOW, en, 'en')).toBe('Yesterday');
  });

  it('uses the weekday within a week, then the date, with the year only for other years', () => {
    expect(formatRelativeTime(new Date(2024, 2, 11, 12, 0).getTime(), NOW, zh, 'zh-TW')).toBe('週一');
    expect(formatRelativeTime(new Date(2024, 1, 2, 12, 0).getTime(), NOW, zh, 'zh-TW')).toBe('2/2');
    expect(formatRelativeTime(new Date(2023, 11, 25, 12, 0).getTime(), NOW, zh, 'zh-TW')).toBe('2023/12/25');
  });
});

describe('formatDayLabel', () => {
  it('names today and yesterday, otherwise the full date', () => {
    expect(formatDayLabel(NOW - 60_000, NOW, zh, 'zh-TW')).toBe('今天');
    expect(formatDayLabel(new Date(2024, 2, 13, 8, 0).getTime(), NOW, zh, 'zh-TW')).toBe('昨天');
    expect(formatDayLabel(new Date(2024, 2, 1, 8, 0).getTime(), NOW, zh, 'zh-TW')).toBe('3月1日 週五');
  });
});

describe('formatCountdown', () => {
  it('rounds up to whole seconds so an open window never reads 0:00', () => {
    expect(formatCountdown(42_000)).toBe('0:42');
    expect(formatCountdown(41_001)).toBe('0:42');
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-5_000)).toBe('0:00');
    expect(formatCountdown(65_000)).toBe('1:05');
  });

  it('turns urgent under 15 s and closed at zero', () => {
    expect(countdownTone(15_000)).toBe('calm');
    expect(countdownTone(14_999)).toBe('urgent');
    expect(countdownTone(1)).toBe('urgent');
    expect(countdownTone(0)).toBe('closed');
  });
});

describe('avatar', () => {
  it('takes the family name of a Chinese name and Latin initials otherwise', () => {
    expect(initialsOf('陳小姐')).toBe('陳');
    expect(initialsOf('Amy Wu')).toBe('AW');
    expect(initialsOf('kevin')).toBe('K');
    expect(initialsOf('  ')).toBe('?');
    expect(initialsOf('Mark 馬克')).toBe('M馬');
  });

  it('never takes an invisible or bidi character as the initial', () => {
    expect(initialsOf('\u202e陳小姐')).toBe('陳');
    expect(initialsOf('\u200bAmy \u2066Wu')).toBe('AW');
    expect(initialsOf('\u200b\u202e')).toBe('?');
  });

  it('gives a name the same colour every time', () => {
    expect(avatarColour('王媽媽')).toBe(avatarColour('王媽媽'));
    expect(avatarColour('王媽媽')).toMatch(/^#[0-9A-F]{6}$/i);
  });
});
