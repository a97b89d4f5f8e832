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

/** A request that got an answer other than success; `problem` is the problem+json body when there was one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;

  constructor(status: number, problem: Problem | undefined) {
    super(problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

/** Narrows openapi-fetch's error value: a parsed problem+json body, or nothing useful. */
export function asProblem(body: unknown): Problem | undefined {
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
