import type { Field } from '../api/types';
import { choiceHue, isAttachment, safeHref, cellText } from '../lib/cells';
import { formatDate, formatNumber } from '../lib/fields';

/** A cell rendered for its field type: chips for selects and links, thumbnails for attachments, formatted dates. */
export function CellView({ field, value, linkNames }: {
  field: Field;
  value: unknown;
  /** the linked records' names; 'loading' while they are fetched (then the chips wait instead of showing ids) */
  linkNames?: Map<string, string> | 'loading' | undefined;
}) {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
    if (field.type === 'checkbox') return <span className="checkbox-view" aria-label="No">☐</span>;
    return <span className="empty" aria-label="empty" />;
  }
  const text = cellText(value);
  switch (field.type) {
    case 'checkbox':
      return value === true
        ? <span className="checkbox-view checked" aria-label="Yes">☑</span>
        : <span className="checkbox-view" aria-label="No">☐</span>;
    case 'singleSelect':
      return <Chip hue={choiceHue(field, text)}>{text}</Chip>;
    case 'multipleSelects':
      return (
        <span className="chips">
          {(value as unknown[]).map((v) => <Chip key={cellText(v)} hue={choiceHue(field, cellText(v))}>{cellText(v)}</Chip>)}
        </span>
      );
    case 'multipleRecordLinks':
      return (
        <span className="chips">
          {(value as unknown[]).map((v) => {
            const id = typeof v === 'string' ? v : cellText(v);
            if (linkNames === 'loading') {
              return <span key={id} className="chip chip-link chip-loading" title={id} aria-label="loading">…</span>;
            }
            return <span key={id} className="chip chip-link" title={id}>{linkNames?.get(id) ?? id}</span>;
          })}
        </span>
      );
    case 'multipleAttachments':
      return <Attachments value={value} />;
    case 'date':
    case 'dateTime':
    case 'createdTime':
    case 'lastModifiedTime':
      return typeof value === 'string'
        ? <time dateTime={value}>{formatDate(field, value)}</time>
        : <span>{cellText(value)}</span>;
    case 'number':
    case 'currency':
    case 'percent':
    case 'duration':
    case 'autoNumber':
    case 'count':
      return typeof value === 'number'
        ? <span className="number">{formatNumber(field, value)}</span>
        : <span>{cellText(value)}</span>;
    case 'rating': {
      const max = typeof field.options?.max === 'number' ? field.options.max : 5;
      const n = typeof value === 'number' ? value : 0;
      return <span className="rating" aria-label={`${n} out of ${max}`}>{'★'.repeat(n)}{'☆'.repeat(Math.max(0, max - n))}</span>;
    }
    case 'url': {
      const href = safeHref(text);
      return href ? <a href={href} target="_blank" rel="noopener noreferrer">{text}</a> : <span>{text}</span>;
    }
    case 'email':
      return <a href={`mailto:${text}`}>{text}</a>;
    case 'phoneNumber':
      return <a href={`tel:${text.replace(/[^+\d]/g, '')}`}>{text}</a>;
    case 'multilineText':
    case 'richText':
      return <span className="multiline">{text}</span>;
    default:
      return <span>{text}</span>;
  }
}

function Chip({ hue, children }: { hue: string; children: string }) {
  return <span className={`chip chip-${hue}`}>{children}</span>;
}

function Attachments({ value }: { value: unknown }) {
  const items = (Array.isArray(value) ? value : []).filter(isAttachment);
  const shown = items.slice(0, 3);
  return (
    <span className="attachments">
      {shown.map((a, i) => {
        const href = safeHref(a.url);
        const thumb = a.thumbnails?.small?.url ?? (a.type?.startsWith('image/') ? a.url : undefined);
        const name = a.filename ?? `attachment ${i + 1}`;
        const content = thumb && safeHref(thumb)
          ? <img src={thumb} alt={name} className="thumb" loading="lazy" width={32} height={32} />
          : <span className="chip chip-file">{name}</span>;
        return href ? <a key={a.id ?? i} href={href} target="_blank" rel="noopener noreferrer" title={name}>{content}</a>
          : <span key={a.id ?? i}>{content}</span>;
      })}
      {items.length > shown.length ? <span className="muted">+{items.length - shown.length}</span> : null}
    </span>
  );
}
