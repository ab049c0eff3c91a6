import type { ImportDetail, ImportStatus, SagaStep } from '../api/types';

export const TERMINAL_STATUSES: ReadonlySet<ImportStatus> = new Set<ImportStatus>([
  'REJECTED', 'SUCCEEDED', 'ROLLED_BACK', 'ROLLBACK_FAILED', 'CANCELLED',
]);

export function isTerminal(status: string | undefined): boolean {
  return status !== undefined && TERMINAL_STATUSES.has(status as ImportStatus);
}

/** Poll every second until the import is finished, then stop. */
export function pollInterval(status: string | undefined): number | false {
  return isTerminal(status) ? false : 1000;
}

export function canCancel(status: string | undefined): boolean {
  return status === 'AWAITING_UPLOAD' || status === 'VALIDATING' || status === 'QUEUED' || status === 'RUNNING';
}

export type Tone = 'neutral' | 'progress' | 'success' | 'warning' | 'danger';

const INFO: Record<ImportStatus, { label: string; tone: Tone; sentence: string }> = {
  AWAITING_UPLOAD: { label: 'Waiting for the file', tone: 'neutral',
    sentence: 'The import is created and waits for the file to be uploaded.' },
  VALIDATING: { label: 'Checking rows', tone: 'progress',
    sentence: 'The file arrived; every row is being checked against the table.' },
  REJECTED: { label: 'Rejected', tone: 'danger',
    sentence: 'The file was rejected before anything was written: fix the rows listed below and import it again.' },
  QUEUED: { label: 'Queued', tone: 'progress', sentence: 'The rows are valid; the import waits for its turn.' },
  RUNNING: { label: 'Writing', tone: 'progress', sentence: 'Records are being written to Airtable.' },
  SUCCEEDED: { label: 'Completed', tone: 'success', sentence: 'Every row was written to Airtable.' },
  ROLLING_BACK: { label: 'Rolling back', tone: 'warning',
    sentence: 'Writing failed part-way; the records already written are being undone.' },
  ROLLED_BACK: { label: 'Rolled back', tone: 'warning',
    sentence: 'Writing failed part-way, so every change already made was undone: the table is as it was before.' },
  ROLLBACK_FAILED: { label: 'Rollback failed', tone: 'danger',
    sentence: 'Writing failed and some changes could not be undone: the table may hold part of this file. '
      + 'Operators have been alerted.' },
  CANCELLED: { label: 'Cancelled', tone: 'neutral', sentence: 'The import was cancelled.' },
};

export function statusInfo(status: string): { label: string; tone: Tone; sentence: string } {
  const known = (INFO as Partial<Record<string, { label: string; tone: Tone; sentence: string }>>)[status];
  return known ?? { label: status, tone: 'neutral', sentence: `Status: ${status}.` };
}

/** Whether this import went through (or is going through) compensation: the UI shows the rollback panel. */
export function involvesRollback(detail: Pick<ImportDetail, 'status' | 'counts'>): boolean {
  return detail.status === 'ROLLING_BACK' || detail.status === 'ROLLED_BACK' || detail.status === 'ROLLBACK_FAILED'
    || (detail.counts?.compensated ?? 0) > 0;
}

/** A sentence for the rollback panel from the counts. */
export function rollbackSummary(detail: Pick<ImportDetail, 'status' | 'counts'>): string {
  const applied = detail.counts?.applied ?? 0;
  const compensated = detail.counts?.compensated ?? 0;
  const records = (n: number) => `${n} record${n === 1 ? '' : 's'}`;
  switch (detail.status) {
    case 'ROLLING_BACK':
      return `${records(compensated)} of ${records(applied)} written so far undone…`;
    case 'ROLLED_BACK':
      return applied === 0 && compensated === 0 ? 'Nothing had been written, so nothing needed undoing.'
        : `${records(compensated)} written before the failure ${compensated === 1 ? 'was' : 'were'} undone.`;
    case 'ROLLBACK_FAILED':
      return `${records(compensated)} of ${records(applied)} written could be undone.`;
    default:
      return `${records(compensated)} undone.`;
  }
}

export type StepTone = Tone;

export function stepTone(step: Pick<SagaStep, 'status'>): StepTone {
  switch (step.status.toUpperCase()) {
    case 'SUCCEEDED': case 'DONE': case 'OK': case 'COMPLETED': return 'success';
    case 'RUNNING': case 'IN_PROGRESS': case 'STARTED': return 'progress';
    case 'FAILED': case 'ERROR': case 'TIMED_OUT': case 'ABORTED': return 'danger';
    case 'COMPENSATED': case 'ROLLED_BACK': case 'COMPENSATING': return 'warning';
    default: return 'neutral';
  }
}

/** `1.2 s`, `3 min 5 s` between two timestamps, or '' when either is missing. */
export function duration(startedAt?: string | null, endedAt?: string | null): string {
  if (!startedAt || !endedAt) return '';
  const ms = Date.parse(endedAt) - Date.parse(startedAt);
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Human step names from the saga's identifiers: `applyChunk` → `Apply chunk`. */
export function stepLabel(name: string): string {
  const spaced = name.replace(/[_-]+/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').trim().toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** Progress through the rows, 0..1, for the bar on a running import. */
export function progressOf(detail: Pick<ImportDetail, 'status' | 'counts'>): number | null {
  const rows = detail.counts?.valid ?? detail.counts?.rows ?? 0;
  if (!rows) return null;
  if (detail.status === 'SUCCEEDED') return 1;
  return Math.min(1, (detail.counts?.applied ?? 0) / rows);
}
