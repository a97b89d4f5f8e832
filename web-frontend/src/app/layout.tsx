import { Outlet, ScrollRestoration, useMatch } from 'react-router';
import { MainNav, type NavItem } from '@/components/layout/main-nav';
import { Sidebar } from '@/components/layout/sidebar';
import { SiteFooter } from '@/components/layout/site-footer';
import { useCategories } from '@/features/categories/api/list-categories';
import { SidebarCategoryBlocks } from '@/features/home/components/category-blocks';
import { MemberLoginBox } from '@/features/members/components/member-login-box';
import { SearchBox } from '@/features/search/components/search-box';
import { SiteMasthead } from '@/features/site/components/site-masthead';

/** The frame of every page: masthead, the bar with the nav and the search box, sidebar, main column, footer. */
export function AppLayout() {
  // Without the categories the bar still offers 首页; each page reports its own errors.
  const categories = useCategories();
  // The home page shows the categories' latest titles in its main column; other pages beside it.
  const onHome = useMatch({ path: '/', end: true }) !== null;
  // The console needs the width for its forms; its sidebar keeps only the member box.
  const inConsole = useMatch('/admin/*') !== null;
  const navItems: NavItem[] = (categories.data?.items ?? [])
    .filter((category) => category.depth === 0)
    .map((category) => ({ to: `/c/${category.slug}`, label: category.name }));

  return (
    <div className={inConsole ? 'page page--console' : 'page'}>
      <header className="site-header">
        <SiteMasthead />
        <div className="site-header__bar">
          <MainNav items={navItems} />
          <SearchBox />
        </div>
      </header>
      <div className="page__body">
        <Sidebar>
          <MemberLoginBox />
          {!onHome && !inConsole && <SidebarCategoryBlocks />}
        </Sidebar>
        <main className="page__main">
          <Outlet />
        </main>
      </div>
      <SiteFooter />
      {/* A new page starts at its top; going back returns to where the reader was. */}
      <ScrollRestoration />
    </div>
  );
}
