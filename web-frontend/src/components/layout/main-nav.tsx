import { NavLink } from 'react-router';

const today = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'full' });

/** The blue bar under the masthead. Categories join it once the API lists them. */
export function MainNav() {
  return (
    <nav className="main-nav" aria-label="主导航">
      <ul className="main-nav__links">
        <li>
          <NavLink to="/" end>
            首页
          </NavLink>
        </li>
      </ul>
      <p className="main-nav__date">今天是 {today.format(new Date())}</p>
    </nav>
  );
}
