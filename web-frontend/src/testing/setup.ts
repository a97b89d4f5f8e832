import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { DEFAULT_TIME_ZONE, setSiteTimeZone } from '@/utils/format';

// jsdom has no fetch, so tests get Node's Request, which (unlike a browser's) rejects the relative
// URLs our same-origin client builds. Resolve them against the document, as a browser does.
const NodeRequest = globalThis.Request;
class DocumentRequest extends NodeRequest {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === 'string' ? new URL(input, document.baseURI) : input, init);
  }
}
globalThis.Request = DocumentRequest;

// Testing Library only cleans up by itself when the test runner's globals are on; ours are not.
afterEach(() => {
  cleanup();
  // Pages set the title; the next test must not pass on the last one's.
  document.title = '';
  // Each test is a new browser: no session hint from the last one, and the default zone.
  localStorage.clear();
  setSiteTimeZone(DEFAULT_TIME_ZONE);
});

// React Router's ScrollRestoration scrolls on every navigation; jsdom does not implement scrolling.
window.scrollTo = () => {};
