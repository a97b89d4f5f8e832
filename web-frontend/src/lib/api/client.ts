/**
 * The one typed client for the Kanwu API. Its types come from `schema.d.ts`, which openapi-typescript
 * generates from the repository's `openapi.yaml` (`npm run gen:api`); nothing here is written by hand.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type Problem = components['schemas']['Problem'];

export const apiClient = createClient<paths>({
  // Same origin: the API serves this SPA, and the dev server proxies /api to it.
  baseUrl: '',
  // Look `fetch` up on every call instead of capturing it once, so a test can stub the global.
  fetch: (request) => globalThis.fetch(request),
});

export type FieldError = components['schemas']['FieldError'];

/**
 * A request that got an answer other than success; `problem` is the problem+json body when there was
 * one, `retryAfter` the seconds a 429 or 503 asked the client to wait (its `Retry-After` header).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;
  readonly retryAfter: number | undefined;

  constructor(status: number, problem: Problem | undefined, retryAfter?: number) {
    super(problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /** The problem's stable code (`invalid_credentials`, `username_taken` …), if the answer had one. */
  get code(): string | undefined {
    return this.problem?.code;
  }

  /** The invalid fields a 422 named, one entry per field and rule. */
  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }
}

/** What a request through `apiClient` resolves to: openapi-fetch's `data` or `error`, and the response. */
type Answer<T> = { data?: T; error?: unknown; response: Response };

/**
 * The body of an answer that must succeed; any other answer becomes the ApiError pages show. Every
 * request that reads a body goes through here, so a failure looks the same whichever feature asked.
 */
export function dataOrThrow<T>(answer: Answer<T>): T {
  if (answer.data === undefined) {
    throw apiErrorFrom(answer.response, answer.error);
  }
  return answer.data;
}

/** For a request answered without a body (204): any status other than success becomes an ApiError. */
export function okOrThrow(answer: Answer<unknown>): void {
  if (!answer.response.ok) {
    throw apiErrorFrom(answer.response, answer.error);
  }
}

/** The error for an answer that was not a success, with the parts of it a page may show. */
export function apiErrorFrom(response: Response, body: unknown): ApiError {
  const header = response.headers.get('Retry-After');
  const seconds = header !== null && /^\d{1,9}$/.test(header.trim()) ? Number(header.trim()) : undefined;
  return new ApiError(response.status, asProblem(body), seconds);
}

/** Narrows openapi-fetch's error value: a parsed problem+json body, or nothing useful. */
function asProblem(body: unknown): Problem | undefined {
  if (typeof body === 'object' && body !== null && 'code' in body && 'status' in body) {
    return body as Problem;
  }
  return undefined;
}

/** Whether `error` is the API saying that the thing asked for does not exist. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** One line for a reader (and whoever they send it to): the status and problem code, or that the network failed. */
export function describeError(error: Error): string {
  if (error instanceof ApiError) {
    const code = error.problem?.code;
    return code ? `错误信息：HTTP ${error.status}（${code}）` : `错误信息：HTTP ${error.status}`;
  }
  return '错误信息：网络请求未完成';
}
