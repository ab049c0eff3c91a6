import { afterEach, describe, expect, it } from 'vitest';
import { uploadFailure, uploadFile, type UploadProgress } from './upload';

/** A stand-in for XMLHttpRequest that records what is sent and plays upload events. */
class FakeXhr {
  static last: FakeXhr | null = null;
  static answer = { status: 200, body: '' };
  method = '';
  url = '';
  headers: Record<string, string> = {};
  status = 0;
  responseText = '';
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: Blob) {
    queueMicrotask(() => {
      this.upload.onprogress?.({ loaded: body.size / 2, total: body.size, lengthComputable: true });
      this.status = FakeXhr.answer.status;
      this.responseText = FakeXhr.answer.body;
      this.onload?.();
    });
  }
  abort() {
    this.onabort?.();
  }
}

const original = globalThis.XMLHttpRequest;
afterEach(() => {
  globalThis.XMLHttpRequest = original;
});

describe('uploadFile', () => {
  it('PUTs the bytes with the presigned headers only and reports progress to 100 %', async () => {
    globalThis.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
    FakeXhr.answer = { status: 200, body: '' };
    const seen: UploadProgress[] = [];
    await uploadFile('http://127.0.0.1:4566/bucket/key?X-Amz-Signature=s', new Blob(['a,b\n1,2\n']),
      { 'Content-Type': 'text/csv' }, (p) => seen.push(p));
    expect(FakeXhr.last).toMatchObject({ method: 'PUT', url: 'http://127.0.0.1:4566/bucket/key?X-Amz-Signature=s',
      headers: { 'Content-Type': 'text/csv' } });
    expect(seen).toEqual([{ loaded: 4, total: 8 }, { loaded: 8, total: 8 }]);
  });

  it("turns S3's XML error into a sentence", async () => {
    globalThis.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
    FakeXhr.answer = { status: 403, body: '<Error><Code>AccessDenied</Code></Error>' };
    await expect(uploadFile('http://s3/x', new Blob(['x']), {}, () => undefined)).rejects.toMatchObject({
      code: 'UPLOAD_FAILED', message: 'The upload link was refused (it may have expired). Start the import again.',
    });
  });

  it('maps other S3 errors', () => {
    expect(uploadFailure(400, '<Error><Code>EntityTooLarge</Code></Error>')).toBe('The file is larger than this import allows.');
    expect(uploadFailure(500, 'oops')).toBe('The file could not be uploaded (storage answered 500). Please try again.');
  });
});
