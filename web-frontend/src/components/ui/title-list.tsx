import type { ReactNode } from 'react';
import { Link } from 'react-router';
import './title-list.css';

export type TitleListItem = {
  key: string | number;
  to: string;
  title: string;
  /** Shown at the end of the line: a date, a view count. */
  aside?: ReactNode;
};

type TitleListProps = {
  items: TitleListItem[];
  /** Numbered lines (a ranking) instead of ◆ bullets. */
  ordered?: boolean;
};

/**
 * Article titles, one a line, as the old site listed them. A title too long for its line is cut with
 * an ellipsis by CSS; the whole title stays in the link's text and its tooltip.
 */
export function TitleList({ items, ordered = false }: TitleListProps) {
  const List = ordered ? 'ol' : 'ul';
  return (
    <List className={ordered ? 'title-list title-list--ordered' : 'title-list'}>
      {items.map((item) => (
        <li key={item.key} className="title-list__item">
          <Link to={item.to} title={item.title} className="title-list__link">
            {item.title}
          </Link>
          {item.aside !== undefined && <span className="title-list__aside">{item.aside}</span>}
        </li>
      ))}
    </List>
  );
}
