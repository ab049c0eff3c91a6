import type { Tokens, User } from './types';

/** What a signed-in browser keeps: both tokens, when the access token expires, and who is signed in. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  /** epoch milliseconds */
  accessExpiresAt: number;
  user: User | null;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

type Listener = (session: Session | null) => void;

/**
 * The session, kept in localStorage so a reload or a second tab stays signed in. Every tab reads the newest value
 * before refreshing (refresh tokens rotate, and presenting an old one ends the session), see ApiClient.
 */
export class SessionStore {
  private readonly listeners = new Set<Listener>();
  private memory: Session | null = null;

  constructor(
    private readonly storage: KeyValueStorage | null,
    private readonly key = 'pyairtable.session',
  ) {}

  get(): Session | null {
    if (!this.storage) return this.memory;
    const raw = this.storage.getItem(this.key);
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as Partial<Session>;
      if (typeof parsed.accessToken !== 'string' || typeof parsed.refreshToken !== 'string'
        || typeof parsed.accessExpiresAt !== 'number') {
        return null;
      }
      return { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken,
        accessExpiresAt: parsed.accessExpiresAt, user: parsed.user ?? null };
    } catch {
      return null;
    }
  }

  set(session: Session): void {
    if (this.storage) this.storage.setItem(this.key, JSON.stringify(session));
    else this.memory = session;
    this.emit(session);
  }

  /** Stores fresh tokens, keeping the known user. */
  setTokens(tokens: Tokens, now: number, user?: User | null): Session {
    const previous = this.get();
    const session: Session = {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      accessExpiresAt: now + tokens.expiresIn * 1000,
      user: user !== undefined ? user : previous?.user ?? null,
    };
    this.set(session);
    return session;
  }

  clear(): void {
    if (this.storage) this.storage.removeItem(this.key);
    else this.memory = null;
    this.emit(null);
  }

  /** Called on every change made here; call {@link notifyExternalChange} for changes made by another tab. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notifyExternalChange(): void {
    this.emit(this.get());
  }

  get storageKey(): string {
    return this.key;
  }

  private emit(session: Session | null): void {
    for (const listener of this.listeners) listener(session);
  }
}
