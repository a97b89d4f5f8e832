/**
 * The member's session in this tab: the access token (in memory only, never in storage), the member
 * it belongs to, and its renewal through the refresh cookie, which the server rotates on every use.
 *
 * The one API client sends the token through `middleware`, and only to the operations that take it
 * (`authenticated-operations.ts`).
 *
 * A tab starts from what the browser last knew (`session-hint.ts`): `restoring` after a visit that
 * ended signed in, otherwise signed out at once, so a reader's first render waits for nothing.
 */
import type { Middleware } from 'openapi-fetch';
import type { components } from '@/lib/api/schema';
import { takesToken } from './authenticated-operations';
import { refreshSession, type SessionResponse } from './refresh-session';
import { storedSessionHint, type SessionHintStore } from './session-hint';

export type Member = components['schemas']['MemberResponse'];
export type { SessionResponse };

/**
 * Why there is no session: there never was one (or it could not be restored), the member signed
 * out, or it ran out or was ended elsewhere (a password change, 退出所有设备 on another device).
 */
export type SignedOutReason = 'none' | 'logout' | 'expired';

type Restoring = { status: 'restoring' };
/**
 * Signed out as far as this browser knows (it left no sign of a session: a first visit, or a member
 * whose browser keeps no storage) while the refresh cookie is asked about.
 */
type Unconfirmed = { status: 'signed-out'; reason: 'unconfirmed' };

export type SessionState =
  | Restoring
  | Unconfirmed
  | { status: 'signed-out'; reason: SignedOutReason }
  | { status: 'signed-in'; member: Member };

/**
 * Whether a page for members only should still wait: readers' pages show a visitor's view at once
 * while an unconfirmed session is asked about, but the member centre and the console would send
 * away a member who is about to be signed in.
 */
export function mayYetSignIn(state: SessionState): state is Restoring | Unconfirmed {
  return state.status === 'restoring' || (state.status === 'signed-out' && state.reason === 'unconfirmed');
}

/** Renew this long before the token expires, so a request never carries one about to run out. */
const RENEW_MARGIN_MS = 60_000;
/** After a renewal that failed for want of a server (not a 401), try again this much later. */
const RETRY_DELAY_MS = 30_000;
/** Web Locks name: tabs of one browser share the cookie, so they take turns to rotate it. */
const REFRESH_LOCK = 'kanwu-session-refresh';

type MiddlewareClient = {
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
};

/** A request that went out with the token, kept (unsent copy) in case it must be sent again. */
type Sent = { copy: Request; token: string };

export class Session {
  private state: SessionState;
  private readonly listeners = new Set<() => void>();
  private accessToken: string | undefined;
  /** When the access token expires, by this browser's clock. */
  private expiresAt = 0;
  private renewal: Promise<boolean> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private connected = false;
  private restoreStarted = false;
  /** Counts sessions started and ended, so a late refresh answer cannot undo a newer sign-in or sign-out. */
  private generation = 0;
  private readonly sent = new Map<string, Sent>();
  /** Where this browser's last session state is kept (`storedSessionHint` but in tests). */
  private readonly hint: SessionHintStore;
  /** The last visit ended signed out, so there is no cookie worth a round-trip. */
  private readonly nothingToRestore: boolean;

  constructor(hint: SessionHintStore = storedSessionHint) {
    this.hint = hint;
    const last = hint.read();
    this.state =
      last === 'signed-in'
        ? { status: 'restoring' }
        : { status: 'signed-out', reason: last === 'signed-out' ? 'none' : 'unconfirmed' };
    this.nothingToRestore = last === 'signed-out';
  }

  // For useSyncExternalStore: a stable snapshot that changes only when the state does.
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionState => this.state;

  /**
   * Attaches the session to the API client and keeps it renewed until the returned function
   * detaches it. Connecting again (React's StrictMode does) picks up where it was.
   */
  connect(client: MiddlewareClient): () => void {
    client.use(this.middleware);
    this.connected = true;
    this.schedule();
    return () => {
      client.eject(this.middleware);
      this.connected = false;
      this.cancelTimer();
    };
  }

  /**
   * Restores the session of an earlier visit from the refresh cookie; does something only once, and
   * nothing when the last visit ended signed out. Without a hint (a first visit, or a browser that
   * keeps no storage) it asks while the page shows the reader signed out.
   */
  restore(): void {
    if (this.restoreStarted) {
      return;
    }
    this.restoreStarted = true;
    if (!this.nothingToRestore) {
      void this.renew();
    }
  }

