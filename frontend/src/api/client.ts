import { ApiError, errorFromResponse, isRecord, networkError, sessionExpiredError } from './errors';
import type { SessionStore } from './session';
import type { Tokens } from './types';

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, QueryValue>;
  /** false for the routes without the token authorizer (register, login, refresh, /health) */
  auth?: boolean;
  signal?: AbortSignal;
  /** non-2xx statuses whose JSON body is still the answer (e.g. 503 from /health/deep, 207 is 2xx anyway) */
  acceptStatuses?: readonly number[];
}

export type LockFn = <T>(name: string, task: () => Promise<T>) => Promise<T>;

export interface ApiClientOptions {
  baseUrl: string;
  store: SessionStore;
  fetch?: typeof fetch;
  now?: () => number;
  /** serialises refreshes across tabs (navigator.locks); defaults to no cross-tab lock */
  lock?: LockFn;
  /** called once when the session cannot be refreshed any more */
  onSessionExpired?: () => void;
}

/** Refresh this long before the access token expires, so requests do not race its expiry. */
export const REFRESH_MARGIN_MS = 60_000;

/**
 * The HTTP client: JSON in and out, errors as {@link ApiError}, the bearer token on authorised routes, and
 * transparent token refresh. An expired or revoked access token is answered by the authorizer with
 * 401 `{"message":"Unauthorized"}` or 403 `{"message":"Forbidden"}` (not our error shape); our functions may answer
 * 401 too. On any of those the client refreshes once (one refresh at a time, across tabs: refresh tokens rotate and
 * reusing an old one revokes the session) and repeats the request. When the refresh token is refused the session
 * has ended: the store is cleared and `onSessionExpired` is called.
 */
export class ApiClient {
  private readonly baseUrl: string;
  private readonly store: SessionStore;
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;
  private readonly lock: LockFn;
  private readonly onSessionExpired: (() => void) | undefined;
  private inFlightRefresh: Promise<void> | null = null;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.store = options.store;
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.now = options.now ?? (() => Date.now());
    this.lock = options.lock ?? ((_name, task) => task());
    this.onSessionExpired = options.onSessionExpired;
  }

  get sessionStore(): SessionStore {
    return this.store;
  }

  get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }

  put<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PUT', path, { ...options, body });
  }

  patch<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PATCH', path, { ...options, body });
  }

  delete<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('DELETE', path, options);
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const auth = options.auth ?? true;
    if (!auth) {
      return this.parse<T>(await this.send(method, path, options, null), options);
    }
    let session = this.store.get();
    if (!session) {
      throw sessionExpiredError();
    }
    if (session.accessExpiresAt - this.now() < REFRESH_MARGIN_MS) {
      await this.refreshAfter(session.accessToken);
      session = this.store.get();
      if (!session) throw sessionExpiredError();
    }
    let response = await this.send(method, path, options, session.accessToken);
    if (await isAuthFailure(response)) {
      await this.refreshAfter(session.accessToken);
      const renewed = this.store.get();
      if (!renewed) throw sessionExpiredError();
      response = await this.send(method, path, options, renewed.accessToken);
      if (await isAuthFailure(response)) {
        // a fresh token refused again: the session or the account is gone
        this.expire();
        throw sessionExpiredError();
      }
    }
    return this.parse<T>(response, options);
  }

  /**
   * Makes sure the stored access token is newer than `usedAccessToken`: if another request or tab already
   * refreshed, nothing is sent; else one POST /auth/refresh with the newest stored refresh token.
   */
  refreshAfter(usedAccessToken: string): Promise<void> {
    if (this.inFlightRefresh) return this.inFlightRefresh;
    const task = this.lock('pyairtable-token-refresh', async () => {
      const current = this.store.get();
      if (!current) throw sessionExpiredError();
      if (current.accessToken !== usedAccessToken && current.accessExpiresAt - this.now() >= REFRESH_MARGIN_MS) {
        return;
      }
      let response: Response;
      try {
        response = await this.send('POST', '/auth/refresh', { body: { refreshToken: current.refreshToken } }, null);
      } catch (error) {
        throw error instanceof ApiError ? error : networkError();
      }
      if (response.status === 401 || response.status === 400) {
        this.expire();
        throw sessionExpiredError();
      }
      if (!response.ok) {
        throw errorFromResponse(response.status, await response.text(), response.headers);
      }
      const body = (await response.json()) as { tokens: Tokens };
      this.store.setTokens(body.tokens, this.now());
    });
    this.inFlightRefresh = task.finally(() => {
      this.inFlightRefresh = null;
    });
    return this.inFlightRefresh;
  }

  private expire(): void {
    const hadSession = this.store.get() !== null;
    this.store.clear();
    if (hadSession) this.onSessionExpired?.();
  }

  url(path: string, query?: Record<string, QueryValue>): string {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null || value === '') continue;
      if (Array.isArray(value)) {
        for (const item of value as readonly (string | number)[]) search.append(key, String(item));
      } else {
        search.append(key, String(value));
      }
    }
    const qs = search.toString();
    return `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
  }

  private async send(method: string, path: string, options: RequestOptions, token: string | null): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    try {
      const init: RequestInit = { method, headers };
      if (options.body !== undefined) init.body = JSON.stringify(options.body);
      if (options.signal) init.signal = options.signal;
      return await this.fetchFn(this.url(path, options.query), init);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw networkError();
    }
  }

  private async parse<T>(response: Response, options: RequestOptions): Promise<T> {
    const text = await response.text();
    if (!response.ok && !(options.acceptStatuses ?? []).includes(response.status)) {
      throw errorFromResponse(response.status, text, response.headers);
    }
    if (response.status === 204 || !text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(response.status, 'INVALID_RESPONSE', 'The server sent an answer this app cannot read.');
    }
  }
}

/** 401 (authorizer or function) or API Gateway's 403 `{"message":"Forbidden"}` — not a function's own 403. */
async function isAuthFailure(response: Response): Promise<boolean> {
  if (response.status === 401) return true;
  if (response.status !== 403) return false;
  try {
    const body: unknown = await response.clone().json();
    return !(isRecord(body) && isRecord(body.error));
  } catch {
    return true;
  }
}

/** navigator.locks when the browser has it (every current browser), else no cross-tab lock. */
export function browserLock(): LockFn | undefined {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return undefined;
  return <T,>(name: string, task: () => Promise<T>) => locks.request(name, task) as Promise<T>;
}
