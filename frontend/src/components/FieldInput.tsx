import type { KeyboardEvent, Ref } from 'react';
import type { Field } from '../api/types';
import { NUMERIC_TYPES } from '../lib/fields';

type InputElement = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** The input for one field's value, as text (converted by parseInput): typed per field type. */
export function FieldInput({ field, value, onChange, id, label, onKeyDown, onBlur, inputRef, describedBy, linkChoices }: {
  field: Field;
  value: string;
  onChange: (text: string) => void;
  id?: string;
  /** aria-label when there is no visible <label for> */
  label?: string;
  onKeyDown?: (event: KeyboardEvent<InputElement>) => void;
  onBlur?: () => void;
  inputRef?: Ref<InputElement>;
  describedBy?: string;
  /** for a link field: the records it can link to (id and name); without them the ids are typed */
  linkChoices?: { id: string; name: string }[] | undefined;
}) {
  const common = {
    id,
    'aria-label': label,
    'aria-describedby': describedBy,
    onKeyDown,
    onBlur,
  };
  if (field.type === 'checkbox') {
    return (
      <input {...common} ref={inputRef as Ref<HTMLInputElement>} type="checkbox" checked={value === 'true'}
        onChange={(e) => onChange(e.target.checked ? 'true' : 'false')} />
    );
  }
  if (field.type === 'singleSelect') {
    return (
      <select {...common} ref={inputRef as Ref<HTMLSelectElement>} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">(empty)</option>
        {(field.options?.choices ?? []).map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
        {value && !(field.options?.choices ?? []).some((c) => c.name === value)
          ? <option value={value}>{value}</option> : null}
      </select>
    );
  }
  if (field.type === 'multipleRecordLinks' && linkChoices && linkChoices.length > 0) {
    const selected = value.split(',').map((s) => s.trim()).filter(Boolean);
    const known = new Set(linkChoices.map((c) => c.id));
    return (
      <select {...common} ref={inputRef as Ref<HTMLSelectElement>} multiple size={Math.min(6, linkChoices.length)}
        value={selected} onChange={(e) => onChange([...e.target.selectedOptions].map((o) => o.value).join(', '))}>
        {linkChoices.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        {selected.filter((s) => !known.has(s)).map((s) => <option key={s} value={s}>{s}</option>)}
      </select>
    );
  }
  if (field.type === 'multilineText' || field.type === 'richText') {
    return (
      <textarea {...common} ref={inputRef as Ref<HTMLTextAreaElement>} value={value} rows={3}
        onChange={(e) => onChange(e.target.value)} />
    );
  }
  const type = field.type === 'date' ? 'date'
    : field.type === 'dateTime' ? 'datetime-local'
      : field.type === 'email' ? 'email'
        : field.type === 'url' ? 'url'
          : field.type === 'phoneNumber' ? 'tel'
            : 'text';
  const placeholder = field.type === 'multipleRecordLinks' ? 'rec…, rec…'
    : field.type === 'multipleSelects' ? 'Option, option' : undefined;
  return (
    <input {...common} ref={inputRef as Ref<HTMLInputElement>} type={type} value={value} placeholder={placeholder}
      inputMode={NUMERIC_TYPES.has(field.type) ? 'decimal' : undefined} autoComplete="off"
      onChange={(e) => onChange(e.target.value)} />
  );
}
