/**
 * What this browser last knew of its session, so a reader who was never signed in gets the signed-out
 * page at once instead of waiting for `POST /auth/refresh` (the refresh cookie itself is HttpOnly: the
 * app cannot see whether there is one). Only a hint: the cookie decides, and a wrong hint costs one
 * round-trip or one sign-in.
 */
export type SessionHint = 'signed-in' | 'signed-out';

export type SessionHintStore = {
  /** Undefined when this browser has not been seen since hints were kept, or storage is off. */
  read(): SessionHint | undefined;
  write(hint: SessionHint): void;
};

const KEY = 'kanwu-session';

/** The hint in `localStorage`, shared by the tabs of a browser as the cookie is. */
export const storedSessionHint: SessionHintStore = {
  read() {
    try {
      const value = globalThis.localStorage?.getItem(KEY);
      return value === 'signed-in' || value === 'signed-out' ? value : undefined;
    } catch {
      // Storage refused (a privacy setting): no hint, as on a first visit.
      return undefined;
    }
  },
  write(hint) {
    try {
      globalThis.localStorage?.setItem(KEY, hint);
    } catch {
      // Without storage the next visit simply asks the server again.
    }
  },
};

/** A hint kept in memory, for tests. */
export function memorySessionHint(initial?: SessionHint): SessionHintStore {
  let hint = initial;
  return {
    read: () => hint,
    write: (next) => {
      hint = next;
    },
  };
}
