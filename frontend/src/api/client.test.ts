import { describe, expect, it, vi } from 'vitest';
import { ApiClient, REFRESH_MARGIN_MS } from './client';
import { ApiError } from './errors';
import { SessionStore } from './session';

interface Call {
  method: string;
  url: string;
  auth: string | undefined;
  body: unknown;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status, headers: { 'content-type': 'application/json', ...headers },
  });

const tokens = (n: number) => ({ accessToken: `access-${n}`, tokenType: 'Bearer' as const, expiresIn: 900, refreshToken: `refresh-${n}` });

/** A fake API: `handle` answers each request; every call is recorded. */
function setup(handle: (call: Call, n: number) => Response | Promise<Response>, options: { now?: number } = {}) {
  const calls: Call[] = [];
  const now = options.now ?? 1_000_000;
  const store = new SessionStore(null);
  store.setTokens(tokens(1), now, { id: 'u1', email: 'a@example.com', createdAt: '2026-01-01T00:00:00Z' });
  const fetchFn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const call: Call = {
      method: init?.method ?? 'GET',
      url: input instanceof Request ? input.url : input.toString(),
      auth: headers.Authorization,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    return handle(call, calls.length);
  });
  const expired = vi.fn();
  const client = new ApiClient({ baseUrl: 'http://api.test/', store, fetch: fetchFn, now: () => now,
    onSessionExpired: expired });
  return { client, store, calls, expired };
}

