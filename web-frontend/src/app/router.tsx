import { useState } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { AppLayout } from './layout';
import { ArticleRoute } from './routes/article';
import { CategoryRoute } from './routes/category';
import { HomeRoute } from './routes/home';
import { MemberRoute } from './routes/member';
import { NotFoundPage } from './routes/not-found';
import { RegisterRoute } from './routes/register';
import { RouteErrorPage } from './routes/route-error';

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomeRoute /> },
      { path: 'c/:slug', element: <CategoryRoute /> },
      { path: 'a/:id', element: <ArticleRoute /> },
      { path: 'register', element: <RegisterRoute /> },
      { path: 'member', element: <MemberRoute /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function AppRouter() {
  const [router] = useState(() => createBrowserRouter(routes));
  return <RouterProvider router={router} />;
}
