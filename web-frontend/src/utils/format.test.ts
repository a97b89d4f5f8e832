import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatWait, fromBeijingInput, pageTitle, toBeijingInput } from './format';

describe('formatDate', () => {
  it('prints the UTC calendar day without zero padding', () => {
    expect(formatDate('2007-06-19T00:00:00Z')).toBe('2007-6-19');
    expect(formatDate('2024-12-01T23:30:00Z')).toBe('2024-12-1');
  });

  it('uses the UTC day even when the offset moves the local day', () => {
    expect(formatDate('2007-06-19T23:30:00-02:00')).toBe('2007-6-20');
  });

  it('prints nothing for a missing or unreadable date', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate(undefined)).toBe('');
    expect(formatDate('not a date')).toBe('');
  });
});

describe('pageTitle', () => {
  it('joins the known parts with a dash', () => {
    expect(pageTitle('特稿', '当代秘书')).toBe('特稿 - 当代秘书');
    expect(pageTitle('特稿', undefined)).toBe('特稿');
    expect(pageTitle(undefined, '当代秘书')).toBe('当代秘书');
  });
});

describe('formatDateTime', () => {
  it('prints the moment in Beijing time, minutes padded', () => {
    expect(formatDateTime('2026-11-28T02:04:31.663892601Z')).toBe('2026-11-28 10:04');
    expect(formatDateTime('2026-06-30T16:30:00Z')).toBe('2026-7-1 00:30');
  });

  it('prints nothing for a missing or unreadable time', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('not a time')).toBe('');
  });
});

describe('formatWait', () => {
  it('says how long to wait in seconds or minutes', () => {
    expect(formatWait(42)).toBe('42 秒');
    expect(formatWait(899)).toBe('15 分钟');
    expect(formatWait(0)).toBe('1 秒');
  });
});

describe('Beijing time inputs', () => {
  it('shows a moment as Beijing wall-clock time, and reads it back', () => {
    expect(toBeijingInput('2026-11-28T02:44:00Z')).toBe('2026-11-28T10:44');
    expect(toBeijingInput('2026-11-28T20:05:00Z')).toBe('2026-11-29T04:05');
    expect(fromBeijingInput('2026-11-29T04:05')).toBe('2026-11-28T20:05:00.000Z');
    expect(fromBeijingInput('2026-11-28T10:44:30')).toBe('2026-11-28T02:44:30.000Z');
  });

  it('leaves out what cannot be read', () => {
    expect(toBeijingInput(null)).toBe('');
    expect(toBeijingInput('not a date')).toBe('');
    expect(fromBeijingInput('')).toBeUndefined();
    expect(fromBeijingInput('2026-11-28')).toBeUndefined();
  });
});
