import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api/errors';
import { App } from './App';
import { AuthProvider } from './auth/AuthProvider';
import { ToastProvider } from './components/ToastProvider';
import './styles.css';

const BASENAME = '/app';

// the app lives under /app: everything else on this origin is the API
if (window.location.pathname !== BASENAME && !window.location.pathname.startsWith(`${BASENAME}/`)) {
  window.history.replaceState(null, '', BASENAME + (window.location.pathname === '/' ? '/' : window.location.pathname)
    + window.location.search + window.location.hash);
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // a 4xx will not change by asking again; a 502/503 might
      retry: (failures, error) => failures < 2 && error instanceof ApiError
        && (error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504),
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter basename={BASENAME}>
        <ToastProvider>
          <AuthProvider>
            <App />
          </AuthProvider>
        </ToastProvider>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
