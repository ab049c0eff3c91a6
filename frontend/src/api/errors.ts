/**
 * Every failure the UI shows is an {@link ApiError} with a human sentence. Our functions answer
 * `{"error":{"code","message","requestId"}}`; API Gateway itself (and the authorizer) answers `{"message":"…"}`;
 * a network failure has no body at all. Each becomes one sentence a person can act on.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, code: string, message: string, requestId?: string, retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.requestId = requestId;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** True when the body had our error shape (a function answered), false for API Gateway's own answers. */
  get fromFunction(): boolean {
    return !this.code.startsWith('GATEWAY_') && this.code !== 'NETWORK_ERROR' && this.code !== 'SESSION_EXPIRED';
  }
}

const GATEWAY_MESSAGES: Record<number, string> = {
  401: 'You are not signed in. Please sign in again.',
  403: 'Your session is no longer valid. Please sign in again.',
  404: 'The server does not know this address.',
  413: 'The request is too large for the server.',
  429: 'Too many requests. Please wait a moment and try again.',
  500: 'The server had an unexpected problem. Please try again.',
  502: 'The server could not reach the service behind it. Please try again.',
  503: 'The service is unavailable right now. Please try again in a moment.',
  504: 'The server took too long to answer. Please try again.',
};

/** Ends the text with a full stop (server messages may start with a field name, so the case is kept). */
function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function genericMessage(status: number): string {
  return GATEWAY_MESSAGES[status] ?? `The server answered with an unexpected status (${status}). Please try again.`;
}

/** Builds the error for a non-2xx answer from its status, body text and headers. */
export function errorFromResponse(status: number, bodyText: string, headers?: Headers): ApiError {
  const retryAfterHeader = headers?.get('retry-after');
  const retryAfter = retryAfterHeader && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : undefined;
  let body: unknown;
  try {
    body = bodyText ? JSON.parse(bodyText) : undefined;
  } catch {
    // not JSON: the sentence is chosen by status below
  }
  if (isRecord(body) && isRecord(body.error)) {
    const e = body.error;
    const code = typeof e.code === 'string' ? e.code : 'UNKNOWN_ERROR';
    const message = typeof e.message === 'string' && e.message.trim() ? sentence(e.message) : genericMessage(status);
    const requestId = typeof e.requestId === 'string' ? e.requestId : undefined;
    return new ApiError(status, code, withRetryHint(message, status, retryAfter), requestId, retryAfter);
  }
  // API Gateway's own shape {"message":"Unauthorized"} or anything else: a sentence chosen by status
  return new ApiError(status, `GATEWAY_${status}`, withRetryHint(genericMessage(status), status, retryAfter), undefined,
    retryAfter);
}

function withRetryHint(message: string, status: number, retryAfter: number | undefined): string {
  if ((status === 429 || status === 503) && retryAfter !== undefined && !/\bsecond/.test(message)) {
    return `${message} You can try again in ${retryAfter} second${retryAfter === 1 ? '' : 's'}.`;
  }
  return message;
}

export function networkError(): ApiError {
  return new ApiError(0, 'NETWORK_ERROR', 'The server cannot be reached. Check your connection and try again.');
}

export function sessionExpiredError(): ApiError {
  return new ApiError(401, 'SESSION_EXPIRED', 'Your session has ended. Please sign in again.');
}

/** The sentence to show for anything thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return sentence(error.message);
  return 'Something went wrong. Please try again.';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
