/**
 * A publication date as the old site printed it: year-month-day without zero padding (2007-6-19).
 * The calendar day is taken in UTC, the zone the API stores times in, so every reader sees the same
 * date. Empty when there is no date or it cannot be read.
 */
export function formatDate(timestamp: string | null | undefined): string {
  if (!timestamp) {
    return '';
  }
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  return `${date.getUTCFullYear()}-${date.getUTCMonth() + 1}-${date.getUTCDate()}`;
}

/** Joins the parts of a page title, most specific first: `文章标题 - 当代秘书`. */
export function pageTitle(...parts: ReadonlyArray<string | undefined>): string {
  return parts.filter((part): part is string => part !== undefined && part !== '').join(' - ');
}

/** China's offset from UTC; the country has kept it all year since 1991. */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * A moment (a comment's time) as `2026-11-28 10:44`, in Beijing time: the site's readers' clock,
 * the same for every reader whatever their computer's zone. Empty when it cannot be read.
 */
export function formatDateTime(timestamp: string | null | undefined): string {
  if (!timestamp) {
    return '';
  }
  const time = new Date(timestamp).getTime();
  if (Number.isNaN(time)) {
    return '';
  }
  const beijing = new Date(time + BEIJING_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${beijing.getUTCFullYear()}-${beijing.getUTCMonth() + 1}-${beijing.getUTCDate()} ` +
    `${pad(beijing.getUTCHours())}:${pad(beijing.getUTCMinutes())}`
  );
}

/** "15 分钟", "40 秒": how long a rate limit asks to wait. */
export function formatWait(seconds: number): string {
  if (seconds < 60) {
    return `${Math.max(seconds, 1)} 秒`;
  }
  return `${Math.ceil(seconds / 60)} 分钟`;
}

/**
 * A moment as a `datetime-local` input's value (`2026-11-28T10:44`) in Beijing time, so every editor
 * schedules by the same clock whatever their computer's zone. Empty when there is none.
 */
export function toBeijingInput(timestamp: string | null | undefined): string {
  if (!timestamp) {
    return '';
  }
  const time = new Date(timestamp).getTime();
  if (Number.isNaN(time)) {
    return '';
  }
  // toISOString of the shifted moment reads as Beijing's wall clock.
  return new Date(time + BEIJING_OFFSET_MS).toISOString().slice(0, 16);
}

/** A `datetime-local` value taken as Beijing time, as an RFC 3339 moment; undefined when unreadable. */
export function fromBeijingInput(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (match === null) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const time = Date.UTC(year, month - 1, day, hour, minute, second) - BEIJING_OFFSET_MS;
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
