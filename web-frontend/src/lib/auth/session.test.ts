import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiClient } from '@/lib/api/client';
import { personalMember, sessionFor } from '@/testing/fixtures';
import { bodyOf, jsonResponse, problemResponse, requestsTo, signedOut, staleSession, stubApi } from '@/testing/render-app';
import { Session } from './session';
import { memorySessionHint, type SessionHint, type SessionHintStore } from './session-hint';

const disconnects: Array<() => void> = [];

/**
 * A session attached to the app's one API client, detached again after the test, in a browser whose
 * last visit ended signed in unless `hint` says otherwise.
 */
function connectedSession(hint: SessionHintStore = memorySessionHint('signed-in')): Session {
  const session = new Session(hint);
  disconnects.push(session.connect(apiClient));
  return session;
}

afterEach(() => {
  disconnects.splice(0).forEach((disconnect) => disconnect());
  vi.useRealTimers();
});

const tick = (ms = 10) => new Promise((resolve) => setTimeout(resolve, ms));

/** `members/me` as the API answers it: the member for the current token, 401 for any other. */
function meFor(validToken: string) {
  return (request: Request) =>
    request.headers.get('Authorization') === `Bearer ${validToken}`
      ? jsonResponse(personalMember)
      : problemResponse(401, 'unauthenticated');
}

