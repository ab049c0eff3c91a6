import type { ApiClient } from './client';
import type {
  AirtableRecord, AssistantReply, AuthResponse, Base, ConfirmedProposal, Connection, Conversation, ConversationSummary,
  CreatedImport, DeepHealth, ImportDetail, ImportSummary, Liveness, NewImport, RecordPage, Table, User,
} from './types';
import type { FilterNode } from '../lib/filter';

const enc = encodeURIComponent;

export interface RecordQuery {
  pageSize?: number;
  offset?: string | null;
  sort?: { field: string; direction: 'asc' | 'desc' }[];
  filter?: FilterNode | null;
  fields?: string[];
  view?: string;
}

/** Query parameters of GET …/records: sort as `Field:asc`, filter as compact JSON. */
export function recordQueryParams(query: RecordQuery): Record<string, string | number | string[] | undefined> {
  return {
    pageSize: query.pageSize,
    offset: query.offset ?? undefined,
    view: query.view,
    fields: query.fields && query.fields.length > 0 ? query.fields : undefined,
    sort: query.sort && query.sort.length > 0 ? query.sort.map((s) => `${s.field}:${s.direction}`) : undefined,
    filter: query.filter ? JSON.stringify(query.filter) : undefined,
  };
}

export function recordsPath(baseId: string, table: string, recordId?: string): string {
  return `/bases/${enc(baseId)}/tables/${enc(table)}/records${recordId ? `/${enc(recordId)}` : ''}`;
}

/** Every call of the API the app makes, typed. */
export function endpoints(client: ApiClient) {
  return {
    register: (email: string, password: string) =>
      client.post<AuthResponse>('/auth/register', { email, password }, { auth: false }),
    login: (email: string, password: string) =>
      client.post<AuthResponse>('/auth/login', { email, password }, { auth: false }),
    logout: () => client.post<undefined>('/auth/logout'),
    me: () => client.get<{ user: User }>('/auth/me'),
    changePassword: (currentPassword: string, newPassword: string) =>
      client.post<{ revokedSessions: number }>('/auth/password', { currentPassword, newPassword }),

    connection: () => client.get<{ connection: Connection }>('/connections/airtable').then((r) => r.connection),
    connect: (token: string) =>
      client.put<{ connection: Connection }>('/connections/airtable', { token }).then((r) => r.connection),
    disconnect: () => client.delete<undefined>('/connections/airtable'),

    bases: () => client.get<{ bases: Base[] }>('/bases').then((r) => r.bases),
    tables: (baseId: string) => client.get<{ tables: Table[] }>(`/bases/${enc(baseId)}/tables`).then((r) => r.tables),
    records: (baseId: string, table: string, query: RecordQuery, signal?: AbortSignal) =>
      client.get<RecordPage>(recordsPath(baseId, table), {
        query: recordQueryParams(query),
        ...(signal ? { signal } : {}),
      }),
    createRecord: (baseId: string, table: string, fields: Record<string, unknown>) =>
      client.post<{ records: AirtableRecord[] }>(recordsPath(baseId, table), { records: [{ fields }], typecast: true })
        .then((r) => r.records[0]),
    updateRecord: (baseId: string, table: string, recordId: string, fields: Record<string, unknown>) =>
      client.patch<AirtableRecord>(recordsPath(baseId, table, recordId), { fields, typecast: true }),
    deleteRecord: (baseId: string, table: string, recordId: string) =>
      client.delete<{ deleted: string[] }>(recordsPath(baseId, table, recordId)),

    createImport: (request: NewImport) => client.post<CreatedImport>('/imports', request),
    imports: () => client.get<{ imports: ImportSummary[] }>('/imports').then((r) => r.imports),
    importDetail: (importId: string) => client.get<ImportDetail>(`/imports/${enc(importId)}`),
    changeSetDetail: (changeSetId: string) => client.get<ImportDetail>(`/changesets/${enc(changeSetId)}`),
    cancelImport: (importId: string) => client.post<{ status: string }>(`/imports/${enc(importId)}/cancel`),

    createConversation: (baseId: string, title?: string) =>
      client.post<ConversationSummary>('/assistant/conversations', { baseId, ...(title ? { title } : {}) }),
    conversation: (conversationId: string) =>
      client.get<Conversation>(`/assistant/conversations/${enc(conversationId)}`),
    deleteConversation: (conversationId: string) =>
      client.delete<undefined>(`/assistant/conversations/${enc(conversationId)}`),
    sendMessage: (conversationId: string, message: string) =>
      client.post<AssistantReply>(`/assistant/conversations/${enc(conversationId)}/messages`, { message }),
    confirmProposal: (conversationId: string, proposalId: string) =>
      client.post<ConfirmedProposal>(
        `/assistant/conversations/${enc(conversationId)}/changesets/${enc(proposalId)}/confirm`),

    liveness: () => client.get<Liveness>('/health', { auth: false }),
    deepHealth: () => client.get<DeepHealth>('/health/deep', { acceptStatuses: [503] }),
  };
}

export type Endpoints = ReturnType<typeof endpoints>;
