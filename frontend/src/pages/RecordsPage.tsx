import { useMutation, useQueries, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import {
  createColumnHelper, flexRender, getCoreRowModel, useReactTable, type SortingState,
} from '@tanstack/react-table';
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type SubmitEvent, type KeyboardEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../api/instance';
import type { AirtableRecord, Field, RecordPage, Table } from '../api/types';
import { CellView } from '../components/CellView';
import { DemoBanner } from '../components/DemoBanner';
import { ConfirmDialog, Dialog } from '../components/Dialog';
import { ErrorMessage, Loading } from '../components/Feedback';
import { FieldInput } from '../components/FieldInput';
import { FilterBuilder } from '../components/FilterBuilder';
import { Page } from '../components/Page';
import { useToasts } from '../components/toasts';
import { cellText } from '../lib/cells';
import { inputText, isInlineEditable, isReadOnly, parseInput, typeLabel } from '../lib/fields';
import { countConditions, describeFilter, emptyGroup, fromFilter, type FilterNode } from '../lib/filter';
import {
  formatSort, PAGE_SIZES, parseFilterParam, parsePageSize, parseSort, type SortSpec,
} from '../lib/gridParams';
import { useBases, useTables } from '../lib/queries';

// the assistant's panel is loaded when first opened (it is not needed for the first grid render)
const AssistantPanel = lazy(() => import('../components/assistant/AssistantPanel'));

/** id → primary field value of the records a link field points to (first 300 records of the linked table). */
function useLinkNames(baseId: string, tables: Table[] | undefined, table: Table | undefined) {
  const linkFields = (table?.fields ?? []).filter((f) => f.type === 'multipleRecordLinks');
  const targets = linkFields.map((f) => {
    const linked = tables?.find((t) => t.id === f.options?.linkedTableId);
    const primary = linked?.fields.find((p) => p.id === linked.primaryFieldId);
    return { field: f, linked, primary };
  });
  const results = useQueries({
    queries: targets.map(({ linked, primary }) => ({
      queryKey: ['linkNames', baseId, linked?.id, primary?.name],
      enabled: !!linked && !!primary,
      staleTime: 60_000,
      queryFn: async () => {
        const names = new Map<string, string>();
        let offset: string | null = null;
        for (let page = 0; page < 3; page++) {
          const result: RecordPage = await api.records(baseId, linked?.id ?? '',
            { pageSize: 100, offset, fields: [primary?.name ?? ''] });
          for (const r of result.records) names.set(r.id, cellText(r.fields[primary?.name ?? '']) || r.id);
          offset = result.offset;
          if (!offset) break;
        }
        return names;
      },
    })),
  });
  const byField = new Map<string, Map<string, string> | 'loading'>();
  targets.forEach((t, i) => {
    const result = results[i];
    if (result?.data) byField.set(t.field.name, result.data);
    else if (result?.isPending && result.fetchStatus === 'fetching') byField.set(t.field.name, 'loading');
  });
  return byField;
}

interface Editing {
  recordId: string;
  field: string;
}

export default function RecordsPage() {
  const { baseId = '', tableId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const bases = useBases();
  const tables = useTables(baseId);
  const table = tables.data?.find((t) => t.id === tableId || t.name === tableId);
  const base = bases.data?.find((b) => b.id === baseId);

  const sortKey = params.getAll('sort').join('\u0000');
  const sort = useMemo(() => parseSort(sortKey ? sortKey.split('\u0000') : []), [sortKey]);
  const filterParam = params.get('filter');
  const filter = useMemo(() => parseFilterParam(filterParam), [filterParam]);
  const pageSize = parsePageSize(params.get('pageSize'));

  // Airtable pages forward with an opaque offset: keep the offsets seen so "Previous" can go back.
  const queryIdentity = JSON.stringify([baseId, tableId, sort, filter, pageSize]);
  const [paging, setPaging] = useState({ identity: queryIdentity, offsets: [null] as (string | null)[], page: 0 });
  if (paging.identity !== queryIdentity) {
    setPaging({ identity: queryIdentity, offsets: [null], page: 0 });
  }
  const offset = paging.offsets[paging.page] ?? null;
  // the address names the table (id or name, both accepted by the API): records load alongside the schema
  const recordsKey: QueryKey = ['records', baseId, tableId, pageSize, sort, filter, offset];
  const records = useQuery<RecordPage, Error, RecordPage>({
    queryKey: recordsKey,
    // while the next page, sort or filter loads, keep showing this table's rows (never another table's)
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === tableId ? previous : undefined),
    queryFn: ({ signal }) => api.records(baseId, tableId, { pageSize, sort, filter, offset }, signal),
  });
  const linkNames = useLinkNames(baseId, tables.data, table);

  const [showFilter, setShowFilter] = useState(false);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<AirtableRecord | null>(null);
  const [gridError, setGridError] = useState<unknown>(null);
  const assistantOpen = params.get('assistant') === '1';
  const assistantButton = useRef<HTMLButtonElement>(null);

  const setSearch = (change: (p: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    change(next);
    setParams(next);
  };
  const setSort = (next: SortSpec[]) => setSearch((p) => {
    p.delete('sort');
    for (const s of formatSort(next)) p.append('sort', s);
  });
  const setFilter = (next: FilterNode | null) => setSearch((p) => {
    if (next) p.set('filter', JSON.stringify(next));
    else p.delete('filter');
  });

  const update = useMutation({
    mutationFn: (v: { recordId: string; fields: Record<string, unknown> }) =>
      api.updateRecord(baseId, tableId, v.recordId, v.fields),
    onMutate: async (v) => {
      setGridError(null);
      await queryClient.cancelQueries({ queryKey: recordsKey });
      const previous = queryClient.getQueryData<RecordPage>(recordsKey);
      if (previous) {
        queryClient.setQueryData<RecordPage>(recordsKey, {
          ...previous,
          records: previous.records.map((r) => (r.id === v.recordId ? { ...r, fields: { ...r.fields, ...v.fields } } : r)),
        });
      }
      return { previous };
    },
    onError: (error, _v, context) => {
      if (context?.previous) queryClient.setQueryData(recordsKey, context.previous);
      setGridError(error);
    },
    onSuccess: (saved) => {
      queryClient.setQueryData<RecordPage>(recordsKey, (page) => page && {
        ...page, records: page.records.map((r) => (r.id === saved.id ? saved : r)),
      });
      toasts.show('Saved.');
    },
  });

  const remove = useMutation({
    mutationFn: (recordId: string) => api.deleteRecord(baseId, tableId, recordId),
    onSuccess: () => {
      setDeleting(null);
      toasts.show('Record deleted.');
      void queryClient.invalidateQueries({ queryKey: ['records', baseId, tableId] });
    },
  });

  const primary = table?.fields.find((f) => f.id === table.primaryFieldId);
  const recordLabel = (r: AirtableRecord) => (primary ? cellText(r.fields[primary.name]) : '') || r.id;
  const conditions = countConditions(filter);

  return (
    <Page title={table?.name ?? 'Records'} wide aside={assistantOpen ? (
      <Suspense fallback={<Loading label="Opening the assistant…" />}>
        <AssistantPanel key={baseId} baseId={baseId} baseName={base?.name ?? baseId} onClose={() => {
          setSearch((p) => p.delete('assistant'));
          assistantButton.current?.focus();
        }} />
      </Suspense>
    ) : undefined} actions={table ? (
      <>
        <button type="button" className="button" ref={assistantButton} aria-expanded={assistantOpen}
          aria-controls={assistantOpen ? 'assistant-panel' : undefined}
          onClick={() => setSearch((p) => (assistantOpen ? p.delete('assistant') : p.set('assistant', '1')))}>
          Assistant
        </button>
        <button type="button" className="button" aria-expanded={showFilter} aria-controls="filter-panel"
          onClick={() => setShowFilter((s) => !s)}>
          Filter{conditions > 0 ? ` (${conditions})` : ''}
        </button>
        <Link className="button" to={`/imports/new?baseId=${encodeURIComponent(baseId)}&table=${encodeURIComponent(table.id)}`}>
          Import a file
        </Link>
        <button type="button" className="button button-primary" onClick={() => setAdding(true)}>Add record</button>
      </>
    ) : null}>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li><Link to="/bases">Bases</Link></li>
          <li><Link to={`/bases/${baseId}`}>{base?.name ?? baseId}</Link></li>
          <li aria-current="page">{table?.name ?? tableId}</li>
        </ol>
      </nav>
      <DemoBanner />
      {tables.data && tables.data.length > 1 ? (
        <nav aria-label="Tables of this base" className="table-tabs">
          <ul>
            {tables.data.map((t) => (
              <li key={t.id}>
                <Link to={`/bases/${baseId}/tables/${t.id}`} aria-current={t.id === table?.id ? 'page' : undefined}>
                  {t.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {tables.isPending ? <Loading label="Loading the table…" /> : null}
      <ErrorMessage error={tables.error} />
      {tables.data && !table ? <p role="alert">This base has no table {tableId}.</p> : null}

      {table && showFilter ? (
        <div id="filter-panel">
          <FilterBuilder key={table.id} fields={table.fields} initial={fromFilter(filter) ?? emptyGroup()}
            onCancel={() => setShowFilter(false)}
            onApply={(next) => {
              setFilter(next);
              setShowFilter(false);
            }} />
        </div>
      ) : null}
      {filter ? (
        <p className="filter-summary">
          <span className="muted">Filtered: </span>{describeFilter(filter)}{' '}
          <button type="button" className="button button-small button-quiet" onClick={() => setFilter(null)}>
            Clear filter
          </button>
        </p>
      ) : null}

      <ErrorMessage error={gridError} title="The change was not saved." />
      <ErrorMessage error={records.error} action={paging.page > 0 ? (
        <button type="button" className="button button-small"
          onClick={() => setPaging({ identity: queryIdentity, offsets: [null], page: 0 })}>Back to the first page</button>
      ) : null} />

      {table ? (
        <Grid table={table} records={records.data?.records ?? []} linkNames={linkNames} sort={sort} onSort={setSort}
          loading={records.isPending} busy={records.isFetching}
          onSave={(recordId, fields) => update.mutate({ recordId, fields })}
          onDelete={(record) => {
            remove.reset();
            setDeleting(record);
          }} recordLabel={recordLabel} />
      ) : null}

      {table && records.data ? (
        <div className="pager">
          <span role="status" aria-live="polite">
            Page {paging.page + 1} · {records.data.records.length} record{records.data.records.length === 1 ? '' : 's'}
            {records.isFetching ? ' · updating…' : ''}
          </span>
          <label className="inline-label">
            Rows per page{' '}
            <select value={pageSize} onChange={(e) => setSearch((p) => p.set('pageSize', e.target.value))}>
              {PAGE_SIZES.map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </label>
          <button type="button" className="button" disabled={paging.page === 0}
            onClick={() => setPaging((p) => ({ ...p, page: p.page - 1 }))}>Previous page</button>
          <button type="button" className="button" disabled={!records.data.offset || records.isPlaceholderData}
            onClick={() => setPaging((p) => {
              const offsets = p.offsets.slice(0, p.page + 1);
              offsets.push(records.data.offset);
              return { ...p, offsets, page: p.page + 1 };
            })}>Next page</button>
        </div>
      ) : null}

      {table && adding ? (
        <AddRecordDialog table={table} baseId={baseId} linkNames={linkNames} onClose={() => setAdding(false)} onAdded={() => {
          setAdding(false);
          toasts.show('Record added.');
          void queryClient.invalidateQueries({ queryKey: ['records', baseId, tableId] });
        }} />
      ) : null}

      <ConfirmDialog open={deleting !== null} title="Delete this record?"
        message={deleting ? <>“{recordLabel(deleting)}” will be deleted from {table?.name}. This cannot be undone.</> : ''}
        confirmLabel="Delete record" busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting.id)} onCancel={() => setDeleting(null)}
        error={<ErrorMessage error={remove.error} />} />
    </Page>
  );
}

const columnHelper = createColumnHelper<AirtableRecord>();

function Grid({ table, records, linkNames, sort, onSort, loading, busy, onSave, onDelete, recordLabel }: {
  table: Table;
  records: AirtableRecord[];
  linkNames: Map<string, Map<string, string> | 'loading'>;
  sort: SortSpec[];
  onSort: (sort: SortSpec[]) => void;
  loading: boolean;
  busy: boolean;
  onSave: (recordId: string, fields: Record<string, unknown>) => void;
  onDelete: (record: AirtableRecord) => void;
  recordLabel: (record: AirtableRecord) => string;
}) {
  const [active, setActive] = useState({ row: 0, col: 0 });
  const [editing, setEditing] = useState<Editing | null>(null);
  const cells = useRef(new Map<string, HTMLElement>());
  const returnFocus = useRef(false);
  const fields = table.fields;
  const columnCount = fields.length + 1;

  const columns = useMemo(() => fields.map((field) => columnHelper.accessor((r) => r.fields[field.name], {
    id: field.name,
    header: field.name,
    enableSorting: field.type !== 'multipleAttachments',
    meta: { field },
  })), [fields]);
  const sorting: SortingState = sort.map((s) => ({ id: s.field, desc: s.direction === 'desc' }));
  // TanStack Table returns functions the React Compiler cannot memoise; this component is not compiled
  // eslint-disable-next-line react-hooks/incompatible-library
  const grid = useReactTable({
    data: records,
    columns,
    state: { sorting },
    manualSorting: true,
    sortDescFirst: false,
    enableMultiSort: true,
    isMultiSortEvent: (e) => (e as MouseEvent).shiftKey,
    maxMultiSortColCount: 10,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => r.id,
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      onSort(next.map((s) => ({ field: s.id, direction: s.desc ? 'desc' : 'asc' })));
    },
  });

  const rowCount = records.length;
  const clamp = (row: number, col: number) => ({
    row: Math.max(0, Math.min(row, rowCount - 1)),
    col: Math.max(0, Math.min(col, columnCount - 1)),
  });
  // the cell that takes Tab: the last one focused, kept inside the grid when rows go away (a filter, a delete)
  const current = clamp(active.row, active.col);
  const focusCell = (row: number, col: number) => {
    const next = clamp(row, col);
    setActive(next);
    cells.current.get(`${next.row}:${next.col}`)?.focus();
  };
  useEffect(() => {
    if (!editing && returnFocus.current) {
      returnFocus.current = false;
      cells.current.get(`${active.row}:${active.col}`)?.focus();
    }
  }, [editing, active]);

  const stopEditing = () => {
    returnFocus.current = true;
    setEditing(null);
  };

  const onCellKeyDown = (event: KeyboardEvent<HTMLElement>, row: number, col: number, record: AirtableRecord,
    field: Field | undefined) => {
    if (event.target !== event.currentTarget) return;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [row - 1, col], ArrowDown: [row + 1, col], ArrowLeft: [row, col - 1], ArrowRight: [row, col + 1],
      Home: [row, 0], End: [row, columnCount - 1], PageUp: [0, col], PageDown: [rowCount - 1, col],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      focusCell(event.ctrlKey && event.key === 'Home' ? 0 : move[0],
        event.ctrlKey && event.key === 'End' ? columnCount - 1 : move[1]);
      return;
    }
    if (!field || !isInlineEditable(field)) return;
    if (field.type === 'checkbox' && (event.key === ' ' || event.key === 'Enter')) {
      event.preventDefault();
      onSave(record.id, { [field.name]: record.fields[field.name] !== true });
      return;
    }
    if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      setEditing({ recordId: record.id, field: field.name });
    }
  };

  if (loading) return <Loading label="Loading records…" />;
  const readOnly = fields.filter(isReadOnly).map((f) => f.name);
  return (
    <>
      <div className="grid-scroll" aria-busy={busy}>
        <table className="grid" role="grid" aria-label={`${table.name} records`} aria-describedby="grid-help"
          aria-rowcount={rowCount + 1} aria-colcount={columnCount}>
          <thead>
            {grid.getHeaderGroups().map((group) => (
              <tr key={group.id} aria-rowindex={1}>
                {group.headers.map((header, i) => {
                  const field = fields[i];
                  const dir = header.column.getIsSorted();
                  return (
                    <th key={header.id} scope="col" aria-colindex={i + 1}
                      aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
                      className={`col-${field?.type ?? 'text'}`}>
                      {header.column.getCanSort() ? (
                        <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}
                          title="Sort (Shift-click to sort by several fields)">
                          <span>{flexRender(header.column.columnDef.header, header.getContext())}</span>
                          <span className="sort-indicator" aria-hidden="true">{dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '↕'}</span>
                          {sort.length > 1 && dir ? <span className="sort-rank">{header.column.getSortIndex() + 1}</span> : null}
                        </button>
                      ) : flexRender(header.column.columnDef.header, header.getContext())}
                      <span className="field-type">{field ? typeLabel(field.type) : ''}</span>
                    </th>
                  );
                })}
                <th scope="col" aria-colindex={columnCount}><span className="visually-hidden">Actions</span></th>
              </tr>
            ))}
          </thead>
          <tbody>
            {rowCount === 0 ? (
              <tr><td colSpan={columnCount} className="grid-empty">No records match.</td></tr>
            ) : grid.getRowModel().rows.map((row, r) => (
              <tr key={row.id} aria-rowindex={r + 2}>
                {row.getVisibleCells().map((cell, c) => {
                  const field = fields[c];
                  if (!field) return null;
                  const isActive = current.row === r && current.col === c;
                  const isEditing = editing?.recordId === row.id && editing.field === field.name;
                  const editable = isInlineEditable(field);
                  return (
                    <td key={cell.id} role="gridcell" aria-colindex={c + 1} tabIndex={isActive && !isEditing ? 0 : -1}
                      aria-readonly={!editable || undefined}
                      className={`col-${field.type}${isEditing ? ' editing' : ''}`}
                      ref={(el) => {
                        if (el) cells.current.set(`${r}:${c}`, el);
                        else cells.current.delete(`${r}:${c}`);
                      }}
                      onFocus={() => setActive({ row: r, col: c })}
                      onDoubleClick={() => {
                        if (editable && field.type !== 'checkbox') setEditing({ recordId: row.id, field: field.name });
                      }}
                      onKeyDown={(e) => onCellKeyDown(e, r, c, row.original, field)}>
                      {isEditing ? (
                        <CellEditor field={field} record={row.original} label={`${field.name} of ${recordLabel(row.original)}`}
                          linkChoices={choicesOf(linkNames.get(field.name))}
                          onCancel={stopEditing}
                          onCommit={(value) => {
                            stopEditing();
                            if (value !== undefined) onSave(row.id, { [field.name]: value });
                          }} />
                      ) : field.type === 'checkbox' ? (
                        <input type="checkbox" tabIndex={-1} checked={row.original.fields[field.name] === true}
                          aria-label={`${field.name} of ${recordLabel(row.original)}`}
                          onChange={() => onSave(row.id, { [field.name]: row.original.fields[field.name] !== true })} />
                      ) : (
                        <CellView field={field} value={row.original.fields[field.name]} linkNames={linkNames.get(field.name)} />
                      )}
                    </td>
                  );
                })}
                <td role="gridcell" aria-colindex={columnCount} className="row-actions-cell">
                  <button type="button" className="button button-small button-quiet"
                    tabIndex={current.row === r && current.col === columnCount - 1 ? 0 : -1}
                    ref={(el) => {
                      if (el) cells.current.set(`${r}:${columnCount - 1}`, el);
                      else cells.current.delete(`${r}:${columnCount - 1}`);
                    }}
                    onFocus={() => setActive({ row: r, col: columnCount - 1 })}
                    onKeyDown={(e) => onCellKeyDown(e, r, columnCount - 1, row.original, undefined)}
                    aria-label={`Delete record ${recordLabel(row.original)}`} onClick={() => onDelete(row.original)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="help grid-help" id="grid-help">
        Arrow keys move between cells; Enter or double-click edits a cell, Enter saves, Escape cancels; Space toggles a
        checkbox. {readOnly.length > 0 ? `Computed fields (${readOnly.join(', ')}) are read-only.` : ''}
      </p>
    </>
  );
}

/** The linked table's records as choices for a link field's input (sorted by name), when their names are known. */
function choicesOf(names: Map<string, string> | 'loading' | undefined): { id: string; name: string }[] | undefined {
  if (!names || names === 'loading') return undefined;
  return [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The editor in a cell: Enter or leaving the cell saves, Escape cancels; a value the field cannot take is explained. */
function CellEditor({ field, record, label, onCommit, onCancel, linkChoices }: {
  field: Field;
  record: AirtableRecord;
  label: string;
  linkChoices: { id: string; name: string }[] | undefined;
  onCommit: (value: unknown) => void;
  onCancel: () => void;
}) {
  const original = inputText(field, record.fields[field.name]);
  const [text, setText] = useState(original);
  const [problem, setProblem] = useState<string | null>(null);
  const done = useRef(false);
  const input = useRef<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(null);
  const errorId = `edit-error-${record.id}`;
  useEffect(() => {
    input.current?.focus();
    if (input.current instanceof HTMLInputElement && input.current.type === 'text') input.current.select();
  }, []);

  const commit = () => {
    if (done.current) return;
    if (text === original) {
      done.current = true;
      onCommit(undefined);
      return;
    }
    const parsed = parseInput(field, text);
    if (!parsed.ok) {
      setProblem(parsed.message);
      return;
    }
    done.current = true;
    onCommit(parsed.value);
  };
  return (
    <div className="cell-editor">
      <FieldInput field={field} value={text} label={label} inputRef={input} describedBy={problem ? errorId : undefined}
        linkChoices={linkChoices}
        onChange={(v) => {
          setText(v);
          setProblem(null);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            done.current = true;
            onCancel();
          } else if (e.key === 'Enter' && !(e.currentTarget instanceof HTMLTextAreaElement && e.shiftKey)) {
            e.preventDefault();
            commit();
          }
        }} />
      {problem ? <span id={errorId} className="cell-problem" role="alert">{problem}</span> : null}
    </div>
  );
}

function AddRecordDialog({ table, baseId, onClose, onAdded, linkNames }: {
  table: Table;
  baseId: string;
  linkNames: Map<string, Map<string, string> | 'loading'>;
  onClose: () => void;
  onAdded: (record: AirtableRecord | undefined) => void;
}) {
  const writable = table.fields.filter((f) => isInlineEditable(f));
  const [values, setValues] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: (fields: Record<string, unknown>) => api.createRecord(baseId, table.id, fields),
    onSuccess: onAdded,
  });
  const submit = (event?: SubmitEvent) => {
    event?.preventDefault();
    const fields: Record<string, unknown> = {};
    const errors: string[] = [];
    for (const field of writable) {
      const text = values[field.name] ?? (field.type === 'checkbox' ? 'false' : '');
      if (text.trim() === '' || (field.type === 'checkbox' && text === 'false')) continue;
      const parsed = parseInput(field, text);
      if (parsed.ok) fields[field.name] = parsed.value;
      else errors.push(parsed.message);
    }
    setProblems(errors);
    if (errors.length === 0) create.mutate(fields);
  };
  return (
    <Dialog open title={`Add a record to ${table.name}`} onClose={onClose} onSubmit={submit}
      footer={(
        <>
          <button type="button" className="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? 'Adding…' : 'Add record'}
          </button>
        </>
      )}>
      {problems.length > 0 ? (
        <div className="alert alert-danger" role="alert"><ul>{problems.map((p) => <li key={p}>{p}</li>)}</ul></div>
      ) : null}
      <ErrorMessage error={create.error} title="The record was not added." />
      <div className="form form-grid">
        {writable.map((field) => (
          <div key={field.id} className={field.type === 'checkbox' ? 'form-field form-field-inline' : 'form-field'}>
            <label htmlFor={`new-${field.id}`}>{field.name} <span className="muted">({typeLabel(field.type)})</span></label>
            <FieldInput field={field} id={`new-${field.id}`} linkChoices={choicesOf(linkNames.get(field.name))}
              value={values[field.name] ?? (field.type === 'checkbox' ? 'false' : '')}
              onChange={(v) => setValues((old) => ({ ...old, [field.name]: v }))} />
          </div>
        ))}
      </div>
    </Dialog>
  );
}
