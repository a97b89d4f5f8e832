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
