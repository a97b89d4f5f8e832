import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_TIME_ZONE,
  formatDate,
  formatDateTime,
  formatToday,
  formatWait,
  fromSiteTimeInput,
  getSiteTimeZone,
  pageTitle,
  setSiteTimeZone,
  siteTimeLabel,
  toSiteTimeInput,
} from './format';

afterEach(() => setSiteTimeZone(DEFAULT_TIME_ZONE));

describe('formatDate', () => {
  it('prints the day in Beijing time, without zero padding, until the site names its zone', () => {
    expect(formatDate('2007-06-19T00:00:00Z')).toBe('2007-6-19');
    expect(formatDate('2024-12-01T15:59:59Z')).toBe('2024-12-1');
  });

  it('shows an article published at 23:30 UTC on the next day in Beijing', () => {
    expect(formatDate('2026-01-01T23:30:00Z')).toBe('2026-1-2');
  });

  it('shows the same moment on the day of another zone the site keeps', () => {
    setSiteTimeZone('Europe/London');
    expect(formatDate('2026-01-01T23:30:00Z')).toBe('2026-1-1');
    setSiteTimeZone('America/New_York');
    expect(formatDate('2026-01-02T03:00:00Z')).toBe('2026-1-1');
  });

  it('reads any offset the timestamp carries', () => {
    expect(formatDate('2007-06-19T23:30:00-02:00')).toBe('2007-6-20');
  });

  it('prints nothing for a missing or unreadable date', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate(undefined)).toBe('');
    expect(formatDate('not a date')).toBe('');
  });
});

describe('the site time zone', () => {
  it('keeps the zone it has when given an unknown or missing one', () => {
    setSiteTimeZone('Europe/London');
    setSiteTimeZone('Mars/Olympus_Mons');
    setSiteTimeZone(undefined);
    expect(getSiteTimeZone()).toBe('Europe/London');
  });

  it('calls Beijing time by its name and any other zone by its own', () => {
    expect(siteTimeLabel()).toBe('北京时间');
    setSiteTimeZone('Europe/London');
    expect(siteTimeLabel()).toBe('Europe/London');
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
  it('prints the moment in Beijing time, hours and minutes padded', () => {
    expect(formatDateTime('2026-11-28T02:04:31.663892601Z')).toBe('2026-11-28 10:04');
    expect(formatDateTime('2026-06-30T16:30:00Z')).toBe('2026-7-1 00:30');
    expect(formatDateTime('2026-01-01T23:30:00Z')).toBe('2026-1-2 07:30');
  });

  it('prints the moment on the clock of the zone the site keeps, summer time included', () => {
    setSiteTimeZone('Europe/London');
    expect(formatDateTime('2026-01-01T23:30:00Z')).toBe('2026-1-1 23:30');
    expect(formatDateTime('2026-07-01T23:30:00Z')).toBe('2026-7-2 00:30');
  });

  it('prints nothing for a missing or unreadable time', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('not a time')).toBe('');
  });
});

describe('formatToday', () => {
  it('names the day it is in the site zone', () => {
    const lateInLondon = new Date('2026-01-01T23:30:00Z');
    expect(formatToday(lateInLondon)).toBe('2026年1月2日星期五');
    setSiteTimeZone('Europe/London');
    expect(formatToday(lateInLondon)).toBe('2026年1月1日星期四');
  });
});

describe('formatWait', () => {
  it('says how long to wait in seconds or minutes', () => {
    expect(formatWait(42)).toBe('42 秒');
    expect(formatWait(899)).toBe('15 分钟');
    expect(formatWait(0)).toBe('1 秒');
  });
});

describe('site time inputs', () => {
  it('shows a moment as Beijing wall-clock time, and reads it back', () => {
    expect(toSiteTimeInput('2026-11-28T02:44:00Z')).toBe('2026-11-28T10:44');
    expect(toSiteTimeInput('2026-11-28T20:05:00Z')).toBe('2026-11-29T04:05');
    expect(fromSiteTimeInput('2026-11-29T04:05')).toBe('2026-11-28T20:05:00.000Z');
    expect(fromSiteTimeInput('2026-11-28T10:44:30')).toBe('2026-11-28T02:44:30.000Z');
  });

  it('uses the clock of the zone the site keeps, in winter and in summer', () => {
    setSiteTimeZone('Europe/London');
    expect(toSiteTimeInput('2026-01-15T09:30:00Z')).toBe('2026-01-15T09:30');
    expect(toSiteTimeInput('2026-07-15T09:30:00Z')).toBe('2026-07-15T10:30');
    expect(fromSiteTimeInput('2026-01-15T09:30')).toBe('2026-01-15T09:30:00.000Z');
    expect(fromSiteTimeInput('2026-07-15T10:30')).toBe('2026-07-15T09:30:00.000Z');
  });

  it('leaves out what cannot be read', () => {
    expect(toSiteTimeInput(null)).toBe('');
    expect(toSiteTimeInput('not a date')).toBe('');
    expect(fromSiteTimeInput('')).toBeUndefined();
    expect(fromSiteTimeInput('2026-11-28')).toBeUndefined();
  });
});
