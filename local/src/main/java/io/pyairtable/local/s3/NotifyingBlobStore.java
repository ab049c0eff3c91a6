package io.pyairtable.local.s3;

import java.io.InputStream;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Wraps S3Proxy's store and reports every object it creates — put, copy, completed multipart upload — to a
 * listener, with the event name S3 would use. S3Proxy's own bookkeeping objects ({@code .s3proxy…} keys, e.g. the
 * multipart stubs of some backends) are not reported.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {

    /** Receives created objects. */
    interface Listener {
        void objectCreated(String bucket, String key, long size, String eTag, String eventName);
    }

    private final Listener listener;

    NotifyingBlobStore(BlobStore delegate, Listener listener) {
        super(delegate);
        this.listener = listener;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        PutObjectResponse response = super.putBlob(request, content);
        notifyCreated(request.bucket(), request.key(), "ObjectCreated:Put");
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        notifyCreated(request.destinationBucket(), request.destinationKey(), "ObjectCreated:Copy");
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
            CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        notifyCreated(upload.containerName(), upload.blobName(), "ObjectCreated:CompleteMultipartUpload");
        return response;
    }

    private void notifyCreated(String bucket, String key, String eventName) {
        if (isBookkeeping(key)) {
            return;
        }
        HeadObjectResponse head = delegate().blobMetadataIfPresent(bucket, key);
        if (head != null) {
            listener.objectCreated(bucket, key, head.contentLength() == null ? 0 : head.contentLength(), head.eTag(),
                    eventName);
        }
    }

    static boolean isBookkeeping(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return name.startsWith(".s3proxy") || key.startsWith(".s3proxy");
    }
}
