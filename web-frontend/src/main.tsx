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

function mount(container: HTMLElement) {
  // React replaces the server's HTML inside #root with the same elements.
  createRoot(container).render(
    <StrictMode>
      <App queryClient={queryClient} />
    </StrictMode>,
  );
}

if (pageData !== undefined) {
  // The server's page is painted first (the frame's callback runs before the paint, the timeout
  // after it): the reader sees it at once, and mounting then changes nothing on screen.
  requestAnimationFrame(() => setTimeout(() => mount(root), 0));
} else {
  mount(root);
}
