import { ApiError, isRecord, messageOf } from '../api/errors';
import type { AssistantMessage, Proposal } from '../api/types';

/** One tool call of a turn as the panel shows it: which tool, with what, and what came back. */
export interface ToolStep {
  id: string;
  tool: string;
  /** the tool in words ("List records") */
  label: string;
  /** the arguments on one line ("table: Companies · maxRecords: 10") */
  argumentsLine: string;
  /** the arguments as indented JSON, for the expanded step */
  argumentsJson: string;
  ok: boolean;
  /** a short sentence about the result ("8 records from Companies"); empty while there is no result */
  result: string;
}

/** One exchange: what the person asked, the tool steps, the answer and the proposals made on the way. */
export interface ChatTurn {
  turn: number;
  question: string;
  steps: ToolStep[];
  answer: string | null;
  proposals: Proposal[];
}

const TOOL_LABELS: Record<string, string> = {
  list_bases: 'List bases',
  list_tables: 'List tables',
  describe_table: 'Describe table',
  list_records: 'List records',
  search_records: 'Search records',
  get_record: 'Get record',
  aggregate: 'Aggregate',
  create_records: 'Propose new records',
  update_records: 'Propose record changes',
  delete_records: 'Propose deleting records',
  create_table: 'Propose a new table',
};

