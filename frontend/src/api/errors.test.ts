import { describe, expect, it } from 'vitest';
import { errorFromResponse, messageOf } from './errors';

describe('errorFromResponse', () => {
  it('takes the sentence, code and request id of our error shape', () => {
    const e = errorFromResponse(409, JSON.stringify({
      error: { code: 'EMAIL_TAKEN', message: 'An account with this email already exists.', requestId: 'abc' },
    }));
    expect(e).toMatchObject({ status: 409, code: 'EMAIL_TAKEN', requestId: 'abc',
      message: 'An account with this email already exists.' });
    expect(e.fromFunction).toBe(true);
  });

  it("turns API Gateway's own answers into sentences", () => {
    expect(errorFromResponse(401, '{"message":"Unauthorized"}').message).toBe('You are not signed in. Please sign in again.');
    expect(errorFromResponse(413, '{"message":"Request Entity Too Large"}').message)
      .toBe('The request is too large for the server.');
    expect(errorFromResponse(502, 'Bad gateway').code).toBe('GATEWAY_502');
    expect(errorFromResponse(418, '').message).toBe('The server answered with an unexpected status (418). Please try again.');
  });

  it('adds when to try again from Retry-After', () => {
    const e = errorFromResponse(429, JSON.stringify({ error: { code: 'TOO_MANY_REQUESTS', message: 'Too many failed sign-ins' } }),
      new Headers({ 'Retry-After': '30' }));
    expect(e.message).toBe('Too many failed sign-ins. You can try again in 30 seconds.');
    expect(e.retryAfterSeconds).toBe(30);
  });

  it('makes a sentence of a bare message', () => {
    expect(errorFromResponse(400, JSON.stringify({ error: { code: 'X', message: 'pageSize must be an integer' } })).message)
      .toBe('pageSize must be an integer.');
    expect(messageOf(new Error('It broke'))).toBe('It broke.');
    expect(messageOf('?')).toBe('Something went wrong. Please try again.');
  });
});
