import { describe, expect, it } from 'vitest';
import { formatDate, pageTitle } from './format';

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