export function toolLabel(tool: string): string {
  return TOOL_LABELS[tool] ?? tool.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

function shortValue(value: unknown, max = 40): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (Array.isArray(value)) {
    text = value.every((v) => typeof v === 'string' || typeof v === 'number')
      ? value.join(', ') : `${value.length} item${value.length === 1 ? '' : 's'}`;
  } else if (isRecord(value)) text = JSON.stringify(value);
  else text = String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The arguments on one line: `key: value` pairs, long values cut, raw text when the model sent no JSON. */
export function argumentsLine(args: unknown): string {
  if (isRecord(args)) {
    const parts = Object.entries(args).map(([key, value]) => `${key}: ${shortValue(value)}`);
    return parts.length > 0 ? parts.join(' · ') : 'no arguments';
  }
  if (args === null || args === undefined) return 'no arguments';
  return shortValue(args, 80);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * A short sentence about a tool's result, read from the tool message the server stored
 * (`{"tool","untrustedData","data":{…}}` or `{"error":{"message"}}`).
 */
export function resultSummary(tool: string, content: string | null | undefined): { ok: boolean; text: string } {
  if (!content) return { ok: true, text: 'No result.' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return { ok: true, text: content.length > 80 ? `${content.slice(0, 79)}…` : content };
  }
  if (!isRecord(parsed)) return { ok: true, text: 'Answered.' };
  if (isRecord(parsed.error)) {
    const message = typeof parsed.error.message === 'string' ? parsed.error.message : 'the tool failed';
    return { ok: false, text: `Failed: ${message}` };
  }
  const data = parsed.data;
  const truncated = isRecord(parsed.truncated) && typeof parsed.truncated.totalItems === 'number'
    ? ` (${String(parsed.truncated.shownItems)} of ${String(parsed.truncated.totalItems)} shown to the model)` : '';
  if (!isRecord(data)) return { ok: true, text: `Answered${truncated}.` };
  const table = typeof data.table === 'string' ? data.table : typeof data.name === 'string' ? data.name : '';
  const from = table ? ` from ${table}` : '';
  switch (tool) {
    case 'list_bases':
      return { ok: true, text: `${plural(Array.isArray(data.bases) ? data.bases.length : 0, 'base')}${truncated}.` };
    case 'list_tables': {
      const tables = Array.isArray(data.tables) ? data.tables : [];
      const names = tables.map((t) => (isRecord(t) && typeof t.name === 'string' ? t.name : '')).filter(Boolean);
      return { ok: true, text: `${plural(tables.length, 'table')}${names.length ? `: ${names.join(', ')}` : ''}${truncated}.` };
    }
    case 'describe_table': {
      const fields = Array.isArray(data.fields) ? data.fields.length : 0;
      return { ok: true, text: `${plural(fields, 'field')} in ${table || 'the table'}${truncated}.` };
    }
    case 'list_records':
    case 'search_records': {
      const count = Array.isArray(data.records) ? data.records.length
        : typeof data.returned === 'number' ? data.returned : 0;
      const more = data.moreRecordsExist === true ? ', more exist' : '';
      return { ok: true, text: `${plural(count, 'record')}${from}${more}${truncated}.` };
    }
    case 'get_record':
      return { ok: true, text: `1 record${from}.` };
    case 'aggregate': {
      const fn = typeof data.function === 'string' ? data.function : 'result';
      const value = data.value === null || data.value === undefined ? '—' : shortValue(data.value);
      const groups = typeof data.groupCount === 'number' ? ` in ${plural(data.groupCount, 'group')}` : '';
      const scanned = typeof data.recordsScanned === 'number' ? ` over ${plural(data.recordsScanned, 'record')}` : '';
      return { ok: true, text: `${fn} = ${value}${scanned}${groups}.` };
    }
    default:
      if (typeof data.proposalId === 'string') {
        const summary = typeof data.summary === 'string' ? data.summary : 'A change';
        return { ok: true, text: `Proposed: ${summary} (nothing written until you confirm).` };
      }
      return { ok: true, text: `Answered${truncated}.` };
  }
}

/**
 * The stored messages (user, assistant with tool calls, tool results) grouped by turn: the question, each tool call
 * matched with its result, the last text the assistant wrote (the answer), and the turn's proposals.
 */
export function toTurns(messages: readonly AssistantMessage[], proposals: readonly Proposal[] = []): ChatTurn[] {
  const turns = new Map<number, ChatTurn>();
  const stepsById = new Map<string, ToolStep>();
  for (const message of messages) {
    let turn = turns.get(message.turn);
    if (!turn) {
      turn = { turn: message.turn, question: '', steps: [], answer: null, proposals: [] };
      turns.set(message.turn, turn);
    }
    if (message.role === 'user') {
      turn.question = message.content ?? '';
    } else if (message.role === 'assistant') {
      if (message.content?.trim()) turn.answer = message.content;
      for (const call of message.toolCalls ?? []) {
        const step: ToolStep = {
          id: call.id,
          tool: call.name,
          label: toolLabel(call.name),
          argumentsLine: argumentsLine(call.arguments),
          argumentsJson: typeof call.arguments === 'string' ? call.arguments
            : JSON.stringify(call.arguments ?? {}, null, 2),
          ok: true,
          result: '',
        };
        stepsById.set(call.id, step);
        turn.steps.push(step);
      }
    } else if (message.toolCallId) {
      const step = stepsById.get(message.toolCallId);
      if (step) {
        const summary = resultSummary(step.tool, message.content);
        step.ok = summary.ok;
        step.result = summary.text;
      }
    }
  }
  for (const proposal of proposals) turns.get(proposal.turn)?.proposals.push(proposal);
  return [...turns.values()].sort((a, b) => a.turn - b.turn);
}

/** How to give the assistant a model (docs/assistant.md "Providers and configuration"). */
export const NOT_CONFIGURED_MESSAGE = 'The assistant has no AI model configured, so it cannot answer yet. '
  + 'To turn it on, deploy the stack with the template parameter AssistantApiUrl set to an OpenAI-compatible API '
  + '(for example https://api.openai.com/v1, with AssistantModel and the AssistantApiKeySecretId secret) or '
  + 'AssistantModelId set to an Amazon Bedrock model enabled in your account. On the local cloud, run '
  + './run-local --parameter AssistantApiUrl=http://localhost:PORT/v1 with any OpenAI-compatible server listening '
  + 'on that port.';

function hoursUntil(seconds: number): string {
  if (seconds < 3600) {
    const minutes = Math.max(1, Math.round(seconds / 60));
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  const hours = Math.round(seconds / 3600);
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}

/** The sentence the panel shows when a message could not be answered. */
export function assistantErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return messageOf(error);
  switch (error.code) {
    case 'ASSISTANT_NOT_CONFIGURED':
      return NOT_CONFIGURED_MESSAGE;
    case 'ASSISTANT_BUDGET_EXHAUSTED':
      return 'You have used all of today\'s assistant allowance (a daily number of model tokens per person). '
        + `It starts again at midnight UTC${error.retryAfterSeconds !== undefined
          ? `, in about ${hoursUntil(error.retryAfterSeconds)}` : ''}. Your message was not sent to the model.`;
    case 'ASSISTANT_MODEL_ERROR':
      return 'The AI model behind the assistant did not answer properly, so nothing was saved. '
        + 'Please send your message again in a moment.'
        + (error.message ? ` (Details: ${error.message})` : '');
    case 'CONVERSATION_BUSY':
      return 'The assistant is still answering another message in this conversation. Wait for that answer, '
        + 'then send yours again.';
    case 'CONVERSATION_FULL':
      return 'This conversation is full. Start a new conversation to continue.';
    case 'PAYLOAD_TOO_LARGE':
      return 'This message is too long for the assistant (at most 16 KB). Please shorten it.';
    default:
      if (error.status === 502 || error.status === 504) {
        return 'The assistant took too long or could not reach its model. Please send your message again.';
      }
      return error.message;
  }
}

/** A conversation's title from its first message: the first line, without control characters, ≤ 80 characters. */
export function conversationTitle(message: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what the API refuses in titles
  const line = (message.split('\n').find((l) => l.trim()) ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  const title = line.length > 80 ? `${line.slice(0, 79)}…` : line;
  return title || 'Conversation';
}

/** Where the panel remembers a base's conversation for a person (one conversation per base). */
export function conversationKey(userId: string, baseId: string): string {
  return `pyairtable.assistant.${userId}.${baseId}`;
}