describe('the session', () => {
  it('is restored from the refresh cookie once, however often it is asked', async () => {
    const fetchMock = stubApi({ 'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(personalMember)) });
    const session = connectedSession();
    expect(session.getSnapshot()).toEqual({ status: 'restoring' });

    session.restore();
    session.restore();

    await vi.waitFor(() => expect(session.getSnapshot()).toEqual({ status: 'signed-in', member: personalMember }));
    const refreshes = requestsTo(fetchMock, 'POST /api/v1/auth/refresh');
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0].headers.get('Authorization')).toBeNull();
  });

  it('starts signed out without asking when the last visit here ended signed out', async () => {
    const fetchMock = stubApi({ 'POST /api/v1/auth/refresh': signedOut });
    const session = connectedSession(memorySessionHint('signed-out'));
    expect(session.getSnapshot()).toEqual({ status: 'signed-out', reason: 'none' });

    session.restore();
    await tick();

    expect(fetchMock).not.toHaveBeenCalled();
    expect(session.getSnapshot()).toEqual({ status: 'signed-out', reason: 'none' });
  });

  it('starts signed out in a browser that left no sign, and asks about a cookie meanwhile', async () => {
    const hint = memorySessionHint();
    const fetchMock = stubApi({ 'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(personalMember)) });
    const session = connectedSession(hint);
    expect(session.getSnapshot()).toEqual({ status: 'signed-out', reason: 'unconfirmed' });

    session.restore();

    await vi.waitFor(() => expect(session.getSnapshot()).toEqual({ status: 'signed-in', member: personalMember }));
    expect(requestsTo(fetchMock, 'POST /api/v1/auth/refresh')).toHaveLength(1);
    expect(hint.read()).toBe('signed-in');
  });

  it('remembers in the browser how each session ended, for the next visit', () => {
    const hint = memorySessionHint();
    const session = connectedSession(hint);
    const seen: Array<SessionHint | undefined> = [];

    session.start(sessionFor(personalMember));
    seen.push(hint.read());
    session.end('logout');
    seen.push(hint.read());

    expect(seen).toEqual(['signed-in', 'signed-out']);
  });

  it('is signed out when there is nothing to restore', async () => {
    stubApi({ 'POST /api/v1/auth/refresh': signedOut });
    const session = connectedSession();

    session.restore();

    await vi.waitFor(() => expect(session.getSnapshot()).toEqual({ status: 'signed-out', reason: 'none' }));
  });

  it('is signed out when the cookie it had is no longer taken', async () => {
    stubApi({ 'POST /api/v1/auth/refresh': staleSession });
    const session = connectedSession();

    session.restore();

    await vi.waitFor(() => expect(session.getSnapshot()).toEqual({ status: 'signed-out', reason: 'none' }));
  });

  it('sends the token to the operations that take it and to no others', async () => {
    const fetchMock = stubApi({ 'GET /api/v1/members/me': meFor('abc'), 'GET /api/v1/site': { name: '当代秘书', description: '' } });
    const session = connectedSession();
    session.start(sessionFor(personalMember, 'abc'));

    const me = await apiClient.GET('/api/v1/members/me');
    await apiClient.GET('/api/v1/site');

    expect(me.data).toEqual(personalMember);
    expect(requestsTo(fetchMock, 'GET /api/v1/site')[0].headers.get('Authorization')).toBeNull();
  });

  it('renews an expired token once for all the requests it failed, and sends each of them again', async () => {
    let refreshes = 0;
    const fetchMock = stubApi({
      'POST /api/v1/auth/refresh': async () => {
        refreshes += 1;
        await tick();
        return jsonResponse(sessionFor(personalMember, 'new'));
      },
      'GET /api/v1/members/me': meFor('new'),
      'PATCH /api/v1/members/me': (request) =>
        request.headers.get('Authorization') === 'Bearer new'
          ? jsonResponse({ ...personalMember, real_name: '周辉' })
          : problemResponse(401, 'unauthenticated'),
    });
    const session = connectedSession();
    session.start(sessionFor(personalMember, 'old'));

    const [first, second, patched] = await Promise.all([
      apiClient.GET('/api/v1/members/me'),
      apiClient.GET('/api/v1/members/me'),
      apiClient.PATCH('/api/v1/members/me', { body: { real_name: '周辉' } }),
    ]);

    expect(first.data).toEqual(personalMember);
    expect(second.data).toEqual(personalMember);
    expect(patched.data?.real_name).toBe('周辉');
    // Two refreshes side by side would present the same cookie twice, which ends the session.
    expect(refreshes).toBe(1);
    const patches = requestsTo(fetchMock, 'PATCH /api/v1/members/me');
    expect(patches.map((request) => request.headers.get('Authorization'))).toEqual(['Bearer old', 'Bearer new']);
    expect(await bodyOf(patches[1])).toEqual({ real_name: '周辉' });
  });

  it('ends when it cannot be renewed, and the 401 stands', async () => {
    const fetchMock = stubApi({ 'POST /api/v1/auth/refresh': staleSession, 'GET /api/v1/members/me': meFor('never') });
    const session = connectedSession();
    session.start(sessionFor(personalMember, 'revoked'));

    const { response } = await apiClient.GET('/api/v1/members/me');

    expect(response.status).toBe(401);
    expect(session.getSnapshot()).toEqual({ status: 'signed-out', reason: 'expired' });
    expect(requestsTo(fetchMock, 'GET /api/v1/members/me')).toHaveLength(1);
  });

  it('is renewed a minute before the token expires', async () => {
    vi.useFakeTimers();
    const fetchMock = stubApi({ 'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(personalMember, 'new')) });
    const session = connectedSession();
    session.start(sessionFor(personalMember, 'old'));

    await vi.advanceTimersByTimeAsync(839_000);
    expect(requestsTo(fetchMock, 'POST /api/v1/auth/refresh')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(requestsTo(fetchMock, 'POST /api/v1/auth/refresh')).toHaveLength(1);
    expect(session.getSnapshot().status).toBe('signed-in');

    // And again before the new token runs out.
    await vi.advanceTimersByTimeAsync(841_000);
    expect(requestsTo(fetchMock, 'POST /api/v1/auth/refresh')).toHaveLength(2);
  });

  it('keeps a sign-in that happened while the restore was on its way', async () => {
    let answerRefresh: (response: Response) => void = () => {};
    stubApi({ 'POST /api/v1/auth/refresh': () => new Promise<Response>((resolve) => (answerRefresh = resolve)) });
    const session = connectedSession();

    session.restore();
    await tick();
    session.start(sessionFor(personalMember));
    answerRefresh(signedOut());
    await tick();

    expect(session.getSnapshot()).toEqual({ status: 'signed-in', member: personalMember });
  });
});
