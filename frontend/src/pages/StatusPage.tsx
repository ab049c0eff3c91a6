import { useQuery } from '@tanstack/react-query';
import { api } from '../api/instance';
import { Badge, ErrorMessage, Loading } from '../components/Feedback';
import { Page } from '../components/Page';
import { formatWhen } from '../lib/format';

const CHECK_NAMES: Record<string, string> = {
  dynamodb: 'Database (DynamoDB)',
  secretsManager: 'Secret store (Secrets Manager)',
  s3: 'File storage (S3)',
  airtable: 'Airtable',
  stepFunctions: 'Workflows (Step Functions)',
};

function tone(status: string): string {
  switch (status) {
    case 'ok': return 'success';
    case 'skipped': return 'neutral';
    default: return 'danger';
  }
}

/** GET /health (anyone) and, signed in, GET /health/deep: each dependency's state and how long its check took. */
export function StatusPage({ publicOnly = false }: { publicOnly?: boolean }) {
  const live = useQuery({ queryKey: ['health'], queryFn: api.liveness, staleTime: 0 });
  const deep = useQuery({ queryKey: ['health', 'deep'], queryFn: api.deepHealth, enabled: !publicOnly, staleTime: 0 });
  const refresh = () => {
    void live.refetch();
    if (!publicOnly) void deep.refetch();
  };
  const overall = publicOnly ? live.data?.status : deep.data?.status;
  return (
    <Page title="System status" actions={(
      <button type="button" className="button" onClick={refresh} disabled={live.isFetching || deep.isFetching}>
        {live.isFetching || deep.isFetching ? 'Checking…' : 'Check again'}
      </button>
    )}>
      {overall ? (
        <div className={`alert ${overall === 'ok' ? 'alert-success' : 'alert-danger'}`} role="status">
          {overall === 'ok' ? 'All systems are working.' : 'Some parts of the system are not working; see below.'}
        </div>
      ) : null}
      <section className="card" aria-labelledby="api-heading">
        <h2 id="api-heading">API</h2>
        {live.isPending ? <Loading /> : null}
        <ErrorMessage error={live.error} title="The API does not answer." />
        {live.data ? (
          <dl className="facts">
            <dt>Status</dt><dd><Badge tone={tone(live.data.status)}>{live.data.status}</Badge></dd>
            <dt>Stage</dt><dd>{live.data.stage}</dd>
            <dt>Server time</dt><dd>{formatWhen(live.data.time)}</dd>
          </dl>
        ) : null}
      </section>
      {publicOnly ? (
        <p className="muted">Sign in to see the state of each dependency.</p>
      ) : (
        <section className="card" aria-labelledby="deps-heading">
          <h2 id="deps-heading">Dependencies</h2>
          {deep.isPending ? <Loading label="Checking every dependency…" /> : null}
          <ErrorMessage error={deep.error} />
          {deep.data ? (
            <div className="table-scroll">
              <table className="list-table">
                <thead>
                  <tr><th scope="col">Dependency</th><th scope="col">State</th><th scope="col">Time</th><th scope="col">Detail</th></tr>
                </thead>
                <tbody>
                  {Object.entries(deep.data.checks).map(([name, check]) => (
                    <tr key={name}>
                      <th scope="row">{CHECK_NAMES[name] ?? name}</th>
                      <td><Badge tone={tone(check.status)}>{check.status}</Badge></td>
                      <td className="number">{check.ms !== undefined ? `${check.ms} ms` : ''}</td>
                      <td>{check.detail ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {deep.dataUpdatedAt ? <p className="muted">Checked {formatWhen(new Date(deep.dataUpdatedAt).toISOString())}.</p> : null}
        </section>
      )}
    </Page>
  );
}
