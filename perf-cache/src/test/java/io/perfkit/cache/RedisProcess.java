package io.perfkit.cache;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A redis-server process of the test's own, on a free port, that the test can kill and restart. */
final class RedisProcess implements AutoCloseable {
    static final String BINARY = "/usr/bin/redis-server";

    final int port;
    private final List<String> extraArgs;
    private final Path dir;
    private Process process;

    RedisProcess(List<String> extraArgs) throws IOException {
        this(freePort(), extraArgs);
    }

    RedisProcess(int port, List<String> extraArgs) throws IOException {
        this.port = port;
        this.extraArgs = extraArgs;
        this.dir = Files.createTempDirectory("perfkit-redis-" + port);
    }

    static boolean available() {
        return new File(BINARY).canExecute();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    RedisProcess start() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        cmd.addAll(extraArgs);
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        Await.until(this::accepting, "redis-server on port " + port + " accepts connections");
        return this;
    }

    /** Kills the server (SIGKILL): clients see the connection drop, as with a crash or a network cut. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private boolean accepting() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        kill();
    }
}
