import type { paths } from '@/lib/api/schema';

type HttpMethod = 'get' | 'put' | 'post' | 'patch' | 'delete';

/** `METHOD /path` of every operation the API has, e.g. `PATCH /api/v1/members/me`. */
export type Operation = {
  [P in keyof paths]: {
    [M in HttpMethod]: [NonNullable<paths[P][M]>] extends [never] ? never : `${Uppercase<M>} ${P}`;
  }[HttpMethod];
}[keyof paths];

/**
 * The operations that take the access token (`security: bearer` in openapi.yaml; a test keeps the
 * two in step). Everything else is public and goes without it: the API answers a stale token with
 * 401 even where none is needed, and a reader's pages must not depend on a session.
 */
export const AUTHENTICATED_OPERATIONS: ReadonlySet<Operation> = new Set<Operation>([
  'GET /api/v1/articles/{id}',
  'GET /api/v1/members/me',
  'PATCH /api/v1/members/me',
  'PUT /api/v1/members/me/password',
  'GET /api/v1/members/me/comments',
  'POST /api/v1/auth/logout-all',
  'POST /api/v1/articles/{id}/comments',
  'PATCH /api/v1/comments/{id}',
  'DELETE /api/v1/comments/{id}',
  'GET /api/v1/admin/members',
  'GET /api/v1/admin/members/{id}',
  'PATCH /api/v1/admin/members/{id}',
  'POST /api/v1/admin/members/{id}/review',
  'GET /api/v1/admin/comments',
  'POST /api/v1/admin/comments/bulk',
  'PATCH /api/v1/admin/comments/{id}',
  'DELETE /api/v1/admin/comments/{id}',
  'GET /api/v1/admin/banned-words',
  'PUT /api/v1/admin/banned-words',
  'POST /api/v1/articles',
  'PATCH /api/v1/articles/{id}',
  'DELETE /api/v1/articles/{id}',
  'POST /api/v1/articles/preview',
  'GET /api/v1/articles/{id}/revisions',
  'GET /api/v1/admin/articles',
  'POST /api/v1/members/me/tokens',
  'GET /api/v1/members/me/tokens',
  'DELETE /api/v1/members/me/tokens/{id}',
  'GET /api/v1/admin/audit',
  'POST /api/v1/categories',
  'PATCH /api/v1/categories/{id_or_slug}',
  'DELETE /api/v1/categories/{id_or_slug}',
  'POST /api/v1/media',
  'GET /api/v1/media',
  'DELETE /api/v1/media/{id}',
]);

/** Whether a request to `schemaPath` (the path template, as the client was called with it) takes the token. */
export function takesToken(method: string, schemaPath: string): boolean {
  return AUTHENTICATED_OPERATIONS.has(`${method.toUpperCase()} ${schemaPath}` as Operation);
}
