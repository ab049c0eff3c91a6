import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../api/instance';
import type { Connection } from '../api/types';
import { ConfirmDialog } from '../components/Dialog';
import { ErrorMessage, Loading, Notice } from '../components/Feedback';
import { Page } from '../components/Page';
import { useToasts } from '../components/toasts';

const SCOPES = [
  { scope: 'data.records:read', why: 'read records to show them in the grid', required: true },
  { scope: 'data.records:write', why: 'edit, add and delete records, and write imports', required: true },
  { scope: 'schema.bases:read', why: 'list your bases, their tables and fields (types for the grid and imports)',
    required: true },
  { scope: 'schema.bases:write', why: 'only if you want PyAirtable to create tables for you', required: false },
];

function formatTime(iso?: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

function ConnectionStatus({ connection, onDisconnect }: { connection: Connection; onDisconnect: () => void }) {
  if (connection.status === 'connected' && connection.source === 'user') {
    return (
      <section className="card" aria-labelledby="status-heading">
        <h2 id="status-heading">Connected to your Airtable account</h2>
        <dl className="facts">
          <dt>Airtable user</dt><dd>{connection.airtableUserId ?? 'unknown'}</dd>
          <dt>Connected</dt><dd>{formatTime(connection.connectedAt)}</dd>
          <dt>Scopes</dt>
          <dd>{connection.scopes && connection.scopes.length > 0 ? connection.scopes.join(', ') : 'not reported'}</dd>
        </dl>
        <div className="row-actions">
          <Link className="button button-primary" to="/bases">Browse your bases</Link>
          <button type="button" className="button button-danger" onClick={onDisconnect}>Disconnect</button>
        </div>
      </section>
    );
  }
  if (connection.status === 'default' || connection.source === 'default') {
    return (
      <section className="card card-highlight" aria-labelledby="status-heading">
        <h2 id="status-heading">Using the demo base</h2>
        <p>
          You have not connected an Airtable account, so PyAirtable uses this deployment&apos;s shared token. Locally
          that is the Airtable sandbox with the <strong>Demo CRM</strong> base (Companies, Contacts, Deals), ready to
          browse, edit and import into. Connect your own account below to work with your bases instead.
        </p>
        <Link className="button button-primary" to="/bases">Browse the demo base</Link>
      </section>
    );
  }
  return (
    <Notice tone="warning">
      No Airtable account is connected and this deployment has no shared token: connect your account below to see
      your bases.
    </Notice>
  );
}

export function ConnectPage() {
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const connection = useQuery({ queryKey: ['connection'], queryFn: api.connection });
  const [token, setToken] = useState('');
  const [confirming, setConfirming] = useState(false);

  const afterChange = () => {
    // another token means other bases, tables and records
    void queryClient.invalidateQueries();
  };
  const connect = useMutation({
    mutationFn: (value: string) => api.connect(value),
    onSuccess: (result) => {
      queryClient.setQueryData(['connection'], result);
      setToken('');
      afterChange();
      toasts.show('Airtable account connected.');
    },
  });
  const disconnect = useMutation({
    mutationFn: api.disconnect,
    onSuccess: () => {
      setConfirming(false);
      afterChange();
      toasts.show('Airtable account disconnected.');
    },
  });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    connect.mutate(token.trim());
  };

  return (
    <Page title="Airtable connection">
      {connection.isPending ? <Loading label="Checking your connection…" /> : null}
      <ErrorMessage error={connection.error} />
      {connection.data ? (
        <ConnectionStatus connection={connection.data} onDisconnect={() => setConfirming(true)} />
      ) : null}

      <section className="card" aria-labelledby="pat-heading">
        <h2 id="pat-heading">
          {connection.data?.source === 'user' ? 'Replace your personal access token' : 'Connect your Airtable account'}
        </h2>
        <p>
          Create a personal access token at <strong>airtable.com/create/tokens</strong>, give it access to the bases
          you want here, and these scopes:
        </p>
        <table className="scopes">
          <caption className="visually-hidden">Scopes the token needs</caption>
          <thead><tr><th scope="col">Scope</th><th scope="col">Why PyAirtable needs it</th></tr></thead>
          <tbody>
            {SCOPES.map((s) => (
              <tr key={s.scope}>
                <th scope="row"><code>{s.scope}</code>{s.required ? null : <span className="muted"> (optional)</span>}</th>
                <td>{s.why}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <form className="form" onSubmit={submit}>
          <ErrorMessage error={connect.error} />
          <div className="form-field">
            <label htmlFor="pat">Personal access token</label>
            <input id="pat" name="pat" type="password" autoComplete="off" spellCheck={false} required
              placeholder="pat…" value={token} onChange={(e) => setToken(e.target.value)}
              aria-describedby="pat-help" />
            <p id="pat-help" className="help">
              The token is checked with Airtable, then kept in the server&apos;s secret store. It is never shown again,
              not even to you.
            </p>
          </div>
          <button type="submit" className="button button-primary" disabled={connect.isPending || !token.trim()}>
            {connect.isPending ? 'Checking the token…' : 'Connect'}
          </button>
        </form>
      </section>

      <ConfirmDialog open={confirming} title="Disconnect Airtable?"
        message={'PyAirtable forgets your token at once. If this deployment has a shared token (the demo base '
          + 'locally), that one is used again.'}
        confirmLabel="Disconnect" busy={disconnect.isPending} onConfirm={() => disconnect.mutate()}
        onCancel={() => setConfirming(false)}
        error={<ErrorMessage error={disconnect.error} />} />
    </Page>
  );
}
