import { NavLink } from 'react-router';
import { formatToday } from '@/utils/format';
import './main-nav.css';

export type NavItem = {
  to: string;
  label: string;
};

/** The blue bar under the masthead: 首页 and the top-level categories. */
export function MainNav({ items = [] }: { items?: NavItem[] }) {
  return (
    <nav className="main-nav" aria-label="主导航">
      <ul className="main-nav__links">
        <li>
          <NavLink to="/" end>
            首页
          </NavLink>
        </li>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to}>{item.label}</NavLink>
          </li>
        ))}
      </ul>
      <p className="main-nav__date">今天是 {formatToday()}</p>
    </nav>
  );
}
