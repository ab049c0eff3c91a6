import { ApiError } from './errors';

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * PUTs a file straight to the presigned S3 URL with XMLHttpRequest, whose upload events give a real progress bar
 * (fetch has none). Only the headers the presigned URL was signed with are sent; no token goes to S3.
 */
export function uploadFile(
  url: string,
  file: Blob,
  headers: Record<string, string>,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
  method = 'PUT',
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress({ loaded: file.size, total: file.size });
        resolve();
      } else {
        reject(new ApiError(xhr.status, 'UPLOAD_FAILED', uploadFailure(xhr.status, xhr.responseText)));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'UPLOAD_FAILED',
      'The file could not be uploaded: the storage service cannot be reached.'));
    xhr.onabort = () => reject(new ApiError(0, 'UPLOAD_CANCELLED', 'The upload was cancelled.'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** S3 answers XML errors (`<Code>AccessDenied</Code>`, `<Code>EntityTooLarge</Code>`…): one sentence for each. */
export function uploadFailure(status: number, body: string): string {
  const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
  switch (code) {
    case 'EntityTooLarge':
      return 'The file is larger than this import allows.';
    case 'AccessDenied':
    case 'SignatureDoesNotMatch':
      return 'The upload link was refused (it may have expired). Start the import again.';
    case 'RequestTimeTooSkewed':
    case 'ExpiredToken':
      return 'The upload link has expired. Start the import again.';
    default:
      return `The file could not be uploaded (storage answered ${status}${code ? ` ${code}` : ''}). Please try again.`;
  }
}
