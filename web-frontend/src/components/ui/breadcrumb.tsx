import { Link } from 'react-router';
import './breadcrumb.css';

export type Crumb = {
  label: string;
  /** Absent for the page the reader is on. */
  to?: string;
};

/** 当代秘书 >> 特稿: where the page sits, each step but the current one a link. */
export function Breadcrumb({ items }: { items: Crumb[] }) {
  return (
    <nav className="breadcrumb" aria-label="当前位置">
      <ol className="breadcrumb__list">
        {items.map((item, index) => (
          <li key={`${index}-${item.label}`} className="breadcrumb__item">
            {item.to !== undefined ? (
              <Link to={item.to}>{item.label}</Link>
            ) : (
              <span aria-current="page">{item.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
