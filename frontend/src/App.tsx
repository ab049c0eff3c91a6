import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useSearchParams } from 'react-router';
import { useAuth } from './auth/context';
import { Loading } from './components/Feedback';
import { Layout, PublicLayout } from './components/Layout';
import { SignInPage, SignUpPage } from './pages/AuthPages';
import { BasesPage } from './pages/BasesPage';
import { ConnectPage } from './pages/ConnectPage';
import { NotFoundPage } from './pages/NotFoundPage';
import RecordsPage from './pages/RecordsPage';
import { StatusPage } from './pages/StatusPage';
import { TablesPage } from './pages/TablesPage';

// the import screens are loaded when first opened; the grid is in the first bundle (time to first grid render)
const ImportsPage = lazy(() => import('./pages/ImportsPage'));
const NewImportPage = lazy(() => import('./pages/NewImportPage'));
const ImportDetailPage = lazy(() => import('./pages/ImportDetailPage'));

function RequireAuth({ children }: { children: ReactNode }) {
  const { signedIn } = useAuth();
  const location = useLocation();
  if (!signedIn) {
    const next = location.pathname + location.search;
    return <Navigate to={`/signin${next && next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} replace />;
  }
  return children;
}

/** Where a signed-in person goes from the sign-in page: the page that asked for it (if it is ours), else `to`. */
function RedirectIfSignedIn({ children, to }: { children: ReactNode; to: string }) {
  const { signedIn } = useAuth();
  const [params] = useSearchParams();
  const next = params.get('next');
  const target = next && next.startsWith('/') && !next.startsWith('//') ? next : to;
  return signedIn ? <Navigate to={target} replace /> : children;
}

const lazyPage = (page: ReactNode) => <Suspense fallback={<Loading />}>{page}</Suspense>;

/** Client routes, all under /app (API paths like /bases or /imports belong to the API on the same origin). */
export function App() {
  return (
    <Routes>
      <Route element={<PublicLayout />}>
        <Route path="/signin" element={<RedirectIfSignedIn to="/bases"><SignInPage /></RedirectIfSignedIn>} />
        <Route path="/signup" element={<RedirectIfSignedIn to="/connect"><SignUpPage /></RedirectIfSignedIn>} />
        <Route path="/status/live" element={<StatusPage publicOnly />} />
      </Route>
      <Route element={<RequireAuth><Layout /></RequireAuth>}>
        <Route path="/" element={<Navigate to="/bases" replace />} />
        <Route path="/connect" element={<ConnectPage />} />
        <Route path="/bases" element={<BasesPage />} />
        <Route path="/bases/:baseId" element={<TablesPage />} />
        <Route path="/bases/:baseId/tables/:tableId" element={<RecordsPage />} />
        <Route path="/imports" element={lazyPage(<ImportsPage />)} />
        <Route path="/imports/new" element={lazyPage(<NewImportPage />)} />
        <Route path="/imports/:importId" element={lazyPage(<ImportDetailPage />)} />
        <Route path="/status" element={<StatusPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
