import { ApiClient, browserLock } from './client';
import { endpoints } from './endpoints';
import { SessionStore } from './session';

/** The app's one client: same origin as the API unless VITE_API_URL says otherwise (a deployed CloudFront site). */
export const sessionStore = new SessionStore(typeof localStorage === 'undefined' ? null : localStorage);

type ExpiryListener = () => void;
const expiryListeners = new Set<ExpiryListener>();

export function onSessionExpired(listener: ExpiryListener): () => void {
  expiryListeners.add(listener);
  return () => expiryListeners.delete(listener);
}

const lock = browserLock();
export const client = new ApiClient({
  baseUrl: (import.meta.env.VITE_API_URL as string | undefined) ?? '',
  store: sessionStore,
  ...(lock ? { lock } : {}),
  onSessionExpired: () => {
    for (const listener of expiryListeners) listener();
  },
});

export const api = endpoints(client);
