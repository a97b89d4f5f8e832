/**
 * Dates and times as readers and editors see them: always in the site's time zone (`site.time_zone`
 * from `GET /api/v1/site`), whatever the computer's own, so the SPA prints what the server's pages
 * print. The API's times are UTC; the zone only changes how they are shown and typed.
 */

/** The magazine's own zone, used until the site has said which one it keeps. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

let siteTimeZone = DEFAULT_TIME_ZONE;
/** One formatter per zone: building an Intl formatter costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Sets the zone every formatter below uses (the app calls it when the site's settings arrive). An
 * unknown or missing name keeps the current zone rather than breaking every date on the page.
 */
export function setSiteTimeZone(zone: string | undefined): void {
  if (zone !== undefined && zone !== siteTimeZone && wallClockFormatter(zone) !== undefined) {
    siteTimeZone = zone;
  }
}

/** The zone dates are shown in now. */
export function getSiteTimeZone(): string {
  return siteTimeZone;
}

/** What to call the site's clock beside a time an editor types: 北京时间, or the zone's name. */
export function siteTimeLabel(): string {
  return siteTimeZone === DEFAULT_TIME_ZONE ? '北京时间' : siteTimeZone;
}

function wallClockFormatter(zone: string): Intl.DateTimeFormat | undefined {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        // h23, not hour12: false, which some engines print as 24 at midnight.
        hourCycle: 'h23',
      });
    } catch {
      return undefined;
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** The site zone's calendar and clock at `time` (ms since the epoch). */
function wallClock(time: number): WallClock {
  // setSiteTimeZone takes only zones this engine knows, so the formatter is always there.
  const formatter = wallClockFormatter(siteTimeZone) as Intl.DateTimeFormat;
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatter.formatToParts(time)) {
    parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The moment a timestamp names, or undefined when there is none or it cannot be read. */
function momentOf(timestamp: string | null | undefined): number | undefined {
  if (!timestamp) {
    return undefined;
  }
  const time = new Date(timestamp).getTime();
  return Number.isNaN(time) ? undefined : time;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A publication date as the old site printed it: year-month-day without zero padding (2007-6-19),
 * the day in the site's zone. Empty when there is no date or it cannot be read.
 */
export function formatDate(timestamp: string | null | undefined): string {
  const time = momentOf(timestamp);
  if (time === undefined) {
    return '';
  }
  const { year, month, day } = wallClock(time);
  return `${year}-${month}-${day}`;
}

/** Joins the parts of a page title, most specific first: `文章标题 - 当代秘书`. */
export function pageTitle(...parts: ReadonlyArray<string | undefined>): string {
  return parts.filter((part): part is string => part !== undefined && part !== '').join(' - ');
}

/**
 * A moment (a comment's time) as `2026-11-28 10:44` in the site's zone: the same for every reader
 * whatever their computer's zone. Empty when it cannot be read.
 */
export function formatDateTime(timestamp: string | null | undefined): string {
  const time = momentOf(timestamp);
  if (time === undefined) {
    return '';
  }
  const { year, month, day, hour, minute } = wallClock(time);
  return `${year}-${month}-${day} ${pad(hour)}:${pad(minute)}`;
}

const todayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Today as the header says it (2026年1月2日星期五), in the site's zone. */
export function formatToday(now: Date = new Date()): string {
  let formatter = todayFormatters.get(siteTimeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'full', timeZone: siteTimeZone });
    todayFormatters.set(siteTimeZone, formatter);
  }
  return formatter.format(now);
}

/** "15 分钟", "40 秒": how long a rate limit asks to wait. */
export function formatWait(seconds: number): string {
  if (seconds < 60) {
    return `${Math.max(seconds, 1)} 秒`;
  }
  return `${Math.ceil(seconds / 60)} 分钟`;
}

/**
 * A moment as a `datetime-local` input's value (`2026-11-28T10:44`) on the site's clock, so every
 * editor schedules by the same clock whatever their computer's zone. Empty when there is none.
 */
export function toSiteTimeInput(timestamp: string | null | undefined): string {
  const time = momentOf(timestamp);
  if (time === undefined) {
    return '';
  }
  const { year, month, day, hour, minute } = wallClock(time);
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`;
}

/**
 * A `datetime-local` value read on the site's clock, as an RFC 3339 moment; undefined when
 * unreadable. A time the clock skips (a summer-time change) is taken at the offset before it.
 */
export function fromSiteTimeInput(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (match === null) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const asIfUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (Number.isNaN(asIfUtc)) {
    return undefined;
  }
  // The zone's offset at a guess, then at the moment that guess gives: the second is right unless
  // the offset changes in between, which only a summer-time change does.
  const offsetAt = (time: number) => {
    const clock = wallClock(time);
    return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second) - time;
  };
  const guess = asIfUtc - offsetAt(asIfUtc);
  const time = asIfUtc - offsetAt(guess);
  return new Date(time).toISOString();
}
