import type { ReactNode } from 'react';
import { messageOf } from '../api/errors';

/** An error as the sentence the API gave (role=alert, so it is announced). */
export function ErrorMessage({ error, title, action }: { error: unknown; title?: string; action?: ReactNode }) {
  if (!error) return null;
  return (
    <div className="alert alert-danger" role="alert">
      {title ? <strong>{title} </strong> : null}
      <span>{messageOf(error)}</span>
      {action ? <div className="alert-action">{action}</div> : null}
    </div>
  );
}

export function Notice({ tone = 'info', children }: { tone?: 'info' | 'success' | 'warning' | 'danger';
  children: ReactNode }) {
  return <div className={`alert alert-${tone}`} role={tone === 'danger' ? 'alert' : 'status'}>{children}</div>;
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

export function Badge({ tone, children }: { tone: string; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function ProgressBar({ value, label, max = 1 }: { value: number; label: string; max?: number }) {
  const percent = Math.round((value / max) * 100);
  return (
    <div className="progress">
      <div className="progress-label">
        <span>{label}</span>
        <span>{percent}%</span>
      </div>
      <div className="progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100}
        aria-valuenow={percent}>
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
