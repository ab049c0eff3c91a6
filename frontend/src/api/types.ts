/** Shapes of the PyAirtable HTTP API (docs/api.md). */

export interface User {
  id: string;
  email: string;
  createdAt: string;
}

export interface Tokens {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
}

export interface AuthResponse {
  user: User;
  tokens: Tokens;
}

export type ConnectionStatus = 'connected' | 'default' | 'not_connected';

export interface Connection {
  status: ConnectionStatus;
  source?: 'user' | 'default' | null;
  airtableUserId?: string | null;
  scopes?: string[] | null;
  connectedAt?: string | null;
}

export interface Base {
  id: string;
  name: string;
  permissionLevel: string;
}

export interface SelectChoice {
  id?: string;
  name: string;
  color?: string;
}

export interface FieldOptions {
  choices?: SelectChoice[];
  linkedTableId?: string;
  precision?: number;
  symbol?: string;
  max?: number;
  icon?: string;
  color?: string;
  [key: string]: unknown;
}

export interface Field {
  id: string;
  name: string;
  type: string;
  description?: string | null;
  options?: FieldOptions | null;
}

export interface View {
  id: string;
  name: string;
  type: string;
}

export interface Table {
  id: string;
  name: string;
  description?: string | null;
  primaryFieldId: string;
  fields: Field[];
  views: View[];
}

export type CellValue = unknown;

export interface AirtableRecord {
  id: string;
  createdTime: string | null;
  fields: Record<string, CellValue>;
}

export interface RecordPage {
  records: AirtableRecord[];
  offset: string | null;
}

export interface HealthCheck {
  status: string;
  detail?: string;
  ms?: number;
}

export interface DeepHealth {
  /** 'ok' or 'degraded' */
  status: string;
  checks: Record<string, HealthCheck>;
}

export interface Liveness {
  status: string;
  stage: string;
  time: string;
}

export type ImportMode = 'create' | 'upsert' | 'update';

export type ImportStatus =
  | 'AWAITING_UPLOAD'
  | 'VALIDATING'
  | 'REJECTED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'ROLLING_BACK'
  | 'ROLLED_BACK'
  | 'ROLLBACK_FAILED'
  | 'CANCELLED';

export interface NewImport {
  baseId: string;
  table: string;
  fileName: string;
  contentType: string;
  mode: ImportMode;
  mergeOn?: string[];
  mapping?: Record<string, string>;
  typecast?: boolean;
  onInvalidRows?: 'reject' | 'skip';
}

export interface CreatedImport {
  importId: string;
  status: ImportStatus;
  uploadUrl: string;
  uploadMethod: 'PUT';
  uploadHeaders: Record<string, string>;
  maxBytes: number;
  expiresAt: string;
}

export interface ImportCounts {
  rows?: number;
  valid?: number;
  invalid?: number;
  applied?: number;
  compensated?: number;
}

export interface ImportSummary {
  /** imports have an importId, change sets (POST /changesets) a changeSetId */
  importId?: string;
  changeSetId?: string;
  /** 'import' or 'changeset' */
  kind: string;
  status: ImportStatus;
  baseId: string;
  table: string;
  fileName?: string | null;
  mode?: string | null;
  createdAt: string;
  updatedAt: string;
  counts?: ImportCounts | null;
}

export interface RowError {
  row: number;
  column?: string | null;
  field?: string | null;
  code: string;
  message: string;
}

export interface SagaStep {
  name: string;
  status: string;
  startedAt?: string | null;
  endedAt?: string | null;
  detail?: string | null;
}

export interface ImportDetail extends ImportSummary {
  rowErrors?: RowError[] | null;
  rowErrorsTruncated?: boolean;
  steps?: SagaStep[] | null;
  error?: { code: string; message: string } | null;
}

// ---------------------------------------------------------------- assistant (docs/api.md "Assistant")

/** A tool call the model made; `arguments` is a JSON object, or the raw text when the model sent invalid JSON. */
export interface AssistantToolCall {
  id: string;
  name: string;
  arguments: unknown;
}

/** One stored message of a conversation (GET /assistant/conversations/{id}). */
export interface AssistantMessage {
  turn: number;
  role: 'user' | 'assistant' | 'tool';
  content?: string | null;
  toolCalls?: AssistantToolCall[] | null;
  toolCallId?: string | null;
  name?: string | null;
}

export interface ProposalChange {
  op: 'create' | 'update' | 'delete';
  id?: string;
  /** the record's primary field value (updates and deletes) */
  record?: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

export interface ProposedField {
  name: string;
  type: string;
  description?: string;
  options?: Record<string, unknown>;
}

export interface ProposalDiff {
  kind?: 'changeset' | 'create_table';
  baseId?: string;
  table: { id?: string; name: string; description?: string; fields?: ProposedField[] };
  changes: ProposalChange[];
}

export interface Proposal {
  proposalId: string;
  kind: 'changeset' | 'create_table';
  status: 'PROPOSED' | 'CONFIRMING' | 'CONFIRMED';
  summary: string;
  diff: ProposalDiff;
  createdAt: string;
  turn: number;
  changeSetId?: string;
  tableId?: string;
}

export interface ConversationSummary {
  conversationId: string;
  title: string | null;
  baseId: string | null;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  turns: number;
}

export interface Conversation extends ConversationSummary {
  messages: AssistantMessage[];
  proposals: Proposal[];
}

export interface AssistantReply {
  conversationId: string;
  turn: number;
  reply: { role: string; content: string | null };
  toolCalls: (AssistantToolCall & { ok: boolean })[];
  proposals: Proposal[];
  stopReason: string;
  steps: number;
}

export interface ConfirmedProposal {
  proposalId: string;
  kind: string;
  status: string;
  changeSetId?: string;
  changeSet?: ImportSummary;
  table?: { id: string; name: string };
  recordsError?: { code: string; message: string };
}
