package ai.flatkey.migrate.peer;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running {@code @copilotkit/aimock} server (an OpenAI-compatible mock written by others), installed with the
 * machine's npm into {@code target/aimock} (once; later runs reuse it) and started on 127.0.0.1 on a free port with
 * {@code src/test/resources/aimock/fixtures.json}. Inbound key checking is on: only {@link #KEY} is accepted.
 */
public final class Aimock implements AutoCloseable {
    /** The pinned version; the tests are written against its behaviour. */
    public static final String VERSION = "1.43.0";
    /** The only key the server accepts (a fake). */
    public static final String KEY = "sk-test-aimock-0001";

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private static final long INSTALL_TIMEOUT_S = 300;
    private static final long START_TIMEOUT_S = 30;

    private final Process process;
    private final String origin;
    private final Deque<String> log;

    private Aimock(Process process, String origin, Deque<String> log) {
        this.process = process;
        this.origin = origin;
        this.log = log;
    }

    /** {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return origin + "/v1";
    }

    /** {@code http://127.0.0.1:PORT}, without the API prefix. */
    public String origin() {
        return origin;
    }

    /** The server's last output lines, for failure messages. */
    public String recentLog() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    /** Why aimock cannot run here (npm or node absent), or empty when it can. */
    public static Optional<String> unavailableReason() {
        if (executable("npm").isEmpty()) {
            return Optional.of("npm is not on PATH (" + System.getenv("PATH") + "); install Node.js 20.15+ with npm "
                    + "to run the aimock interop tests");
        }
        if (executable("node").isEmpty()) {
            return Optional.of("node is not on PATH although npm is; install Node.js 20.15+");
        }
        return Optional.empty();
    }

    /**
     * Installs (when needed) and starts aimock.
     *
     * @throws IllegalStateException when npm fails to install it or the server does not start, with npm's or the
     *                               server's output
     */
    public static Aimock start(Path projectDir) {
        return start(projectDir, fixtures());
    }

    /**
     * Installs (when needed) and starts aimock with {@code fixtures} (a fixture file a test wrote, e.g. with media it
     * generated).
     *
     * @throws IllegalStateException as {@link #start(Path)}
     */
    public static Aimock start(Path projectDir, Path fixtures) {
        Path home = projectDir.resolve("target").resolve("aimock");
        Path cli = install(home);
        ProcessBuilder pb = new ProcessBuilder(executable("node").orElseThrow().toString(), cli.toString(),
                "-p", "0", "-h", "127.0.0.1", "-f", fixtures.toString(), "--log-level", "info")
                .redirectErrorStream(true);
        pb.environment().put("AIMOCK_API_KEYS", KEY);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start node for aimock", e);
        }
        Deque<String> log = new ArrayDeque<>();
        CompletableFuture<String> listening = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (log) {
                        log.addLast(line);
                        if (log.size() > 200) {
                            log.removeFirst();
                        }
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (!listening.isDone() && m.find()) {
                        listening.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
            listening.completeExceptionally(new IllegalStateException("aimock exited before listening"));
        }, "aimock-log");
        pump.setDaemon(true);
        pump.start();
        try {
            String origin = listening.get(START_TIMEOUT_S, TimeUnit.SECONDS).replaceAll("/+$", "");
            return new Aimock(process, origin, log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while starting aimock", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            String out;
            synchronized (log) {
                out = String.join("\n", log);
            }
            throw new IllegalStateException("aimock did not start within " + START_TIMEOUT_S + " s: " + e
                    + "\n--- its output ---\n" + out, e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** {@code npm install --prefix target/aimock @copilotkit/aimock@VERSION} unless that version is already there. */
    static Path install(Path home) {
        Path pkg = home.resolve("node_modules").resolve("@copilotkit").resolve("aimock");
        Path cli = pkg.resolve("dist").resolve("cli.js");
        try {
            Files.createDirectories(home);
            // Another JVM (a parallel build) may install at the same time: one at a time.
            try (FileChannel ch = FileChannel.open(home.resolve(".install.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
                assert lock.isValid();
                if (installedVersion(pkg).equals(VERSION) && Files.isRegularFile(cli)) {
                    return cli;
                }
                Path out = home.resolve("npm-install.log");
                List<String> cmd = new ArrayList<>(List.of(executable("npm").orElseThrow().toString(), "install",
                        "--prefix", home.toString(), "--no-audit", "--no-fund", "--no-save", "--loglevel=error",
                        "@copilotkit/aimock@" + VERSION));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!p.waitFor(INSTALL_TIMEOUT_S, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("npm install of @copilotkit/aimock@" + VERSION + " took more than "
                            + INSTALL_TIMEOUT_S + " s; output:\n" + Files.readString(out));
                }
                if (p.exitValue() != 0 || !installedVersion(pkg).equals(VERSION) || !Files.isRegularFile(cli)) {
                    throw new IllegalStateException("npm install of @copilotkit/aimock@" + VERSION + " failed (exit "
                            + p.exitValue() + "): " + String.join(" ", cmd) + "\n" + Files.readString(out));
                }
                return cli;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not install aimock into " + home, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing aimock", e);
        }
    }

    private static String installedVersion(Path pkg) throws IOException {
        Path json = pkg.resolve("package.json");
        if (!Files.isRegularFile(json)) {
            return "";
        }
        Matcher m = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(Files.readString(json));
        return m.find() ? m.group(1) : "";
    }

    private static Path fixtures() {
        URL url = Aimock.class.getResource("/aimock/fixtures.json");
        if (url == null) {
            throw new IllegalStateException("aimock/fixtures.json is missing from the test classpath");
        }
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first executable named {@code name} on PATH ({@code name.cmd}/{@code .exe} on Windows). */
    static Optional<Path> executable(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        List<String> names = windows ? List.of(name + ".cmd", name + ".exe", name) : List.of(name);
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String n : names) {
                Path p = Paths.get(dir, n);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
