import { Link } from 'react-router';
import './pagination.css';

type PaginationProps = {
  page: number;
  totalPages: number;
  /** The address of page `n`. */
  hrefFor: (n: number) => string;
};

type Slot = number | 'gap';

/** Pages to offer as numbers: all of them when few, else the first, the last and those around `page`. */
export function pageSlots(page: number, totalPages: number): Slot[] {
  if (totalPages <= 9) {
    return Array.from({ length: totalPages }, (_, i) => i + 1);
  }
  const from = Math.max(2, Math.min(page - 2, totalPages - 5));
  const to = Math.min(totalPages - 1, Math.max(page + 2, 6));
  const slots: Slot[] = [1];
  if (from > 2) slots.push('gap');
  for (let n = from; n <= to; n += 1) slots.push(n);
  if (to < totalPages - 1) slots.push('gap');
  slots.push(totalPages);
  return slots;
}

/** 上一页 1 2 3 下一页: links to the other pages of a list; the current page is marked, not linked. */
export function Pagination({ page, totalPages, hrefFor }: PaginationProps) {
  const last = Math.max(totalPages, 1);
  // Past the end (an old bookmark), 上一页 leads back to the last page that has something.
  const previous = Math.min(page - 1, last);
  return (
    <nav className="pagination" aria-label="分页">
      <ul className="pagination__list">
        <li>
          {page > 1 ? (
            <Link to={hrefFor(previous)} rel="prev">
              上一页
            </Link>
          ) : (
            <span className="pagination__disabled">上一页</span>
          )}
        </li>
        {pageSlots(page, last).map((slot, index) =>
          slot === 'gap' ? (
            <li key={`gap-${index}`} className="pagination__gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={slot}>
              {slot === page ? (
                <span className="pagination__current" aria-current="page">
                  {slot}
                </span>
              ) : (
                <Link to={hrefFor(slot)}>{slot}</Link>
              )}
            </li>
          ),
        )}
        <li>
          {page < last ? (
            <Link to={hrefFor(page + 1)} rel="next">
              下一页
            </Link>
          ) : (
            <span className="pagination__disabled">下一页</span>
          )}
        </li>
      </ul>
    </nav>
  );
}
