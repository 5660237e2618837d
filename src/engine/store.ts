// In-memory sessions of one simulator, newest last.
import type { Session } from './session.js';

export interface SessionFilter {
  readonly provider?: string;
  readonly phase?: string;
}

export interface SessionStore {
  add<T>(session: Session<T>): Session<T>;
  get<T = unknown>(id: string): Session<T> | undefined;
  list(filter?: SessionFilter): Session[];
  size(): number;
  clear(): void;
}

export function createSessionStore(): SessionStore {
  const sessions = new Map<string, Session<unknown>>();
  return {
    add(session) {
      sessions.set(session.id, session as Session<unknown>);
      return session;
    },
    get: <T>(id: string) => sessions.get(id) as Session<T> | undefined,
    list: (filter = {}) =>
      ([...sessions.values()] as Session[]).filter(
        (s) => (filter.provider === undefined || s.provider === filter.provider) && (filter.phase === undefined || s.phase === filter.phase),
      ),
    size: () => sessions.size,
    clear: () => sessions.clear(),
  };
}
