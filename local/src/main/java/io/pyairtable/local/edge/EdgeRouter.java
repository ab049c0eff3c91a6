package io.pyairtable.local.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one AWS endpoint of the local cloud (like LocalStack's :4566): reads each request's head, finds the AWS
 * service it is for from its SigV4 credential scope ({@code Authorization} header or presigned
 * {@code X-Amz-Credential} query parameter), and relays the connection byte for byte to that service's local
 * backend. Relaying bytes (not re-issuing requests) keeps the {@code Host} header and so the signatures valid.
 * Requests carrying no signature go to the fallback service (S3, for anonymous browser GETs).
 *
 * <p>Each relayed request is sent with {@code Connection: close}, so one connection carries one request.
 */
public final class EdgeRouter implements AutoCloseable {
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final Pattern HEADER_SCOPE = Pattern.compile("Credential=[^/,]+/\\d{8}/[^/]+/([^/]+)/aws4_request");
    private static final Pattern QUERY_SCOPE = Pattern.compile("(?:^|&)X-Amz-Credential=([^&]*)");

    private final Map<String, Integer> backendPorts;
    private final String fallbackService;
    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "edge");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param backendPorts    SigV4 service name (e.g. {@code s3}, {@code dynamodb}) → loopback port serving it
     * @param fallbackService where unsigned requests go
     */
    private EdgeRouter(String host, int port, Map<String, Integer> backendPorts, String fallbackService) throws IOException {
        this.backendPorts = Map.copyOf(backendPorts);
        this.fallbackService = fallbackService;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(host, port));
        Thread acceptor = new Thread(this::acceptLoop, "edge-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static EdgeRouter start(String host, int port, Map<String, Integer> backendPorts, String fallbackService) {
        try {
            return new EdgeRouter(host, port, backendPorts, fallbackService);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.execute(() -> relay(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String service = serviceOf(head);
            Integer port = backendPorts.get(service);
            if (port == null) {
                reject(client.getOutputStream(), "no local backend for AWS service '" + service + "'");
                return;
            }
            try (Socket backend = new Socket("127.0.0.1", port)) {
                OutputStream toBackend = backend.getOutputStream();
                toBackend.write(withConnectionClose(head).getBytes(StandardCharsets.ISO_8859_1));
                toBackend.flush();
                Thread upstream = new Thread(() -> pipe(in, toBackend, backend), "edge-upstream");
                upstream.setDaemon(true);
                upstream.start();
                backend.getInputStream().transferTo(client.getOutputStream());
                client.getOutputStream().flush();
            }
        } catch (IOException e) {
            // a client or backend hung up; nothing to report to anyone
        }
    }

    private static void pipe(InputStream from, OutputStream to, Socket backend) {
        try {
            from.transferTo(to);
            backend.shutdownOutput();
        } catch (IOException ignored) {
            // the backend finished and closed first: normal with Connection: close
        }
    }

    /** The SigV4 service name of a request head, or the fallback for unsigned requests. */
    String serviceOf(String head) {
        String lower = head.toLowerCase(Locale.ROOT);
        int auth = lower.indexOf("\r\nauthorization:");
        if (auth >= 0) {
            String line = head.substring(auth + 2, head.indexOf("\r\n", auth + 2));
            Matcher m = HEADER_SCOPE.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        String requestLine = head.substring(0, head.indexOf("\r\n"));
        int query = requestLine.indexOf('?');
        if (query >= 0) {
            String target = requestLine.substring(query + 1, requestLine.lastIndexOf(' '));
            Matcher m = QUERY_SCOPE.matcher(target);
            if (m.find()) {
                String[] scope = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8).split("/");
                if (scope.length == 5) {
                    return scope[3];
                }
            }
        }
        return fallbackService;
    }

    /** The request line and headers, up to and including the blank line; null if the client sent nothing. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            if (head.size() > MAX_HEAD_BYTES) {
                throw new IOException("request head over " + MAX_HEAD_BYTES + " bytes");
            }
        }
        return null;
    }

    /**
     * The head with its hop-by-hop headers ({@code Connection}, {@code Keep-Alive}, and the {@code Upgrade: h2c} /
     * {@code HTTP2-Settings} that some HTTP/2 clients offer) replaced by {@code Connection: close}.
     */
    static String withConnectionClose(String head) {
        StringBuilder out = new StringBuilder();
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (!line.isEmpty() && !lower.startsWith("connection:") && !lower.startsWith("keep-alive:")
                    && !lower.startsWith("upgrade:") && !lower.startsWith("http2-settings:")) {
                out.append(line).append("\r\n");
            }
        }
        return out.append("Connection: close\r\n\r\n").toString();
    }

    private static void reject(OutputStream out, String message) throws IOException {
        byte[] body = ("{\"__type\":\"UnknownServiceException\",\"message\":\"" + message.replace("\"", "'") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.shutdownNow();
    }
}
