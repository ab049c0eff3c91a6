import { Link } from 'react-router';
import { DemoBanner } from '../components/DemoBanner';
import { ErrorMessage, Loading } from '../components/Feedback';
import { Page } from '../components/Page';
import { useBases } from '../lib/queries';

export function BasesPage() {
  const bases = useBases();
  return (
    <Page title="Bases">
      <DemoBanner />
      {bases.isPending ? <Loading label="Loading your bases…" /> : null}
      <ErrorMessage error={bases.error} action={bases.error ? <Link to="/connect">Check your Airtable connection</Link> : null} />
      {bases.data && bases.data.length === 0 ? (
        <p>Your Airtable token gives access to no base. Add bases to the token on Airtable, then reload.</p>
      ) : null}
      {bases.data && bases.data.length > 0 ? (
        <ul className="card-list" aria-label="Bases">
          {bases.data.map((base) => (
            <li key={base.id} className="card card-link">
              <Link to={`/bases/${base.id}`}>
                <span className="card-title">{base.name}</span>
                <span className="muted">{base.id} · {base.permissionLevel}</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </Page>
  );
}
