import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type DragEvent, type SubmitEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/errors';
import { api } from '../api/instance';
import type { CreatedImport, ImportMode, Table } from '../api/types';
import { uploadFile, type UploadProgress } from '../api/upload';
import { Badge, ErrorMessage, Loading, Notice, ProgressBar } from '../components/Feedback';
import { Page } from '../components/Page';
import { contentTypeFor, fileKind, headerProblems, previewCsv, type CsvPreview, type FileKind } from '../lib/csv';
import { isReadOnly, typeLabel } from '../lib/fields';
import { mappableFields, previewMapping, type ColumnStatus } from '../lib/mapping';
import { useBases, useTables } from '../lib/queries';

/** How much of a CSV file is read in the browser for the header and sample rows. */
const PREVIEW_BYTES = 64 * 1024;

interface ChosenFile {
  file: File;
  kind: FileKind;
  preview: CsvPreview | null;
}

const STATUS_TONES: Record<ColumnStatus, string> = {
  mapped: 'success', ignored: 'neutral', unknown: 'warning', readOnly: 'warning', duplicate: 'danger',
  recordId: 'progress',
};
const STATUS_LABELS: Record<ColumnStatus, string> = {
  mapped: 'Mapped', ignored: 'Ignored', unknown: 'Unknown column', readOnly: 'Read-only field', duplicate: 'Duplicate',
  recordId: 'Record id',
};

