import { describe, expect, it } from 'vitest';
import { ApiError, errorFromResponse } from '../api/errors';
import type { AssistantMessage, Proposal } from '../api/types';
import {
  argumentsLine, assistantErrorMessage, conversationTitle, NOT_CONFIGURED_MESSAGE, resultSummary, toolLabel, toTurns,
} from './assistant';

const data = (tool: string, payload: unknown) => JSON.stringify({ tool, untrustedData: true, note: '…', data: payload });

const proposal: Proposal = {
  proposalId: 'p1', kind: 'changeset', status: 'PROPOSED', summary: 'Create 1 record in Companies',
  diff: { kind: 'changeset', table: { id: 'tbl1', name: 'Companies' }, changes: [{ op: 'create', after: { Name: 'Zeta' } }] },
  createdAt: '2026-11-25T10:00:00Z', turn: 2,
};

describe('toTurns', () => {
  const messages: AssistantMessage[] = [
    { turn: 1, role: 'user', content: 'Which companies are there?' },
    { turn: 1, role: 'assistant', content: null,
      toolCalls: [{ id: 'c1', name: 'list_records', arguments: { table: 'Companies', maxRecords: 10 } }] },
    { turn: 1, role: 'tool', toolCallId: 'c1', name: 'list_records',
      content: data('list_records', { table: 'Companies', returned: 2, moreRecordsExist: false,
        records: [{ id: 'rec1' }, { id: 'rec2' }] }) },
    { turn: 1, role: 'assistant', content: 'There are 2 companies: Acme and Globex.' },
    { turn: 2, role: 'user', content: 'Add Zeta' },
    { turn: 2, role: 'assistant', content: 'Let me propose that.',
      toolCalls: [{ id: 'c2', name: 'create_records', arguments: { table: 'Companies', records: [{ fields: { Name: 'Zeta' } }] } }] },
    { turn: 2, role: 'tool', toolCallId: 'c2', name: 'create_records',
      content: data('create_records', { proposalId: 'p1', status: 'PROPOSED', summary: 'Create 1 record in Companies', written: false }) },
    { turn: 2, role: 'assistant', content: 'I proposed adding Zeta; confirm it to apply.' },
  ];

  it('groups messages by turn: question, steps with results, the last text as the answer, proposals', () => {
    const turns = toTurns(messages, [proposal]);
    expect(turns).toHaveLength(2);
    expect(turns[0]).toMatchObject({
      turn: 1, question: 'Which companies are there?', answer: 'There are 2 companies: Acme and Globex.', proposals: [],
    });
    expect(turns[0]?.steps).toEqual([{
      id: 'c1', tool: 'list_records', label: 'List records', argumentsLine: 'table: Companies · maxRecords: 10',
      argumentsJson: '{\n  "table": "Companies",\n  "maxRecords": 10\n}', ok: true, result: '2 records from Companies.',
    }]);
    expect(turns[1]?.answer).toBe('I proposed adding Zeta; confirm it to apply.');
    expect(turns[1]?.steps[0]?.result).toBe('Proposed: Create 1 record in Companies (nothing written until you confirm).');
    expect(turns[1]?.proposals.map((p) => p.proposalId)).toEqual(['p1']);
  });

  it('keeps a step without a result (the turn stopped) and marks failed tools', () => {
    const turns = toTurns([
      { turn: 1, role: 'user', content: 'q' },
      { turn: 1, role: 'assistant', toolCalls: [{ id: 'a', name: 'describe_table', arguments: { table: 'Nope' } },
        { id: 'b', name: 'get_record', arguments: 'not json' }] },
      { turn: 1, role: 'tool', toolCallId: 'a', content: '{"error":{"message":"no table Nope"},"tool":"describe_table"}' },
    ]);
    expect(turns[0]?.steps.map((s) => [s.ok, s.result, s.argumentsJson])).toEqual([
      [false, 'Failed: no table Nope', '{\n  "table": "Nope"\n}'],
      [true, '', 'not json'],
    ]);
    expect(turns[0]?.answer).toBeNull();
  });
});

