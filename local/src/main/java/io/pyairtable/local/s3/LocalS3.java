package io.pyairtable.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * The local S3: S3Proxy (the real S3 REST protocol, SigV4 and presigned URLs verified against the local
 * credentials) over a directory or memory, plus S3 event notifications delivered asynchronously, as S3 does, to
 * {@link S3Subscription}s.
 */
public final class LocalS3 implements AutoCloseable {
    /** The credentials the local cloud gives its functions; S3 requests must be signed with them. */
    public static final String ACCESS_KEY = "pyairtable-local";
    public static final String SECRET_KEY = "pyairtable-local-secret";

    private final S3Proxy proxy;
    private final BlobStore store;
    private final String region;
    private final List<S3Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "s3-notifications");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong sequence = new AtomicLong();

    private LocalS3(String host, int port, Path dataDir, String region, List<String> corsOrigins) throws Exception {
        this.region = region;
        BlobStore backend;
        if (dataDir == null) {
            backend = new TransientNio2BlobStore();
        } else {
            Files.createDirectories(dataDir);
            backend = new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString());
        }
        this.store = new NotifyingBlobStore(backend, this::objectCreated);
        S3Proxy.Builder builder = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://" + host + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .stopTimeout(0);
        if (!corsOrigins.isEmpty()) {
            builder.corsRules(new CrossOriginResourceSharing(corsOrigins, List.of("GET", "PUT", "POST", "HEAD", "DELETE"),
                    List.of("*"), List.of("ETag"), "false"));
        }
        this.proxy = builder.build();
        proxy.start();
        for (int i = 0; i < 100 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(20);
        }
    }

    /**
     * Starts S3 on {@code host:port} (0 = a free port).
     *
     * @param dataDir     where objects live (one directory per bucket), or null to keep them in memory
     * @param corsOrigins origins allowed to call S3 from a browser (presigned uploads), may be empty
     */
    public static LocalS3 start(String host, int port, Path dataDir, String region, List<String> corsOrigins) {
        try {
            return new LocalS3(host, port, dataDir, region, corsOrigins);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the local S3 on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Creates the bucket if it does not exist yet. */
    public void ensureBucket(String name) {
        if (!store.containerExists(name)) {
            store.createContainer(name);
        }
    }

    public void subscribe(S3Subscription subscription) {
        subscriptions.add(subscription);
    }

    private void objectCreated(String bucket, String key, long size, String eTag, String eventName) {
        long seq = sequence.incrementAndGet();
        Instant now = Instant.now();
        for (S3Subscription subscription : subscriptions) {
            if (subscription.matches(bucket, eventName, key)) {
                JsonNode event = S3EventJson.objectCreated(region, bucket, key, size, eTag, eventName, now, seq);
                notifier.execute(() -> deliver(subscription, event, bucket, key));
            }
        }
    }

    private static void deliver(S3Subscription subscription, JsonNode event, String bucket, String key) {
        try {
            subscription.target().accept(event);
        } catch (RuntimeException e) {
            System.err.println("[s3] notification for s3://" + bucket + "/" + key + " failed: " + e);
        }
    }

    /** Waits until every notification queued so far was delivered (tests). */
    public void awaitNotifications() throws InterruptedException, ExecutionException, TimeoutException {
        notifier.submit(() -> {}).get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        notifier.shutdown();
        try {
            proxy.stop();
        } catch (Exception e) {
            System.err.println("[s3] stop failed: " + e);
        }
    }
}
