import { useState } from 'react';
import type { Field } from '../api/types';
import {
  emptyGroup, FILTER_LIMITS, newCondition, newId, OP_LABELS, opsFor, opTakesValue, toFilter, updateNode,
  type ConditionDraft, type DraftNode, type FilterNode, type GroupDraft,
} from '../lib/filter';

/**
 * Builds the API's structured filter: conditions (field, operator, value) in groups matched with "all" (and) or
 * "any" (or), nested up to the API's depth. The JSON it produces is shown and is exactly what is sent.
 */
export function FilterBuilder({ fields, initial, onApply, onCancel }: {
  fields: Field[];
  initial: GroupDraft;
  onApply: (filter: FilterNode | null) => void;
  onCancel: () => void;
}) {
  const [root, setRoot] = useState<GroupDraft>(initial);
  const [errors, setErrors] = useState<string[]>([]);
  const result = toFilter(root, fields);

  const change = (id: string, fn: (node: DraftNode) => DraftNode | null) => {
    setRoot((r) => updateNode(r, id, fn));
    setErrors([]);
  };

  const apply = () => {
    if (result.errors.length > 0) {
      setErrors(result.errors);
      return;
    }
    onApply(result.filter);
  };

  return (
    <section className="filter-builder card" aria-labelledby="filter-heading">
      <h2 id="filter-heading">Filter records</h2>
      <Group group={root} fields={fields} depth={1} onChange={change} isRoot />
      {errors.length > 0 ? (
        <div className="alert alert-danger" role="alert">
          <p>Fix these to apply the filter:</p>
          <ul>{errors.map((e) => <li key={e}>{e}</li>)}</ul>
        </div>
      ) : null}
      <details className="filter-json">
        <summary>Filter JSON sent to the API</summary>
        <pre tabIndex={0} aria-label="Filter JSON">
          <code>{result.filter ? JSON.stringify(result.filter, null, 2) : '(no filter)'}</code>
        </pre>
      </details>
      <div className="row-actions">
        <button type="button" className="button button-primary" onClick={apply}>Apply filter</button>
        <button type="button" className="button" onClick={() => {
          setRoot(emptyGroup());
          onApply(null);
        }}>Clear filter</button>
        <button type="button" className="button button-quiet" onClick={onCancel}>Close</button>
      </div>
    </section>
  );
}

function Group({ group, fields, depth, onChange, isRoot = false }: {
  group: GroupDraft;
  fields: Field[];
  depth: number;
  onChange: (id: string, fn: (node: DraftNode) => DraftNode | null) => void;
  isRoot?: boolean;
}) {
  const add = (node: DraftNode) => onChange(group.id, (g) => (g.kind === 'group' ? { ...g, children: [...g.children, node] } : g));
  const label = isRoot ? 'Records match' : 'Group matches';
  return (
    <fieldset className={isRoot ? 'filter-group filter-root' : 'filter-group'}>
      <legend className="visually-hidden">{isRoot ? 'Filter' : 'Condition group'}</legend>
      <div className="filter-group-head">
        <label>
          <span>{label} </span>
          <select value={group.combinator} aria-label={`${label}: all or any of the conditions`}
            onChange={(e) => onChange(group.id, (g) => ({ ...g, combinator: e.target.value as 'and' | 'or' }))}>
            <option value="and">all of (and)</option>
            <option value="or">any of (or)</option>
          </select>
          <span> these conditions</span>
        </label>
        {!isRoot ? (
          <button type="button" className="button button-small button-quiet" onClick={() => onChange(group.id, () => null)}>
            Remove group
          </button>
        ) : null}
      </div>
      {group.children.length === 0 ? <p className="muted">No conditions yet.</p> : null}
      <ol className="filter-children">
        {group.children.map((child, i) => (
          <li key={child.id}>
            {child.kind === 'group'
              ? <Group group={child} fields={fields} depth={depth + 1} onChange={onChange} />
              : <Condition condition={child} fields={fields} index={i + 1} onChange={onChange} />}
          </li>
        ))}
      </ol>
      <div className="row-actions">
        <button type="button" className="button button-small" onClick={() => add(newCondition(fields))}>
          Add condition
        </button>
        {depth < FILTER_LIMITS.maxDepth - 1 ? (
          <button type="button" className="button button-small" onClick={() => add({
            kind: 'group', id: newId(), combinator: group.combinator === 'and' ? 'or' : 'and',
            children: [newCondition(fields)],
          })}>Add group</button>
        ) : null}
      </div>
    </fieldset>
  );
}

function Condition({ condition, fields, index, onChange }: {
  condition: ConditionDraft;
  fields: Field[];
  index: number;
  onChange: (id: string, fn: (node: DraftNode) => DraftNode | null) => void;
}) {
  const field = fields.find((f) => f.name === condition.field);
  const ops = opsFor(field);
  const set = (patch: Partial<ConditionDraft>) => onChange(condition.id, (n) => ({ ...(n as ConditionDraft), ...patch }));
  const name = `Condition ${index}`;
  return (
    <div className="filter-condition" role="group" aria-label={name}>
      <select aria-label={`${name}: field`} value={condition.field} onChange={(e) => {
        const next = fields.find((f) => f.name === e.target.value);
        const nextOps = opsFor(next);
        set({ field: e.target.value, op: nextOps.includes(condition.op) ? condition.op : nextOps[0] ?? 'eq',
          value: next?.type === 'checkbox' ? 'true' : '' });
      }}>
        {fields.map((f) => <option key={f.id} value={f.name}>{f.name}</option>)}
      </select>
      <select aria-label={`${name}: operator`} value={condition.op}
        onChange={(e) => set({ op: e.target.value as ConditionDraft['op'] })}>
        {ops.map((op) => <option key={op} value={op}>{OP_LABELS[op]}</option>)}
      </select>
      {opTakesValue(condition.op) ? <ValueInput field={field} condition={condition} name={name} set={set} /> : null}
      <button type="button" className="button button-small button-quiet" aria-label={`Remove condition ${index}`}
        onClick={() => onChange(condition.id, () => null)}>✕</button>
    </div>
  );
}

function ValueInput({ field, condition, name, set }: {
  field: Field | undefined;
  condition: ConditionDraft;
  name: string;
  set: (patch: Partial<ConditionDraft>) => void;
}) {
  const label = `${name}: value`;
  if (field?.type === 'checkbox') {
    return (
      <select aria-label={label} value={condition.value} onChange={(e) => set({ value: e.target.value })}>
        <option value="true">checked</option>
        <option value="false">not checked</option>
      </select>
    );
  }
  if (field?.type === 'singleSelect' && condition.op !== 'contains') {
    const choices = field.options?.choices ?? [];
    return (
      <select aria-label={label} value={condition.value} onChange={(e) => set({ value: e.target.value })}>
        <option value="">(choose)</option>
        {choices.map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
      </select>
    );
  }
  const numeric = field && ['number', 'currency', 'percent', 'rating', 'duration', 'autoNumber', 'count'].includes(field.type);
  return (
    <input aria-label={label} type={field?.type === 'date' && condition.op !== 'contains' ? 'date' : 'text'}
      inputMode={numeric ? 'decimal' : undefined} value={condition.value}
      onChange={(e) => set({ value: e.target.value })} />
  );
}