  /** Signed in (login, registration, renewal): the new token and the member it is for. */
  start(session: SessionResponse): void {
    this.generation += 1;
    this.accessToken = session.access_token;
    this.expiresAt = Date.now() + session.expires_in * 1000;
    this.hint.write('signed-in');
    this.setState({ status: 'signed-in', member: session.member });
    this.schedule();
  }

  /** A newer copy of the signed-in member's account (after an edit, or a fresh `members/me`). */
  updateMember(member: Member): void {
    if (this.state.status === 'signed-in' && this.state.member.id === member.id) {
      this.setState({ status: 'signed-in', member });
    }
  }

  /** Forgets the session in this tab (the server side is the caller's business). */
  end(reason: SignedOutReason): void {
    this.generation += 1;
    this.accessToken = undefined;
    this.expiresAt = 0;
    this.cancelTimer();
    this.hint.write('signed-out');
    this.setState({ status: 'signed-out', reason });
  }

  /**
   * Asks for a new access token with the refresh cookie; true when the session goes on. One request
   * at a time, across tabs too: the cookie rotates on every use and the server takes a second use
   * of an old cookie for theft and ends the whole session, so two refreshes side by side would sign
   * the member out.
   */
  renew(): Promise<boolean> {
    this.renewal ??= this.refreshOnce().finally(() => {
      this.renewal = undefined;
    });
    return this.renewal;
  }

  private async refreshOnce(): Promise<boolean> {
    const generation = this.generation;
    let renewed: SessionResponse | null;
    try {
      renewed = await oneTabAtATime(refreshSession);
    } catch {
      // No answer, or the server is unwell: the session may well be fine, so keep it and try later.
      if (generation === this.generation) {
        if (mayYetSignIn(this.state)) {
          this.setState({ status: 'signed-out', reason: 'none' });
        } else if (this.state.status === 'signed-in') {
          this.schedule(RETRY_DELAY_MS);
        }
      }
      return false;
    }
    if (generation !== this.generation) {
      // The member signed in or out meanwhile; that is the session that counts.
      return this.accessToken !== undefined;
    }
    if (renewed === null) {
      this.end(this.state.status === 'signed-in' ? 'expired' : 'none');
      return false;
    }
    this.start(renewed);
    return true;
  }

  private schedule(delay?: number): void {
    this.cancelTimer();
    if (!this.connected || this.accessToken === undefined) {
      return;
    }
    const left = this.expiresAt - Date.now();
    const wait = delay ?? Math.max(left - RENEW_MARGIN_MS, left / 2, 0);
    this.timer = setTimeout(() => void this.renew(), wait);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private setState(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) {
      listener();
    }
  }

  /**
   * Sends the token with the operations that take it. A 401 (the token expired while the tab slept,
   * or was revoked) renews the session once and sends the request again; if the session cannot be
   * renewed, the 401 stands and the session ends.
   */
  readonly middleware: Middleware = {
    onRequest: async ({ request, schemaPath, id }) => {
      if (!takesToken(request.method, schemaPath) || this.accessToken === undefined) {
        return undefined;
      }
      if (Date.now() >= this.expiresAt - 5_000) {
        await this.renew();
      }
      const token = this.accessToken;
      if (token === undefined) {
        return undefined;
      }
      // Copied before the header is set and before the body is read, so it can go out again.
      this.sent.set(id, { copy: request.clone(), token });
      request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
    onResponse: async ({ response, id, options }) => {
      const sent = this.sent.get(id);
      this.sent.delete(id);
      if (sent === undefined || response.status !== 401) {
        return undefined;
      }
      // A renewal since this request left already brought a new token; otherwise ask for one.
      const renewed = this.accessToken !== undefined && this.accessToken !== sent.token ? true : await this.renew();
      const token = this.accessToken;
      if (!renewed || token === undefined) {
        return undefined;
      }
      sent.copy.headers.set('Authorization', `Bearer ${token}`);
      return options.fetch(sent.copy);
    },
    onError: ({ id }) => {
      this.sent.delete(id);
      return undefined;
    },
  };
}

/** Runs `work` while no other tab of this browser runs its own (Web Locks), where the browser has them. */
async function oneTabAtATime<T>(work: () => Promise<T>): Promise<T> {
  if (typeof navigator === 'undefined' || !('locks' in navigator) || navigator.locks === undefined) {
    return work();
  }
  return await navigator.locks.request(REFRESH_LOCK, work);
}
