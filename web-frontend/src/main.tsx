import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { App } from './app/app';
import { seedQueries, takePageData } from './app/page-data';
import { createQueryClient } from './app/provider';

const root = document.getElementById('root');
if (!root) {
  throw new Error('index.html has no #root element');
}

// The server's page came with the answers it was made from: with them in the cache first, the first
// render draws that same page and asks the API for nothing.
const queryClient = createQueryClient();
const pageData = takePageData();
if (pageData !== undefined) {
  seedQueries(queryClient, pageData);
}

// React replaces the server's HTML inside #root with the same elements.
createRoot(root).render(
  <StrictMode>
    <App queryClient={queryClient} />
  </StrictMode>,
);
