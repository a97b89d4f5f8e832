import { lazy, useState, type ComponentType } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { AppLayout } from './layout';
import { AdminOnlyRoute, ConsoleRoute } from './routes/admin/console-layout';
import { ArticleRoute } from './routes/article';
import { CategoryRoute } from './routes/category';
import { HomeRoute } from './routes/home';
import { MemberRoute } from './routes/member';
import { NotFoundPage } from './routes/not-found';
import { RegisterRoute } from './routes/register';
import { RouteErrorPage } from './routes/route-error';
import { SearchRoute } from './routes/search';

/**
 * A console page, fetched only when ConsoleRoute lets an editor in (readers never load the console),
 * each page its own chunk.
 */
function consolePage<Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) {
  return lazy(() => load().then((page) => ({ default: page[name] })));
}

const ArticlesPage = consolePage(() => import('./routes/admin/articles'), 'ArticlesPage');
const NewArticlePage = consolePage(() => import('./routes/admin/new-article'), 'NewArticlePage');
const EditArticlePage = consolePage(() => import('./routes/admin/edit-article'), 'EditArticlePage');
const CategoriesPage = consolePage(() => import('./routes/admin/categories'), 'CategoriesPage');
const CommentsPage = consolePage(() => import('./routes/admin/comments'), 'CommentsPage');
const TokensPage = consolePage(() => import('./routes/admin/tokens'), 'TokensPage');
const MembersPage = consolePage(() => import('./routes/admin/members'), 'MembersPage');
const AuditPage = consolePage(() => import('./routes/admin/audit'), 'AuditPage');

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomeRoute /> },
      { path: 'c/:slug', element: <CategoryRoute /> },
      { path: 'a/:id', element: <ArticleRoute /> },
      { path: 'search', element: <SearchRoute /> },
      { path: 'register', element: <RegisterRoute /> },
      { path: 'member', element: <MemberRoute /> },
      {
        path: 'admin',
        element: <ConsoleRoute />,
        children: [
          { index: true, element: <Navigate to="articles" replace /> },
          { path: 'articles', element: <ArticlesPage /> },
          { path: 'articles/new', element: <NewArticlePage /> },
          { path: 'articles/:id', element: <EditArticlePage /> },
          { path: 'categories', element: <CategoriesPage /> },
          { path: 'comments', element: <CommentsPage /> },
          { path: 'tokens', element: <TokensPage /> },
          {
            element: <AdminOnlyRoute />,
            children: [
              { path: 'members', element: <MembersPage /> },
              { path: 'audit', element: <AuditPage /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function AppRouter() {
  const [router] = useState(() => createBrowserRouter(routes));
  return <RouterProvider router={router} />;
}
