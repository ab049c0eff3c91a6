import { Link, useParams } from 'react-router';
import { ErrorMessage, Loading } from '../components/Feedback';
import { Page } from '../components/Page';
import { useBases, useTables } from '../lib/queries';

export function TablesPage() {
  const { baseId = '' } = useParams();
  const bases = useBases();
  const tables = useTables(baseId);
  const base = bases.data?.find((b) => b.id === baseId);
  return (
    <Page title={base?.name ?? 'Tables'}>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li><Link to="/bases">Bases</Link></li>
          <li aria-current="page">{base?.name ?? baseId}</li>
        </ol>
      </nav>
      {tables.isPending ? <Loading label="Loading tables…" /> : null}
      <ErrorMessage error={tables.error} />
      {tables.data ? (
        <ul className="card-list" aria-label="Tables">
          {tables.data.map((table) => (
            <li key={table.id} className="card card-link">
              <Link to={`/bases/${baseId}/tables/${table.id}`}>
                <span className="card-title">{table.name}</span>
                <span className="muted">
                  {table.fields.length} field{table.fields.length === 1 ? '' : 's'}
                  {table.description ? ` · ${table.description}` : ''}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </Page>
  );
}
