import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../auth/context';
import { ErrorMessage, Notice } from '../components/Feedback';
import { Page } from '../components/Page';

function CredentialsForm({ mode }: { mode: 'signin' | 'signup' }) {
  const auth = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const signup = mode === 'signup';

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (signup) {
        // once signed in, the route sends the person on (RedirectIfSignedIn in App.tsx)
        await auth.signUp(email.trim(), password);
      } else {
        await auth.signIn(email.trim(), password);
      }
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <form className="card form auth-form" onSubmit={(e) => void submit(e)} noValidate={false}>
      {auth.notice && !error ? <Notice>{auth.notice}</Notice> : null}
      <ErrorMessage error={error} />
      <div className="form-field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="email" required value={email}
          onChange={(e) => setEmail(e.target.value)} />
      </div>
      <div className="form-field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" required minLength={signup ? 12 : undefined}
          maxLength={256} autoComplete={signup ? 'new-password' : 'current-password'} value={password}
          aria-describedby={signup ? 'password-help' : undefined} onChange={(e) => setPassword(e.target.value)} />
        {signup ? (
          <p id="password-help" className="help">
            12 to 256 characters; a passphrase of a few words works well. Common passwords and your email are refused.
          </p>
        ) : null}
      </div>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? (signup ? 'Creating account…' : 'Signing in…') : (signup ? 'Create account' : 'Sign in')}
      </button>
      <p className="form-switch">
        {signup ? <>Already have an account? <Link to="/signin">Sign in</Link></>
          : <>New here? <Link to="/signup">Create an account</Link></>}
      </p>
    </form>
  );
}

export function SignInPage() {
  return (
    <Page title="Sign in">
      <p className="lead">Your Airtable data, imports that never half-apply, and the system&apos;s health in one place.</p>
      <CredentialsForm mode="signin" />
    </Page>
  );
}

export function SignUpPage() {
  return (
    <Page title="Create your account">
      <p className="lead">An account keeps your Airtable connection and your imports.</p>
      <CredentialsForm mode="signup" />
    </Page>
  );
}
