import { Outlet } from 'react-router';
import { MainNav } from '@/components/layout/main-nav';
import { Sidebar } from '@/components/layout/sidebar';
import { SiteFooter } from '@/components/layout/site-footer';
import { MemberLoginBox } from '@/features/members/components/member-login-box';
import { SiteMasthead } from '@/features/site/components/site-masthead';

/** The frame of every page: masthead and nav, sidebar, main column, footer. */
export function AppLayout() {
  return (
    <div className="page">
      <header className="site-header">
        <SiteMasthead />
        <MainNav />
      </header>
      <div className="page__body">
        <Sidebar>
          <MemberLoginBox />
        </Sidebar>
        <main className="page__main">
          <Outlet />
        </main>
      </div>
      <SiteFooter />
    </div>
  );
}
