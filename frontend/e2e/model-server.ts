import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * A scripted OpenAI-compatible chat-completions server for the assistant's end-to-end tests (the local cloud is
 * started with `--parameter AssistantApiUrl=<its url>`). It is stateless: each request is answered from the
 * conversation it carries, so a test can send any number of messages in any order.
 *
 * - the last message is a user message asking about companies → a `list_records` tool call on Companies;
 * - "add a company named X" → a `create_records` tool call (the server turns it into a proposal);
 * - "fail" → HTTP 500 (the function answers 502 ASSISTANT_MODEL_ERROR);
 * - the last message is a tool result → a final answer written from that result.
 */
interface ChatMessage {
  role: string;
  content?: string | null;
  tool_call_id?: string;
  tool_calls?: { id: string; function: { name: string; arguments: string } }[];
}

let counter = 0;

function completion(message: Record<string, unknown>, finish: string) {
  return {
    id: `chatcmpl-e2e-${++counter}`, object: 'chat.completion', model: 'e2e-scripted',
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finish }],
    usage: { prompt_tokens: 200, completion_tokens: 30, total_tokens: 230 },
  };
}

function toolCall(name: string, args: unknown) {
  return completion({ content: null, tool_calls: [{ id: `call_e2e_${++counter}`, type: 'function',
    function: { name, arguments: JSON.stringify(args) } }] }, 'tool_calls');
}

const text = (content: string) => completion({ content }, 'stop');

/** The scripted answer for one request: [status, body]. */
export function scriptedAnswer(messages: ChatMessage[]): [number, unknown] {
  const last = messages[messages.length - 1];
  if (!last) return [400, { error: { message: 'no messages' } }];
  if (last.role === 'tool') {
    const call = messages.flatMap((m) => m.tool_calls ?? []).find((c) => c.id === last.tool_call_id);
    let result: { data?: { records?: { fields?: { Name?: string } }[]; summary?: string }; error?: { message: string } };
    try {
      result = JSON.parse(last.content ?? '{}') as typeof result;
    } catch {
      result = {};
    }
    if (result.error) return [200, text(`The tool failed: ${result.error.message}`)];
    if (call?.function.name === 'list_records') {
      const names = (result.data?.records ?? []).map((r) => r.fields?.Name ?? '?');
      return [200, text(`I found ${names.length} companies: ${names.join(', ')}.`)];
    }
    if (call?.function.name === 'create_records') {
      return [200, text(`I proposed it: ${result.data?.summary ?? 'a change'}. Review the change and confirm it to apply it.`)];
    }
    return [200, text('Done.')];
  }
  const question = last.content ?? '';
  if (/\bfail\b/i.test(question)) return [500, { error: { message: 'scripted failure' } }];
  const named = /add a company named (.+?)\.?$/i.exec(question);
  if (named?.[1]) {
    return [200, toolCall('create_records', { table: 'Companies',
      records: [{ fields: { Name: named[1], Industry: 'Software', Employees: 12 } }] })];
  }
  if (/compan/i.test(question)) {
    return [200, toolCall('list_records', { table: 'Companies', fields: ['Name', 'Industry'], maxRecords: 10 })];
  }
  return [200, text('I can list the companies of this base or add one ("add a company named …").')];
}

/** Starts the server on a free port of 127.0.0.1; resolves with its base URL (…/v1) and a stop function. */
export async function startModelServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      let status = 404;
      let body: unknown = { error: { message: `no route ${request.method ?? ''} ${request.url ?? ''}` } };
      if (request.method === 'POST' && request.url?.endsWith('/chat/completions')) {
        try {
          const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { messages?: ChatMessage[] };
          [status, body] = scriptedAnswer(parsed.messages ?? []);
        } catch {
          [status, body] = [400, { error: { message: 'the body is not JSON' } }];
        }
      }
      const bytes = Buffer.from(JSON.stringify(body));
      response.writeHead(status, { 'content-type': 'application/json', 'content-length': bytes.length });
      response.end(bytes);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  server.unref(); // never keeps the test runner alive
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the model server has no port');
  return {
    url: `http://127.0.0.1:${address.port}/v1`,
    stop: () => new Promise((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    }),
  };
}
