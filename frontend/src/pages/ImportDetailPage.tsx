import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../api/instance';
import type { ImportDetail } from '../api/types';
import { Badge, ErrorMessage, Loading, ProgressBar } from '../components/Feedback';
import { Page } from '../components/Page';
import {
  canCancel, duration, involvesRollback, isTerminal, pollInterval, progressOf, rollbackSummary, statusInfo, stepLabel,
  stepTone,
} from '../lib/importStatus';
import { useTableNames } from '../lib/useTableNames';
import { formatWhen } from '../lib/format';

export default function ImportDetailPage() {
  const { importId = '' } = useParams();
  const [params] = useSearchParams();
  const changeSet = params.get('kind') === 'changeset';
  const queryClient = useQueryClient();
  const detail = useQuery({
    queryKey: ['import', importId, changeSet],
    queryFn: () => (changeSet ? api.changeSetDetail(importId) : api.importDetail(importId)),
    // live status: every second until the import reaches a final state
    refetchInterval: (q) => pollInterval(q.state.data?.status),
    staleTime: 0,
  });
  const cancel = useMutation({
    mutationFn: () => api.cancelImport(importId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['import', importId] }),
  });
  const data = detail.data;
  const tableName = useTableNames(data ? [data.baseId] : []);
  const title = data ? (changeSet ? `Change set ${importId}` : `Import of ${data.fileName || importId}`) : 'Import';

  return (
    <Page title={title}>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li><Link to="/imports">Imports</Link></li>
          <li aria-current="page">{data?.fileName ?? importId}</li>
        </ol>
      </nav>
      {detail.isPending ? <Loading label="Loading the import…" /> : null}
      <ErrorMessage error={detail.error} />
      {data ? <Detail data={data} tableName={tableName(data.baseId, data.table)}
        onCancel={changeSet ? undefined : () => cancel.mutate()} cancelling={cancel.isPending} /> : null}
      <ErrorMessage error={cancel.error} title="The import was not cancelled." />
    </Page>
  );
}

function Detail({ data, tableName, onCancel, cancelling }: {
  data: ImportDetail;
  tableName: string;
  /** absent for change sets, which cannot be cancelled through the API */
  onCancel: (() => void) | undefined;
  cancelling: boolean;
}) {
  const info = statusInfo(data.status);
  const progress = progressOf(data);
  const counts = data.counts ?? {};
  const rollback = involvesRollback(data);
  return (
    <>
      <section className={`card status-card status-${info.tone}`} aria-labelledby="import-status">
        <div className="status-head">
          <h2 id="import-status">Status</h2>
          <span role="status" aria-live="polite" data-status={data.status}>
            <Badge tone={info.tone}>{info.label}</Badge>
          </span>
        </div>
        <p>{info.sentence}</p>
        {!isTerminal(data.status) && progress !== null ? (
          <ProgressBar value={progress} label={`${counts.applied ?? 0} of ${counts.valid ?? counts.rows ?? 0} rows written`} />
        ) : null}
        <dl className="facts">
          <dt>Into</dt>
          <dd><Link to={`/bases/${data.baseId}/tables/${data.table}`}>{tableName}</Link> ({data.mode ?? data.kind})</dd>
          <dt>Started</dt><dd>{formatWhen(data.createdAt)}</dd>
          <dt>Last change</dt><dd>{formatWhen(data.updatedAt)}</dd>
        </dl>
        <dl className="counts">
          {([['Rows', counts.rows], ['Valid', counts.valid], ['Invalid', counts.invalid], ['Written', counts.applied],
            ['Undone', counts.compensated]] as const).map(([label, n]) => (
            <div key={label}><dt>{label}</dt><dd>{n ?? '–'}</dd></div>
          ))}
        </dl>
        {onCancel && canCancel(data.status) ? (
          <button type="button" className="button" onClick={onCancel} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel import'}
          </button>
        ) : null}
      </section>

      {rollback ? (
        <section className={`card rollback-card status-${data.status === 'ROLLBACK_FAILED' ? 'danger' : 'warning'}`}
          aria-labelledby="rollback-heading">
          <h2 id="rollback-heading">
            {data.status === 'ROLLING_BACK' ? 'Rolling back' : data.status === 'ROLLBACK_FAILED' ? 'Rollback failed'
              : 'Rolled back'}
          </h2>
          <p>{rollbackSummary(data)}</p>
          {data.error ? <p><strong>Why it failed:</strong> {data.error.message}</p> : null}
          {data.status === 'ROLLED_BACK' ? <p>The table is exactly as it was before this import.</p> : null}
        </section>
      ) : data.error ? (
        <div className="alert alert-danger" role="alert"><strong>Why it stopped: </strong>{data.error.message}</div>
      ) : null}

      <section className="card" aria-labelledby="steps-heading">
        <h2 id="steps-heading">Steps</h2>
        {data.steps && data.steps.length > 0 ? (
          <ol className="steps">
            {data.steps.map((step, i) => {
              const tone = stepTone(step);
              return (
                <li key={`${step.name}-${i}`} className={`step step-${tone}`}>
                  <span className="step-name">{stepLabel(step.name)}</span>
                  <Badge tone={tone}>{step.status.toLowerCase().replace(/_/g, ' ')}</Badge>
                  <span className="muted">{duration(step.startedAt, step.endedAt)}</span>
                  {step.detail ? <span className="step-detail">{step.detail}</span> : null}
                </li>
              );
            })}
          </ol>
        ) : <p className="muted">No step has started yet.</p>}
      </section>

      {data.rowErrors && data.rowErrors.length > 0 ? (
        <section className="card" aria-labelledby="row-errors-heading">
          <h2 id="row-errors-heading">Rows with problems ({data.rowErrors.length}{data.rowErrorsTruncated ? '+' : ''})</h2>
          <div className="table-scroll">
            <table className="list-table row-errors">
              <thead>
                <tr><th scope="col">Row</th><th scope="col">Column</th><th scope="col">Field</th><th scope="col">Problem</th></tr>
              </thead>
              <tbody>
                {data.rowErrors.map((e, i) => (
                  <tr key={`${e.row}-${e.column ?? ''}-${i}`}>
                    <td className="number">{e.row === 0 ? 'file' : e.row}</td>
                    <td>{e.column ?? ''}</td>
                    <td>{e.field ?? ''}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.rowErrorsTruncated ? (
            <p className="muted">Only the first {data.rowErrors.length} problems are listed.</p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
