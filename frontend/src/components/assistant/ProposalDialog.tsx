import { useId } from 'react';
import type { Proposal } from '../../api/types';
import { diffSections, type DiffSection } from '../../lib/proposalDiff';
import { Dialog } from '../Dialog';
import { ErrorMessage } from '../Feedback';

/** The diff of one proposal: the new table's definition, new rows, before → after per field, the rows that go. */
export function ProposalDiffView({ proposal }: { proposal: Proposal }) {
  return (
    <div className="diff">
      {diffSections(proposal.diff).map((section) => <Section key={section.op} section={section} />)}
    </div>
  );
}

function Section({ section }: { section: DiffSection }) {
  const headingId = useId();
  switch (section.op) {
    case 'create_table':
      return (
        <section aria-labelledby={headingId} className="diff-section">
          <h3 id={headingId}>{section.title}</h3>
          {section.description ? <p>{section.description}</p> : null}
          <div className="diff-scroll">
            <table className="diff-table" aria-labelledby={headingId}>
              <thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Options</th></tr></thead>
              <tbody>
                {section.fields.map((f, i) => (
                  <tr key={f.name}>
                    <th scope="row">{f.name}{i === 0 ? <span className="muted"> (primary)</span> : null}</th>
                    <td>{f.type}</td>
                    <td>{f.detail || <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      );
    case 'create':
    case 'delete':
      return (
        <section aria-labelledby={headingId} className={`diff-section diff-${section.op}`}>
          <h3 id={headingId}>{section.title}</h3>
          <div className="diff-scroll">
            <table className="diff-table" aria-labelledby={headingId}>
              <thead>
                <tr>
                  <th scope="col">{section.op === 'create' ? 'New record' : 'Record'}</th>
                  {section.columns.map((c) => <th key={c} scope="col">{c}</th>)}
                </tr>
              </thead>
              <tbody>
                {section.rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{section.op === 'delete' ? <del>{row.label}</del> : row.label}</th>
                    {row.cells.map((cell, i) => <td key={section.columns[i] ?? i}>{cell}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      );
    case 'update':
      return (
        <section aria-labelledby={headingId} className="diff-section diff-update">
          <h3 id={headingId}>{section.title}</h3>
          {section.records.map((record) => (
            <div key={record.key} className="diff-scroll">
              <table className="diff-table">
                <caption>{record.label}</caption>
                <thead><tr><th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
                <tbody>
                  {record.fields.map((f) => (
                    <tr key={f.field} className={f.changed ? 'diff-changed' : undefined}>
                      <th scope="row">{f.field}</th>
                      <td>{f.changed ? <del>{f.before}</del> : f.before}</td>
                      <td>{f.changed ? <ins>{f.after}</ins> : <>{f.after} <span className="muted">(unchanged)</span></>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      );
  }
}

/** Review a proposed change with its diff; Confirm applies it (a change set), Dismiss leaves everything as it is. */
export function ProposalDialog({ proposal, onConfirm, onDismiss, busy, error }: {
  proposal: Proposal;
  onConfirm: () => void;
  onDismiss: () => void;
  busy: boolean;
  error: unknown;
}) {
  const summaryId = useId();
  const deletes = proposal.diff.changes.some((c) => c.op === 'delete');
  return (
    <Dialog open title="Review the proposed change" onClose={onDismiss} onSubmit={onConfirm} describedBy={summaryId}
      footer={(
        <>
          <button type="button" className="button" onClick={onDismiss} autoFocus>Dismiss</button>
          <button type="submit" className={deletes ? 'button button-danger' : 'button button-primary'} disabled={busy}>
            {busy ? 'Confirming…' : 'Confirm'}
          </button>
        </>
      )}>
      <p id={summaryId}>
        <strong>{proposal.summary}.</strong>{' '}
        {proposal.kind === 'create_table'
          ? 'The table is created as soon as you confirm (this step is not undone if its records fail); its records are then written all or nothing.'
          : 'Nothing has been written yet. If you confirm, the change is applied all or nothing.'}
      </p>
      <ProposalDiffView proposal={proposal} />
      <ErrorMessage error={error} title="The change was not applied." />
    </Dialog>
  );
}
