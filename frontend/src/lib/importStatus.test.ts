import { describe, expect, it } from 'vitest';
import {
  canCancel, duration, involvesRollback, isTerminal, pollInterval, progressOf, rollbackSummary, statusInfo, stepLabel,
  stepTone, TERMINAL_STATUSES,
} from './importStatus';

describe('import status helpers', () => {
  it('knows the terminal statuses and stops polling there', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual(['CANCELLED', 'REJECTED', 'ROLLBACK_FAILED', 'ROLLED_BACK', 'SUCCEEDED']);
    for (const s of ['AWAITING_UPLOAD', 'VALIDATING', 'QUEUED', 'RUNNING', 'ROLLING_BACK']) {
      expect(isTerminal(s)).toBe(false);
      expect(pollInterval(s)).toBe(1000);
    }
    expect(pollInterval('SUCCEEDED')).toBe(false);
    expect(pollInterval(undefined)).toBe(1000);
    expect(isTerminal(undefined)).toBe(false);
  });

  it('allows cancelling only before the import is finished or rolling back', () => {
    expect(canCancel('RUNNING')).toBe(true);
    expect(canCancel('ROLLING_BACK')).toBe(false);
    expect(canCancel('SUCCEEDED')).toBe(false);
  });

  it('labels statuses with a tone and a sentence', () => {
    expect(statusInfo('SUCCEEDED')).toMatchObject({ label: 'Completed', tone: 'success' });
    expect(statusInfo('ROLLED_BACK')).toMatchObject({ label: 'Rolled back', tone: 'warning' });
    expect(statusInfo('ROLLED_BACK').sentence).toContain('as it was before');
    expect(statusInfo('ROLLBACK_FAILED').tone).toBe('danger');
    expect(statusInfo('SOMETHING_NEW')).toMatchObject({ label: 'SOMETHING_NEW', tone: 'neutral' });
  });

  it('shows the rollback panel and sums up what was undone', () => {
    expect(involvesRollback({ status: 'SUCCEEDED', counts: { compensated: 0 } })).toBe(false);
    expect(involvesRollback({ status: 'ROLLED_BACK', counts: {} })).toBe(true);
    expect(rollbackSummary({ status: 'ROLLED_BACK', counts: { applied: 70, compensated: 70 } }))
      .toBe('70 records written before the failure were undone.');
    expect(rollbackSummary({ status: 'ROLLED_BACK', counts: { applied: 1, compensated: 1 } }))
      .toBe('1 record written before the failure was undone.');
    expect(rollbackSummary({ status: 'ROLLED_BACK', counts: { applied: 0, compensated: 0 } }))
      .toBe('Nothing had been written, so nothing needed undoing.');
    expect(rollbackSummary({ status: 'ROLLING_BACK', counts: { applied: 40, compensated: 10 } }))
      .toBe('10 records of 40 records written so far undone…');
    expect(rollbackSummary({ status: 'ROLLBACK_FAILED', counts: { applied: 40, compensated: 30 } }))
      .toBe('30 records of 40 records written could be undone.');
  });

  it('formats steps: tone, duration, label, progress', () => {
    expect(stepTone({ status: 'SUCCEEDED' })).toBe('success');
    expect(stepTone({ status: 'failed' })).toBe('danger');
    expect(stepTone({ status: 'COMPENSATED' })).toBe('warning');
    expect(stepTone({ status: 'PENDING' })).toBe('neutral');
    expect(duration('2026-01-01T00:00:00Z', '2026-01-01T00:00:00.250Z')).toBe('250 ms');
    expect(duration('2026-01-01T00:00:00Z', '2026-01-01T00:00:02.500Z')).toBe('2.5 s');
    expect(duration('2026-01-01T00:00:00Z', '2026-01-01T00:03:05Z')).toBe('3 min 5 s');
    expect(duration('2026-01-01T00:00:00Z', null)).toBe('');
    expect(stepLabel('applyChunk')).toBe('Apply chunk');
    expect(stepLabel('VALIDATE_ROWS')).toBe('Validate rows');
    expect(progressOf({ status: 'RUNNING', counts: { rows: 150, valid: 150, applied: 30 } })).toBeCloseTo(0.2);
    expect(progressOf({ status: 'SUCCEEDED', counts: { rows: 150, valid: 150, applied: 150 } })).toBe(1);
    expect(progressOf({ status: 'VALIDATING', counts: {} })).toBeNull();
  });
});
