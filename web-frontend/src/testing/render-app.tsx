import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { StrictMode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import { AppProvider } from '@/app/provider';
import { routes } from '@/app/router';
import type { FieldError, Problem } from '@/lib/api/client';
import { storedSessionHint } from '@/lib/auth/session-hint';

type RenderAppOptions = {
  /**
   * Wrap in StrictMode, as `main.tsx` does, so React mounts everything twice: for effects that must
   * run once whatever React does. Off by default because it doubles GET requests (React Query cancels
   * a request when its only component unmounts and asks again on the remount), as in development.
   */
  strict?: boolean;
  /** A cache filled beforehand (as `main.tsx` fills it from the page's data island); `testQueryClient()` makes one. */
  queryClient?: QueryClient;
};

/** A fresh cache without retries, as each test starts with. */
export function testQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false } } });
}

/** Renders the whole app (providers, real routes) at `path`, with a fresh cache and no retries. */
export function renderApp(path = '/', { strict = false, queryClient = testQueryClient() }: RenderAppOptions = {}) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const app = (
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>
  );
  const result = render(strict ? <StrictMode>{app}</StrictMode> : app);
  return { ...result, router };
}

/**
 * The console's pages are lazily loaded chunks; a test file that visits them loads them all once
 * first (in `beforeAll`), which keeps each test's wait short.
 */
export async function loadConsolePages() {
  await Promise.all([
    import('@/app/routes/admin/articles'),
    import('@/app/routes/admin/new-article'),
    import('@/app/routes/admin/edit-article'),
    import('@/app/routes/admin/categories'),
    import('@/app/routes/admin/comments'),
    import('@/app/routes/admin/tokens'),
    import('@/app/routes/admin/members'),
    import('@/app/routes/admin/audit'),
  ]);
}

/** Replaces the global `fetch` for this test only; the app's client looks it up on every call. */
export function stubFetch(respond: (request: Request) => Response | Promise<Response>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    if (!(input instanceof Request)) {
      throw new Error('the API client is expected to pass a Request');
    }
    return respond(input);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

export function jsonResponse(body: unknown, status = 200, contentType = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': contentType } });
}

type ProblemExtras = {
  /** The invalid fields of a 422. */
  errors?: FieldError[];
  headers?: Record<string, string>;
};

/** An error answer as the API sends it (application/problem+json). */
export function problemResponse(status: number, code: string, detail = code, { errors, headers }: ProblemExtras = {}) {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    422: 'Unprocessable Entity',
    429: 'Too Many Requests',
    503: 'Service Unavailable',
  };
  const problem: Problem = { type: 'about:blank', title: titles[status] ?? 'Error', status, code, detail, errors };
  const response = jsonResponse(problem, status, 'application/problem+json');
  for (const [name, value] of Object.entries(headers ?? {})) {
    response.headers.set(name, value);
  }
  return response;
}

/**
 * This browser's last visit ended signed in, as a member's reload finds it: the app waits for the
 * restore before it shows who is signed in. (Without it a test is a browser seen for the first time.)
 */
export function rememberSignedIn() {
  storedSessionHint.write('signed-in');
}

/** The API's answer to a refresh without a refresh cookie (a visitor): 204, nobody is signed in. */
export function signedOut() {
  return new Response(null, { status: 204 });
}

/** The API's answer to a refresh with a cookie it no longer takes (expired, revoked or reused). */
export function staleSession() {
  return problemResponse(401, 'unauthenticated', 'the refresh cookie is invalid');
}

/** A 422 naming the invalid fields, as the API answers a refused form. */
export function invalidFields(...errors: Array<Pick<FieldError, 'field' | 'code'>>) {
  return problemResponse(422, 'validation_failed', 'the request has invalid fields', {
    errors: errors.map((error) => ({ ...error, message: `${error.field} ${error.code}` })),
  });
}

type Answer = object | ((request: Request) => Response | Promise<Response>);

/**
 * Stubs `fetch` with a small fake of the API for one test: `answers` maps `METHOD /path` (no query
 * string) to a JSON body, or to a function of the request. Anything else gets the API's 404.
 */
export function stubApi(answers: Record<string, Answer>) {
  return stubFetch((request) => {
    const url = new URL(request.url);
    const answer = answers[`${request.method} ${url.pathname}`];
    if (answer === undefined) {
      return problemResponse(404, 'not_found', `no API route matches ${url.pathname}`);
    }
    if (answer instanceof Response) {
      // A body can be read once; a fixed Response would fail the second request that gets it.
      throw new Error(`answer ${url.pathname} with a function that returns a new Response`);
    }
    return typeof answer === 'function' ? answer(request) : jsonResponse(answer);
  });
}

/** The JSON body a request carried. */
export async function bodyOf(request: Request): Promise<unknown> {
  return JSON.parse(await request.clone().text());
}

/** The requests `fetchMock` received for `METHOD /path`, in order. */
export function requestsTo(fetchMock: ReturnType<typeof stubFetch>, route: string): Request[] {
  return fetchMock.mock.calls
    .map(([input]) => input as Request)
    .filter((request) => `${request.method} ${new URL(request.url).pathname}` === route);
}

/**
 * Makes `FormData` Node's own for this test and returns a maker of Node's `File`s to pick. Tests send
 * requests with Node's `Request` (jsdom has no fetch), and jsdom's FormData and File do not survive the
 * crossing: Vitest's bridge drops the file's name and, with jsdom 29, its bytes. With Node's classes the
 * fake API gets a multipart body as a browser sends it, name and bytes included.
 */
export async function nodeUploads() {
  // Node's FormData class is not reachable under jsdom except through an instance Node made.
  const made = await new Response('a=1', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }).formData();
  const NodeFormData = made.constructor as typeof FormData;
  vi.stubGlobal('FormData', NodeFormData);
  return async (bytes: Uint8Array<ArrayBuffer>, name: string, type: string): Promise<File> => {
    const form = new NodeFormData();
    form.append('file', await new Response(bytes, { headers: { 'content-type': type } }).blob(), name);
    return form.get('file') as File;
  };
}
