import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/instance';
import { Badge, ErrorMessage, Loading } from '../components/Feedback';
import { Page } from '../components/Page';
import { isTerminal, statusInfo } from '../lib/importStatus';
import { formatWhen } from '../lib/format';
import { useTableNames } from '../lib/useTableNames';

export default function ImportsPage() {
  const imports = useQuery({
    queryKey: ['imports'],
    queryFn: api.imports,
    // keep the list live while something is still running
    refetchInterval: (q) => (q.state.data?.some((i) => !isTerminal(i.status)) ? 2000 : false),
  });
  const tableName = useTableNames((imports.data ?? []).map((i) => i.baseId));
  return (
    <Page title="Imports" actions={<Link className="button button-primary" to="/imports/new">New import</Link>}>
      {imports.isPending ? <Loading label="Loading imports…" /> : null}
      <ErrorMessage error={imports.error} />
      {imports.data && imports.data.length === 0 ? (
        <p>No imports yet. <Link to="/imports/new">Import a CSV, XLSX or JSON file</Link> into one of your tables.</p>
      ) : null}
      {imports.data && imports.data.length > 0 ? (
        <div className="table-scroll">
          <table className="list-table">
            <caption className="visually-hidden">Your imports and change sets, newest first</caption>
            <thead>
              <tr>
                <th scope="col">File</th><th scope="col">Table</th><th scope="col">Mode</th>
                <th scope="col">Status</th><th scope="col">Rows</th><th scope="col">Started</th>
              </tr>
            </thead>
            <tbody>
              {imports.data.map((i) => {
                const info = statusInfo(i.status);
                const id = i.importId ?? i.changeSetId ?? '';
                const to = i.importId ? `/imports/${id}` : `/imports/${id}?kind=changeset`;
                return (
                  <tr key={id}>
                    <th scope="row">
                      <Link to={to}>{i.fileName || (i.kind === 'changeset' ? `Change set ${id}` : id)}</Link>
                    </th>
                    <td>{tableName(i.baseId, i.table)}</td>
                    <td>{i.mode ?? ''}</td>
                    <td><Badge tone={info.tone}>{info.label}</Badge></td>
                    <td className="number">{i.counts?.rows ?? ''}</td>
                    <td>{formatWhen(i.createdAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