describe('resultSummary', () => {
  it('summarises each tool', () => {
    expect(resultSummary('list_bases', data('list_bases', { bases: [{}, {}] })).text).toBe('2 bases.');
    expect(resultSummary('list_tables', data('list_tables', { tables: [{ name: 'A' }, { name: 'B' }] })).text)
      .toBe('2 tables: A, B.');
    expect(resultSummary('describe_table', data('describe_table', { name: 'Deals', fields: [{}, {}, {}] })).text)
      .toBe('3 fields in Deals.');
    expect(resultSummary('search_records', data('search_records', { table: 'Deals', records: [{}], moreRecordsExist: true })).text)
      .toBe('1 record from Deals, more exist.');
    expect(resultSummary('get_record', data('get_record', { table: 'Deals', record: {} })).text).toBe('1 record from Deals.');
    expect(resultSummary('aggregate', data('aggregate', { function: 'sum', value: 1250.5, recordsScanned: 25, groupCount: 8 })).text)
      .toBe('sum = 1250.5 over 25 records in 8 groups.');
  });

  it('mentions truncation, and copes with text that is not JSON', () => {
    const truncated = JSON.stringify({ tool: 'list_records', data: { table: 'T', records: [{}, {}] },
      truncated: { shownItems: 2, totalItems: 100 } });
    expect(resultSummary('list_records', truncated).text).toBe('2 records from T (2 of 100 shown to the model).');
    expect(resultSummary('x', 'plain text')).toEqual({ ok: true, text: 'plain text' });
    expect(resultSummary('x', null)).toEqual({ ok: true, text: 'No result.' });
  });
});

describe('labels and arguments', () => {
  it('names tools in words and puts arguments on one line', () => {
    expect(toolLabel('list_records')).toBe('List records');
    expect(toolLabel('future_tool')).toBe('Future tool');
    expect(argumentsLine({ table: 'Deals', fields: ['Name', 'Stage'], filter: { field: 'Stage', op: 'eq', value: 'Won' } }))
      .toBe('table: Deals · fields: Name, Stage · filter: {"field":"Stage","op":"eq","value":"Won…');
    expect(argumentsLine({})).toBe('no arguments');
    expect(argumentsLine('{broken')).toBe('{broken');
    expect(argumentsLine({ q: 'x'.repeat(60) })).toBe(`q: ${'x'.repeat(39)}…`);
  });
});

describe('assistantErrorMessage', () => {
  const body = (code: string, message: string) => JSON.stringify({ error: { code, message, requestId: 'r' } });

  it('says how to configure a model when none is configured', () => {
    const error = errorFromResponse(503, body('ASSISTANT_NOT_CONFIGURED', 'The assistant has no model configured.'));
    const text = assistantErrorMessage(error);
    expect(text).toBe(NOT_CONFIGURED_MESSAGE);
    expect(text).toContain('AssistantApiUrl');
    expect(text).toContain('AssistantModelId');
    expect(text).toContain('./run-local --parameter AssistantApiUrl=');
  });

  it('explains the daily budget with the time until it resets', () => {
    const error = errorFromResponse(429, body('ASSISTANT_BUDGET_EXHAUSTED', 'Budget used.'),
      new Headers({ 'Retry-After': '7200' }));
    expect(assistantErrorMessage(error)).toBe('You have used all of today\'s assistant allowance (a daily number of '
      + 'model tokens per person). It starts again at midnight UTC, in about 2 hours. Your message was not sent to the model.');
    const soon = errorFromResponse(429, body('ASSISTANT_BUDGET_EXHAUSTED', 'x'), new Headers({ 'Retry-After': '60' }));
    expect(assistantErrorMessage(soon)).toContain('in about 1 minute.');
  });

  it('explains model failures, busy conversations and gateway timeouts', () => {
    expect(assistantErrorMessage(errorFromResponse(502, body('ASSISTANT_MODEL_ERROR',
      'The assistant\'s model failed: HTTP 500. Try again.'))))
      .toBe('The AI model behind the assistant did not answer properly, so nothing was saved. Please send your message '
        + 'again in a moment. (Details: The assistant\'s model failed: HTTP 500. Try again.)');
    expect(assistantErrorMessage(errorFromResponse(409, body('CONVERSATION_BUSY', 'busy'))))
      .toContain('still answering another message');
    expect(assistantErrorMessage(errorFromResponse(504, '{"message":"Service Unavailable"}')))
      .toBe('The assistant took too long or could not reach its model. Please send your message again.');
    expect(assistantErrorMessage(new ApiError(400, 'VALIDATION_FAILED', 'The field \'message\' must not be blank.')))
      .toBe('The field \'message\' must not be blank.');
  });
});

describe('conversationTitle', () => {
  it('takes the first non-empty line without control characters, at most 80 characters', () => {
    expect(conversationTitle('\n  Which deals\tare open?\nsecond line')).toBe('Which deals are open?');
    expect(conversationTitle('a'.repeat(100))).toBe(`${'a'.repeat(79)}…`);
    expect(conversationTitle('   ')).toBe('Conversation');
  });
});
