import { lazy, useState } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { AppLayout } from './layout';
import { AdminOnlyRoute, ConsoleRoute } from './routes/admin';
import { ArticleRoute } from './routes/article';
import { CategoryRoute } from './routes/category';
import { HomeRoute } from './routes/home';
import { MemberRoute } from './routes/member';
import { NotFoundPage } from './routes/not-found';
import { RegisterRoute } from './routes/register';
import { RouteErrorPage } from './routes/route-error';
import { SearchRoute } from './routes/search';

// The console's pages are one chunk, fetched only when ConsoleRoute lets an editor in: readers never load it.
const consolePages = () => import('./routes/admin-pages');
const ArticlesPage = lazy(() => consolePages().then((pages) => ({ default: pages.ArticlesPage })));
const NewArticlePage = lazy(() => consolePages().then((pages) => ({ default: pages.NewArticlePage })));
const EditArticlePage = lazy(() => consolePages().then((pages) => ({ default: pages.EditArticlePage })));
const CategoriesPage = lazy(() => consolePages().then((pages) => ({ default: pages.CategoriesPage })));
const CommentsPage = lazy(() => consolePages().then((pages) => ({ default: pages.CommentsPage })));
const TokensPage = lazy(() => consolePages().then((pages) => ({ default: pages.TokensPage })));
const MembersPage = lazy(() => consolePages().then((pages) => ({ default: pages.MembersPage })));
const AuditPage = lazy(() => consolePages().then((pages) => ({ default: pages.AuditPage })));

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
