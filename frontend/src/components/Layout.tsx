import { NavLink, Outlet, useNavigate } from 'react-router';
import { useAuth } from '../auth/context';

const NAV = [
  { to: '/bases', label: 'Data' },
  { to: '/imports', label: 'Imports' },
  { to: '/connect', label: 'Airtable connection' },
  { to: '/status', label: 'System status' },
];

/** The frame of every signed-in screen: skip link, navigation, who is signed in, sign out. */
export function Layout() {
  const auth = useAuth();
  const { user } = auth;
  const navigate = useNavigate();
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="app-header">
        <NavLink to="/bases" className="brand">PyAirtable</NavLink>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.to}><NavLink to={item.to}>{item.label}</NavLink></li>
            ))}
          </ul>
        </nav>
        <div className="account">
          {user ? <span className="account-email" title={user.email}>{user.email}</span> : null}
          <button type="button" className="button button-small" onClick={() => {
            void auth.signOut().then(() => navigate('/signin'));
          }}>Sign out</button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

/** The frame of the sign-in and sign-up screens. */
export function PublicLayout() {
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="app-header app-header-public">
        <span className="brand">PyAirtable</span>
        <nav aria-label="Public">
          <ul>
            <li><NavLink to="/status/live">System status</NavLink></li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="public-main">
        <Outlet />
      </main>
    </>
  );
}