describe('ApiClient', () => {
  it('sends JSON with the bearer token and returns the parsed answer', async () => {
    const { client, calls } = setup(() => json(200, { bases: [{ id: 'appX' }] }));
    const result = await client.get<{ bases: unknown[] }>('/bases', { query: { pageSize: 10, sort: ['A:asc', 'B:desc'], empty: '' } });
    expect(result.bases).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'GET', auth: 'Bearer access-1' });
    expect(calls[0]?.url).toBe('http://api.test/bases?pageSize=10&sort=A%3Aasc&sort=B%3Adesc');
  });

  it('sends no token to the routes without the authorizer', async () => {
    const { client, calls } = setup(() => json(200, { status: 'ok' }));
    await client.get('/health', { auth: false });
    expect(calls[0]?.auth).toBeUndefined();
  });

  it('refreshes once on 401 and repeats the request with the new token', async () => {
    const { client, store, calls } = setup((call) => {
      if (call.url.endsWith('/auth/refresh')) return json(200, { tokens: tokens(2) });
      return call.auth === 'Bearer access-2' ? json(200, { ok: true }) : json(401, { message: 'Unauthorized' });
    });
    await expect(client.get('/auth/me')).resolves.toEqual({ ok: true });
    expect(calls.map((c) => c.url.replace('http://api.test', ''))).toEqual(['/auth/me', '/auth/refresh', '/auth/me']);
    expect(calls[1]?.body).toEqual({ refreshToken: 'refresh-1' });
    expect(calls[1]?.auth).toBeUndefined();
    expect(store.get()).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-2', user: { id: 'u1' } });
  });

  it("refreshes on API Gateway's 403 {message: Forbidden} (an expired or revoked token)", async () => {
    const { client, calls } = setup((call) => {
      if (call.url.endsWith('/auth/refresh')) return json(200, { tokens: tokens(2) });
      return call.auth === 'Bearer access-2' ? json(200, {}) : json(403, { message: 'Forbidden' });
    });
    await client.get('/bases');
    expect(calls).toHaveLength(3);
  });

  it("does not refresh on a function's own 403 (e.g. Airtable refused) and shows its sentence", async () => {
    const { client, calls } = setup(() => json(403, {
      error: { code: 'AIRTABLE_FORBIDDEN', message: 'Airtable refused: INVALID_PERMISSIONS', requestId: 'r1' },
    }));
    const error = await client.get('/bases/appX/tables').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: 'AIRTABLE_FORBIDDEN', requestId: 'r1',
      message: 'Airtable refused: INVALID_PERMISSIONS.' });
    expect(calls).toHaveLength(1);
  });

  it('sends one refresh for many requests failing at once', async () => {
    let refreshes = 0;
    const { client } = setup(async (call) => {
      if (call.url.endsWith('/auth/refresh')) {
        refreshes += 1;
        await new Promise((r) => setTimeout(r, 5));
        return json(200, { tokens: tokens(2) });
      }
      return call.auth === 'Bearer access-2' ? json(200, { ok: 1 }) : json(401, { message: 'Unauthorized' });
    });
    const results = await Promise.all([client.get('/a'), client.get('/b'), client.get('/c')]);
    expect(results).toEqual([{ ok: 1 }, { ok: 1 }, { ok: 1 }]);
    expect(refreshes).toBe(1);
  });

  it('does not refresh when another tab already did (the stored token is newer than the one refused)', async () => {
    const { client, store, calls } = setup((call) => {
      if (call.url.endsWith('/auth/refresh')) throw new Error('must not refresh');
      if (call.auth === 'Bearer access-1') {
        // meanwhile another tab rotated the tokens
        store.setTokens(tokens(7), 1_000_000);
        return json(401, { message: 'Unauthorized' });
      }
      return json(200, { ok: true });
    });
    await expect(client.get('/x')).resolves.toEqual({ ok: true });
    expect(calls.map((c) => c.auth)).toEqual(['Bearer access-1', 'Bearer access-7']);
  });

  it('refreshes before sending when the access token is about to expire', async () => {
    const now = 5_000_000;
    const { client, store, calls } = setup((call) => (call.url.endsWith('/auth/refresh')
      ? json(200, { tokens: tokens(2) }) : json(200, {})), { now });
    store.set({ ...store.get()!, accessExpiresAt: now + REFRESH_MARGIN_MS - 1 });
    await client.get('/bases');
    expect(calls.map((c) => c.url.replace('http://api.test', ''))).toEqual(['/auth/refresh', '/bases']);
    expect(calls[1]?.auth).toBe('Bearer access-2');
  });

  it('ends the session when the refresh token is refused', async () => {
    const { client, store, expired } = setup((call) => (call.url.endsWith('/auth/refresh')
      ? json(401, { error: { code: 'REFRESH_TOKEN_REUSED', message: 'This session was ended.', requestId: 'r' } })
      : json(401, { message: 'Unauthorized' })));
    const error = await client.get('/auth/me').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SESSION_EXPIRED', message: 'Your session has ended. Please sign in again.' });
    expect(store.get()).toBeNull();
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('ends the session when even a fresh token is refused (the account is gone)', async () => {
    const { client, store, expired } = setup((call) => (call.url.endsWith('/auth/refresh')
      ? json(200, { tokens: tokens(2) })
      : json(401, { error: { code: 'INVALID_TOKEN', message: 'No such account.', requestId: 'r' } })));
    await expect(client.get('/auth/me')).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(store.get()).toBeNull();
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('keeps the session when the refresh fails for another reason (server down)', async () => {
    const { client, store, expired } = setup((call) => (call.url.endsWith('/auth/refresh')
      ? json(503, { message: 'Service Unavailable' }) : json(401, { message: 'Unauthorized' })));
    await expect(client.get('/auth/me')).rejects.toMatchObject({ status: 503 });
    expect(store.get()).not.toBeNull();
    expect(expired).not.toHaveBeenCalled();
  });

  it('fails without a request when nobody is signed in', async () => {
    const { client, store, calls } = setup(() => json(200, {}));
    store.clear();
    await expect(client.get('/bases')).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(calls).toHaveLength(0);
  });

  it('turns a network failure into a sentence', async () => {
    const { client } = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(client.get('/bases')).rejects.toMatchObject({
      code: 'NETWORK_ERROR', message: 'The server cannot be reached. Check your connection and try again.',
    });
  });

  it('returns undefined for 204 and accepts listed error statuses as answers', async () => {
    const { client } = setup((call) => (call.url.endsWith('/deep')
      ? json(503, { status: 'degraded', checks: {} }) : new Response(null, { status: 204 })));
    await expect(client.delete('/connections/airtable')).resolves.toBeUndefined();
    await expect(client.get('/health/deep', { acceptStatuses: [503] })).resolves.toEqual({ status: 'degraded', checks: {} });
  });

  it('does not refresh for the public routes: a wrong password is just an error', async () => {
    const { client, calls } = setup(() => json(401, {
      error: { code: 'INVALID_CREDENTIALS', message: 'The email or password is wrong.', requestId: 'r' },
    }));
    await expect(client.post('/auth/login', { email: 'a', password: 'b' }, { auth: false }))
      .rejects.toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'The email or password is wrong.' });
    expect(calls).toHaveLength(1);
  });
});
