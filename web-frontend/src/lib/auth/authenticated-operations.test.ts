/// <reference types="node" />
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUTHENTICATED_OPERATIONS, takesToken, type Operation } from './authenticated-operations';

/**
 * `METHOD /path` of each operation with `- bearer_jwt: []` under its `security`, read from the layout
 * utoipa writes (paths at two spaces, methods at four).
 */
function bearerOperations(yaml: string): string[] {
  const found: string[] = [];
  let path: string | undefined;
  let method: string | undefined;
  for (const line of yaml.split('\n')) {
    const pathLine = /^ {2}(\/\S*):$/.exec(line);
    const methodLine = /^ {4}(get|put|post|patch|delete):$/.exec(line);
    if (pathLine) {
      path = pathLine[1];
    } else if (methodLine) {
      method = methodLine[1].toUpperCase();
    } else if (/^\S/.test(line)) {
      path = undefined;
    } else if (path !== undefined && method !== undefined && line.trim() === '- bearer_jwt: []') {
      found.push(`${method} ${path}`);
    }
  }
  return found.sort();
}

describe('the operations that get the access token', () => {
  it('are exactly those openapi.yaml secures with a bearer token', () => {
    // The contract itself: the generated types do not say which operations need a token.
    const here = path.dirname(fileURLToPath(import.meta.url));
    const spec = readFileSync(path.resolve(here, '../../../../openapi.yaml'), 'utf8');
    const secured = bearerOperations(spec);
    expect(secured.length).toBeGreaterThan(0);
    expect([...AUTHENTICATED_OPERATIONS].sort()).toEqual(secured);
  });

  it('are told apart by method as well as path', () => {
    expect(takesToken('PATCH', '/api/v1/members/me')).toBe(true);
    expect(takesToken('get', '/api/v1/members/me')).toBe(true);
    expect(takesToken('POST', '/api/v1/auth/refresh')).toBe(false);
    expect(takesToken('GET', '/api/v1/articles')).toBe(false);
    // @ts-expect-error: the API has no such operation, and the type says so.
    const missing: Operation = 'GET /api/v1/members/me/password';
    expect(takesToken('GET', missing.split(' ')[1])).toBe(false);
  });
});
