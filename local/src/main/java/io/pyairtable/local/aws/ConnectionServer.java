package io.pyairtable.local.aws;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A listening socket that serves each accepted connection on a daemon thread of its own ({@code serve} owns and
 * closes the socket) and, on {@link #close()}, also closes the connections still open, so threads waiting for a
 * kept-alive connection's next request end. The {@link AwsEndpoint} and the edge router speak HTTP/1.1 on it.
 */
public final class ConnectionServer implements AutoCloseable {
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService connections;
    private final Consumer<Socket> serve;

    /** Listens on {@code host:port} (port 0 = any free port); threads are named {@code threadName}. */
    public ConnectionServer(String host, int port, String threadName, Consumer<Socket> serve) throws IOException {
        this.serve = serve;
        this.connections = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(host, port));
        Thread acceptor = new Thread(this::acceptLoop, threadName + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public InetAddress address() {
        return server.getInetAddress();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                connections.execute(() -> {
                    try {
                        serve.accept(client);
                    } finally {
                        open.remove(client);
                    }
                });
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.shutdownNow();
        for (Socket socket : open) { // threads waiting for a kept-alive connection's next request end here
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
