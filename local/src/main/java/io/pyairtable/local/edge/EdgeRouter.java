package io.pyairtable.local.edge;

import io.pyairtable.local.aws.ConnectionServer;
import io.pyairtable.local.aws.HttpWire;
import io.pyairtable.local.aws.HttpWire.Head;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one AWS endpoint of the local cloud (like LocalStack's :4566): reads each request's head, finds the AWS
 * service it is for from its SigV4 credential scope ({@code Authorization} header or presigned
 * {@code X-Amz-Credential} query parameter), and relays the request to that service's local backend byte for byte
 * (head lines unchanged but for the hop-by-hop {@code Connection}-type headers, body as sent), so the {@code Host}
 * header and the signatures stay valid. Requests carrying no signature go to the fallback service (S3, for
 * anonymous browser GETs).
 *
 * <p>HTTP/1.1 persistent connections on both sides: one thread per client connection reads its requests one after
 * the other (framed by {@code Content-Length} or chunked encoding), sends each on a kept-alive connection to the
 * backend it names and relays the response (framed the same way, 1xx interim responses such as
 * {@code 100 Continue} passed through). SDKs keep one connection for many calls, so a call costs no TCP handshake,
 * no thread start and no accept on either side. Both sockets have {@code TCP_NODELAY} and each message is written
 * with one flush: a small request or response is one segment, never a head held back by Nagle's algorithm until
 * the peer's (delayed) ACK.
 */
public final class EdgeRouter implements AutoCloseable {
    /** Bodies up to this size are read before they are sent, so a request on a stale backend connection is resent. */
    private static final int REPLAYABLE_BODY_BYTES = 64 * 1024;
    /** A client connection with no request for this long is closed (clients reconnect; idle threads go away). */
    private static final int CLIENT_IDLE_MILLIS = 120_000;
    /** A backend connection idle for longer is not reused (the backends close idle connections after ~30 s). */
    private static final long BACKEND_IDLE_NANOS = 10_000_000_000L;
    private static final Pattern HEADER_SCOPE = Pattern.compile("Credential=[^/,]+/\\d{8}/[^/]+/([^/]+)/aws4_request");
    private static final Pattern QUERY_SCOPE = Pattern.compile("(?:^|&)X-Amz-Credential=([^&]*)");

    private final Map<String, Integer> backendPorts;
    private final String fallbackService;
    private final ConnectionServer server;

    /**
     * @param backendPorts    SigV4 service name (e.g. {@code s3}, {@code dynamodb}) → loopback port serving it
     * @param fallbackService where unsigned requests go
     */
    private EdgeRouter(String host, int port, Map<String, Integer> backendPorts, String fallbackService) throws IOException {
        this.backendPorts = Map.copyOf(backendPorts);
        this.fallbackService = fallbackService;
        server = new ConnectionServer(host, port, "edge", this::serve);
    }

    public static EdgeRouter start(String host, int port, Map<String, Integer> backendPorts, String fallbackService) {
        try {
            return new EdgeRouter(host, port, backendPorts, fallbackService);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** One client connection: its requests in order, each relayed to its backend over a kept-alive connection. */
    private void serve(Socket client) {
        Map<Integer, Backend> backends = new HashMap<>();
        try (client) {
            client.setTcpNoDelay(true);
            client.setSoTimeout(CLIENT_IDLE_MILLIS);
            InputStream in = new BufferedInputStream(client.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(client.getOutputStream(), 16 * 1024);
            while (true) {
                Head request = Head.read(in);
                if (request == null) {
                    return; // the client closed its (idle) connection
                }
                if (!relay(request, in, out, backends)) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // a client or backend hung up or spoke something else than HTTP/1.1; nothing to report to anyone
        } finally {
            backends.values().forEach(Backend::close);
        }
    }

    /** Relays one request and its response; false when the client connection must be closed afterwards. */
    private boolean relay(Head request, InputStream clientIn, OutputStream clientOut, Map<Integer, Backend> backends)
            throws IOException {
        String service = serviceOf(request.text());
        Integer port = backendPorts.get(service);
        if (port == null) {
            reject(clientOut, "no local backend for AWS service '" + service + "'");
            return false;
        }
        boolean chunked = request.isChunked();
        long length = chunked ? -1 : request.contentLength();
        boolean expectContinue = request.expectsContinue();
        boolean keepClient = request.keepAlive();
        byte[] head = withoutHopByHopHeaders(request.text()).getBytes(StandardCharsets.ISO_8859_1);
        // a small body is read first: the request can then be resent as a whole if a kept-alive backend
        // connection turns out to have been closed by the backend meanwhile
        byte[] body = !chunked && !expectContinue && length <= REPLAYABLE_BODY_BYTES
                ? HttpWire.readExactly(clientIn, (int) Math.max(0, length)) : null;

        Backend backend = backends.remove(port);
        if (backend != null && (body == null || !backend.fresh())) {
            backend.close(); // a streamed body cannot be sent twice: only on a connection known to be open
            backend = null;
        }
        boolean reused = backend != null;
        Head response;
        boolean bodySent = true;
        try {
            if (backend == null) {
                backend = Backend.open(port);
            }
            if (body != null) {
                response = exchange(backend, head, body);
            } else {
                Answer answer = exchangeStreaming(backend, head, clientIn, clientOut, chunked, length, expectContinue);
                response = answer.response();
                bodySent = answer.bodySent();
            }
        } catch (IOException failed) {
            if (backend != null) {
                backend.close();
            }
            if (!reused || body == null) {
                badGateway(clientOut);
                return false;
            }
            backend = Backend.open(port); // the kept-alive connection was stale: once more on a new one
            response = exchange(backend, head, body);
        }
        boolean headRequest = request.method().equals("HEAD");
        boolean bodyUntilClose = !headRequest && response.hasBodyUntilClose();
        // answered before the body was sent (no 100 Continue): the body's state on both sides is unknown
        keepClient &= !bodyUntilClose && bodySent;
        clientOut.write(forClient(response, keepClient).getBytes(StandardCharsets.ISO_8859_1));
        if (!headRequest && !response.hasNoBody()) {
            if (response.isChunked()) {
                HttpWire.copyChunked(backend.in, clientOut);
            } else if (bodyUntilClose) {
                backend.in.transferTo(clientOut);
            } else {
                HttpWire.copy(backend.in, clientOut, response.contentLength());
            }
        }
        clientOut.flush();
        if (bodyUntilClose || !bodySent || !response.keepAlive()) {
            backend.close();
        } else {
            backend.lastUsed = System.nanoTime();
            backends.put(port, backend);
        }
        return keepClient;
    }

    /** Sends a head and a body already read, and reads the final response head (1xx skipped). */
    private static Head exchange(Backend backend, byte[] head, byte[] body) throws IOException {
        backend.out.write(head);
        backend.out.write(body);
        backend.out.flush();
        return finalResponse(backend, null);
    }

    /** A backend's final response head, and whether the request's body went out before it. */
    private record Answer(Head response, boolean bodySent) {
    }

    /**
     * Sends a head, then the body as it comes from the client; with {@code Expect: 100-continue} only after the
     * backend's {@code 100 Continue} (relayed to the client), or not at all if the backend answers at once.
     */
    private static Answer exchangeStreaming(Backend backend, byte[] head, InputStream clientIn, OutputStream clientOut,
            boolean chunked, long length, boolean expectContinue) throws IOException {
        backend.out.write(head);
        if (expectContinue) {
            backend.out.flush();
            Head interim = Head.read(backend.in);
            if (interim == null) {
                throw new EOFException("backend closed the connection");
            }
            if (interim.status() / 100 != 1 || interim.status() == 101) {
                return new Answer(interim, false); // a final answer instead of 100 Continue
            }
            clientOut.write(interim.text().getBytes(StandardCharsets.ISO_8859_1));
            clientOut.flush();
            if (interim.status() != 100) {
                Head next = finalResponse(backend, clientOut);
                return new Answer(next, false);
            }
        }
        if (chunked) {
            HttpWire.copyChunked(clientIn, backend.out);
        } else {
            HttpWire.copy(clientIn, backend.out, Math.max(0, length));
        }
        backend.out.flush();
        return new Answer(finalResponse(backend, clientOut), true);
    }

    /** The first non-1xx response head; interim responses are passed on to the client when there is one. */
    private static Head finalResponse(Backend backend, OutputStream clientOut) throws IOException {
        while (true) {
            Head response = Head.read(backend.in);
            if (response == null) {
                throw new EOFException("backend closed the connection before answering");
            }
            if (response.status() / 100 != 1 || response.status() == 101) {
                return response;
            }
            if (clientOut != null) {
                clientOut.write(response.text().getBytes(StandardCharsets.ISO_8859_1));
                clientOut.flush();
            }
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

    /**
     * The head without its hop-by-hop headers ({@code Connection}, {@code Keep-Alive}, {@code Proxy-Connection},
     * and the {@code Upgrade: h2c} / {@code HTTP2-Settings} that some HTTP/2 clients offer): the edge keeps its
     * backend connections open and speaks HTTP/1.1 on both sides.
     */
    static String withoutHopByHopHeaders(String head) {
        StringBuilder out = new StringBuilder(head.length());
        for (String line : head.split("\r\n")) {
            if (!line.isEmpty() && !isHopByHop(line)) {
                out.append(line).append("\r\n");
            }
        }
        return out.append("\r\n").toString();
    }

    /** A response head for the client: hop-by-hop headers dropped, {@code Connection: close} when closing. */
    private static String forClient(Head response, boolean keepClient) {
        String head = withoutHopByHopHeaders(response.text());
        return keepClient ? head : head.substring(0, head.length() - 2) + "Connection: close\r\n\r\n";
    }

    private static boolean isHopByHop(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        return lower.startsWith("connection:") || lower.startsWith("keep-alive:") || lower.startsWith("upgrade:")
                || lower.startsWith("http2-settings:") || lower.startsWith("proxy-connection:");
    }

    private static void badGateway(OutputStream out) throws IOException {
        byte[] body = "{\"message\":\"the local backend did not answer\"}".getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 502 Bad Gateway\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
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
        server.close();
    }

    /** A kept-alive connection to one backend. */
    private static final class Backend {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        long lastUsed = System.nanoTime();

        private Backend(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        }

        static Backend open(int port) throws IOException {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress("127.0.0.1", port));
                return new Backend(socket);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        boolean fresh() {
            return System.nanoTime() - lastUsed < BACKEND_IDLE_NANOS;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