function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export default function NewImportPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const bases = useBases();
  const [chosenBaseId, setBaseId] = useState(params.get('baseId') ?? '');
  // until one is chosen: the first base and table
  const baseId = chosenBaseId || bases.data?.[0]?.id || '';
  const tables = useTables(baseId || undefined);
  const [tableId, setTableId] = useState(params.get('table') ?? '');
  const table: Table | undefined = tables.data?.find((t) => t.id === tableId || t.name === tableId) ?? tables.data?.[0];
  const [mode, setMode] = useState<ImportMode>('create');
  const [mergeOn, setMergeOn] = useState<string[]>([]);
  const [typecast, setTypecast] = useState(true);
  const [onInvalidRows, setOnInvalidRows] = useState<'reject' | 'skip'>('reject');
  const [chosen, setChosen] = useState<ChosenFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [overrides, setOverrides] = useState<Record<string, string>>({});
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const fileInputId = useId();

  useEffect(() => () => abort.current?.abort(), []);

  const mapping = chosen?.preview && table
    ? previewMapping(chosen.preview.header, table.fields, overrides, mode, mergeOn, table.primaryFieldId)
    : null;
  const problems = [
    ...(chosen?.preview ? headerProblems(chosen.preview.header) : []),
    ...(mapping?.errors ?? []),
    ...(!chosen?.preview && mode === 'upsert' && (mergeOn.length === 0 || mergeOn.length > 3)
      ? ['Choose one to three fields that identify the records (merge on).'] : []),
  ];

  const choose = async (file: File) => {
    setFileError(null);
    setOverrides({});
    const kind = fileKind(file.name, file.type);
    if (kind === 'unknown') {
      setChosen(null);
      setFileError(`“${file.name}” is not a CSV, XLSX or JSON file.`);
      return;
    }
    if (file.size === 0) {
      setChosen(null);
      setFileError(`“${file.name}” is empty.`);
      return;
    }
    let preview: CsvPreview | null = null;
    if (kind === 'csv') {
      preview = previewCsv(await file.slice(0, PREVIEW_BYTES).text());
    }
    setChosen({ file, kind, preview });
  };

  const start = useMutation({
    mutationFn: async (): Promise<CreatedImport> => {
      if (!chosen || !table) throw new Error('Choose a table and a file first.');
      const created = await api.createImport({
        baseId,
        table: table.id,
        fileName: chosen.file.name,
        contentType: contentTypeFor(chosen.kind, chosen.file.type),
        mode,
        ...(mode === 'upsert' ? { mergeOn } : {}),
        ...(mapping ? { mapping: mapping.payload } : {}),
        typecast,
        onInvalidRows,
      });
      if (created.maxBytes && chosen.file.size > created.maxBytes) {
        await api.cancelImport(created.importId).catch(() => undefined);
        throw new ApiError(413, 'FILE_TOO_LARGE', `The file is ${formatBytes(chosen.file.size)}; imports take at most `
          + `${formatBytes(created.maxBytes)}.`);
      }
      abort.current = new AbortController();
      setProgress({ loaded: 0, total: chosen.file.size });
      try {
        await uploadFile(created.uploadUrl, chosen.file, created.uploadHeaders, setProgress, abort.current.signal,
          created.uploadMethod);
      } catch (error) {
        await api.cancelImport(created.importId).catch(() => undefined);
        throw error;
      }
      return created;
    },
    onSuccess: (created) => navigate(`/imports/${created.importId}`),
    onSettled: () => setProgress(null),
  });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!chosen || problems.length > 0) return;
    start.mutate();
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void choose(file);
  };

  const busy = start.isPending;
  return (
    <Page title="Import a file">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li><Link to="/imports">Imports</Link></li>
          <li aria-current="page">New import</li>
        </ol>
      </nav>
      <p className="lead">
        Rows are checked first, then written in order; if writing fails part-way, everything already written is
        undone, so the table never holds half a file.
      </p>
      <form className="form import-form" onSubmit={submit}>
        <fieldset className="card" disabled={busy}>
          <legend>Where to</legend>
          <div className="form-row">
            <div className="form-field">
              <label htmlFor="import-base">Base</label>
              <select id="import-base" value={baseId} onChange={(e) => {
                setBaseId(e.target.value);
                setTableId('');
                setMergeOn([]);
              }}>
                {!baseId ? <option value="">Loading bases…</option> : null}
                {(bases.data ?? []).map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
              </select>
            </div>
            <div className="form-field">
              <label htmlFor="import-table">Table</label>
              <select id="import-table" value={table?.id ?? ''} onChange={(e) => {
                setTableId(e.target.value);
                setOverrides({});
                setMergeOn([]);
              }}>
                {!table ? <option value="">Loading tables…</option> : null}
                {(tables.data ?? []).map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
              </select>
            </div>
          </div>
          <ErrorMessage error={bases.error ?? tables.error} />
          <div className="form-row">
            <fieldset className="form-field radio-group">
              <legend>What to do with each row</legend>
              {([
                ['create', 'Create new records'],
                ['upsert', 'Update the records that match on chosen fields, create the others (upsert)'],
                ['update', 'Update records by id (a column “id” holds each row’s record id)'],
              ] as const).map(([value, label]) => (
                <label key={value} className="radio">
                  <input type="radio" name="mode" value={value} checked={mode === value} onChange={() => setMode(value)} />
                  {label}
                </label>
              ))}
            </fieldset>
            {mode === 'upsert' && table ? (
              <fieldset className="form-field">
                <legend>Match records on (1 to 3 fields)</legend>
                <div className="checkbox-list">
                  {table.fields.filter((f) => !isReadOnly(f) && f.type !== 'multipleAttachments').map((f) => (
                    <label key={f.id} className="checkbox">
                      <input type="checkbox" checked={mergeOn.includes(f.name)} onChange={(e) => setMergeOn((m) => (
                        e.target.checked ? [...m, f.name] : m.filter((n) => n !== f.name)))} />
                      {f.name}
                    </label>
                  ))}
                </div>
              </fieldset>
            ) : null}
          </div>
          <div className="form-row">
            <label className="checkbox">
              <input type="checkbox" checked={typecast} onChange={(e) => setTypecast(e.target.checked)} />
              Convert text to the field types (select options, numbers, dates)
            </label>
            <div className="form-field">
              <label htmlFor="invalid-rows">Rows that fail the checks</label>
              <select id="invalid-rows" value={onInvalidRows}
                onChange={(e) => setOnInvalidRows(e.target.value as 'reject' | 'skip')}>
                <option value="reject">reject the whole file</option>
                <option value="skip">skip them and import the rest</option>
              </select>
            </div>
          </div>
        </fieldset>

        <fieldset className="card" disabled={busy}>
          <legend>File</legend>
          <div className={`dropzone${dragging ? ' dropzone-active' : ''}`}
            onDragOver={(e) => {
              e.preventDefault();
              e.dataTransfer.dropEffect = 'copy';
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)} onDrop={onDrop}>
            <input id={fileInputId} className="file-input" type="file" accept=".csv,.xlsx,.json,text/csv,application/json"
              aria-describedby="dropzone-help" onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void choose(file);
              }} />
            <label htmlFor={fileInputId} className="dropzone-label">
              <span className="dropzone-title">Drop a CSV, XLSX or JSON file here</span>
              <span className="button">or choose a file</span>
            </label>
            <p id="dropzone-help" className="help">
              The first line of a CSV names the columns. The file goes straight to storage; nothing is written to
              Airtable before every row has been checked.
            </p>
          </div>
          {fileError ? <p className="alert alert-danger" role="alert">{fileError}</p> : null}
          {chosen ? (
            <p className="chosen-file" role="status">
              <strong>{chosen.file.name}</strong> · {formatBytes(chosen.file.size)}
              {chosen.preview ? ` · ${chosen.preview.header.length} columns` : ''}
            </p>
          ) : null}
        </fieldset>

        {chosen && table ? (
          <section className="card" aria-labelledby="mapping-heading">
            <h2 id="mapping-heading">Columns → fields of {table.name}</h2>
            {!chosen.preview ? (
              <Notice>
                {chosen.kind === 'xlsx' ? 'XLSX' : 'JSON'} files are mapped by name: each column (or key) fills the
                field with the same name, and the server reports any that do not exist.
              </Notice>
            ) : (
              <>
                <div className="table-scroll">
                  <table className="mapping">
                    <thead>
                      <tr>
                        <th scope="col">Column in the file</th>
                        <th scope="col">Sample</th>
                        <th scope="col">Field</th>
                        <th scope="col">Status</th>
                      </tr>
                    </thead>
                    <tbody>
                      {mapping?.columns.map((c, i) => (
                        <tr key={`${c.column}-${i}`}>
                          <th scope="row">{c.column || <em>(no name)</em>}</th>
                          <td className="muted sample">{chosen.preview?.rows[0]?.[i] ?? ''}</td>
                          <td>
                            {c.status === 'recordId' ? <span className="muted">(record id)</span> : (
                              <select aria-label={`Field for column ${c.column}`} disabled={busy}
                                value={c.status === 'mapped' || c.status === 'duplicate' ? c.field?.name ?? '' : ''}
                                onChange={(e) => setOverrides((o) => ({ ...o, [c.column]: e.target.value }))}>
                                <option value="">Ignore this column</option>
                                {mappableFields(table.fields).map((f) => (
                                  <option key={f.id} value={f.name}>{f.name} ({typeLabel(f.type)})</option>
                                ))}
                                {table.fields.filter(isReadOnly).map((f) => (
                                  <option key={f.id} value={f.name} disabled>{f.name} (computed, read-only)</option>
                                ))}
                              </select>
                            )}
                          </td>
                          <td>
                            <Badge tone={STATUS_TONES[c.status]}>{STATUS_LABELS[c.status]}</Badge>
                            {c.note ? <span className="note"> {c.note}</span> : null}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {mapping && mapping.unmappedFields.length > 0 ? (
                  <p className="muted">
                    Fields no column fills: {mapping.unmappedFields.map((f) => f.name).join(', ')}.
                  </p>
                ) : null}
                {mapping?.warnings.map((w) => <Notice key={w} tone="warning">{w}</Notice>)}
              </>
            )}
          </section>
        ) : null}
        {chosen && !table && tables.isPending ? <Loading label="Loading the table's fields…" /> : null}

        {submitted && problems.length > 0 ? (
          <div className="alert alert-danger" role="alert">
            <p>Fix these before importing:</p>
            <ul>{problems.map((p) => <li key={p}>{p}</li>)}</ul>
          </div>
        ) : null}
        {submitted && !chosen ? <p className="alert alert-danger" role="alert">Choose a file to import.</p> : null}
        <ErrorMessage error={start.error} title="The import did not start." />
        {progress ? (
          <div className="card">
            <ProgressBar value={progress.loaded} max={progress.total || 1}
              label={`Uploading ${chosen?.file.name ?? 'the file'} (${formatBytes(progress.loaded)} of ${formatBytes(progress.total)})`} />
            <button type="button" className="button button-small" onClick={() => abort.current?.abort()}>
              Cancel upload
            </button>
          </div>
        ) : null}
        <div className="row-actions">
          <button type="submit" className="button button-primary" disabled={busy || !table}>
            {busy ? (progress ? 'Uploading…' : 'Starting…') : 'Import'}
          </button>
          <Link className="button button-quiet" to="/imports">Back to imports</Link>
        </div>
      </form>
    </Page>
  );
}
