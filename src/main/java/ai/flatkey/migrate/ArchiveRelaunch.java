package ai.flatkey.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar flatkey-migrate.jar COMMAND …} run again with the CLI's class-data sharing archive, C1 only, the
 * serial collector and no hsperfdata file, the way the installed {@code flatkey-migrate} command starts. A jar cannot carry JVM options, and a cold CLI run spends
 * most of its time loading and compiling classes: with the archive the build writes next to the jar
 * ({@code flatkey-migrate.jsa}) a run of the twelve request checks takes about half as long (BENCHMARKS.md, "Cold
 * runs"). So the first JVM starts a second one with those options, the same JVM options it was given, the same
 * arguments, environment, working folder and standard streams, waits for it and exits with its code.
 *
 * <p>Only when it helps and changes nothing else: a CLI command (never the wizard, never {@code --version} or
 * {@code --help}); started as {@code java … -jar JAR}; an archive beside the jar that this very JVM wrote (its header
 * names this VM's version and this Java home's base archive: another JDK would ignore it and pay the second start for
 * nothing); no JVM options but {@code -D}, {@code -Xmx}, {@code -Xms} and {@code -Xss} (an agent, a debugger, a
 * recording or class-sharing options of the person's own are theirs to keep); not the installed launcher (it has its
 * own); not already relaunched; and not turned off with {@code FLATKEY_MIGRATE_RELAUNCH=0}.
 *
 * <p>Stopping: Ctrl+C reaches both processes (one terminal process group); a SIGTERM sent to the first only is passed on
 * (after half a second, so that a Ctrl+C is not signalled twice), and the first exits with the second's code. The
 * second ends itself when the first is gone (killed), as the command's own stop hook would.
 */
final class ArchiveRelaunch {
    /** The system property the second JVM gets: the first one's process ID. */
    static final String LAUNCHED_BY = "flatkey.launchedBy";
    /** Set to {@code 0} (or {@code false}, {@code off}) to never relaunch. */
    static final String SWITCH = "FLATKEY_MIGRATE_RELAUNCH";
    private static final Set<String> QUICK = Set.of("-V", "--version", "-h", "--help", "help", "completion");
    private static final List<String> KEPT_OPTIONS = List.of("-D", "-Xmx", "-Xms", "-Xss");
    private static final int HEADER_BYTES = 8192;
    /** How long the first JVM, asked to stop, leaves the second to end on its own (a Ctrl+C reached both). */
    private static final long OWN_STOP_MS = 500;
    /** How long it then waits for the second JVM after passing the signal on (the command's grace, and margin). */
    private static final long STOP_WAIT_MS = 6_000;

    private ArchiveRelaunch() {
    }

    /**
     * Runs {@code args} in a second JVM with the archive when {@link #command} says so, and returns its exit code;
     * empty when this JVM should run the command itself.
     */
    static OptionalInt runIfFaster(String[] args) {
        if (System.getProperty(LAUNCHED_BY) != null) {
            endWhenParentEnds();
            return OptionalInt.empty();
        }
        Optional<List<String>> command = command(args, jar(), vmCommandLine(), System.getenv(), System.getProperties());
        if (command.isEmpty()) {
            return OptionalInt.empty();
        }
        Process child;
        try {
            child = new ProcessBuilder(command.get()).inheritIO().start();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty(); // run here, as without the archive
        }
        Runtime.getRuntime().addShutdownHook(new Thread(new Stop(child), "relaunch-stop"));
        while (true) {
            try {
                return OptionalInt.of(child.waitFor());
            } catch (InterruptedException e) {
                // keep waiting: the child decides when the command has ended
            }
        }
    }

    /**
     * The second JVM's command line, or empty when this one should run the command.
     *
     * @param args          the command's arguments
     * @param jar           the jar this class was loaded from, if any
     * @param vmCommandLine this process's whole command line (the {@code java} executable first), if known
     */
    static Optional<List<String>> command(String[] args, Optional<Path> jar, Optional<List<String>> vmCommandLine,
                                          Map<String, String> env, Properties props) {
        String off = env.getOrDefault(SWITCH, "").strip();
        if (args.length == 0 || QUICK.contains(args[0]) || off.equals("0") || off.equalsIgnoreCase("false")
                || off.equalsIgnoreCase("off") || props.getProperty("jpackage.app-path") != null
                || jar.isEmpty() || vmCommandLine.isEmpty()) {
            return Optional.empty();
        }
        List<String> line = vmCommandLine.get();
        int dashJar = line.indexOf("-jar");
        if (dashJar < 1 || dashJar + 1 >= line.size()) {
            return Optional.empty();
        }
        List<String> options = line.subList(1, dashJar);
        for (String o : options) {
            if (!kept(o)) {
                return Optional.empty();
            }
        }
        Path archive = archiveOf(jar.get());
        if (!madeByThisVm(archive, props)) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        out.add(Path.of(props.getProperty("java.home"), "bin", "java").toString());
        out.addAll(options);
        out.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-D" + LAUNCHED_BY + "=" + ProcessHandle.current().pid(), "-jar",
                jar.get().toString()));
        out.addAll(Arrays.asList(args));
        return Optional.of(out);
    }

    private static boolean kept(String option) {
        for (String prefix : KEPT_OPTIONS) {
            if (option.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** {@code flatkey-migrate.jsa} beside {@code flatkey-migrate.jar}. */
    static Path archiveOf(Path jar) {
        String name = jar.getFileName().toString();
        boolean dotJar = name.length() > 4 && name.substring(name.length() - 4).equalsIgnoreCase(".jar");
        return jar.resolveSibling((dotJar ? name.substring(0, name.length() - 4) : name) + ".jsa");
    }

    /**
     * Whether {@code archive} is a dynamic archive this JVM can map: its header names this VM and version, and the base
     * archive of this Java home (a dynamic archive is layered on the JDK's own).
     */
    static boolean madeByThisVm(Path archive, Properties props) {
        if (!Files.isRegularFile(archive)) {
            return false;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(archive)) {
            head = in.readNBytes(HEADER_BYTES);
        } catch (IOException e) {
            return false;
        }
        String header = new String(head, StandardCharsets.ISO_8859_1);
        String vm = props.getProperty("java.vm.name") + " (" + props.getProperty("java.vm.version") + ")";
        String base = Path.of(props.getProperty("java.home"), "lib").toString();
        return header.contains(vm) && header.contains(base);
    }

    private static Optional<Path> jar() {
        try {
            CodeSource source = ArchiveRelaunch.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path p = Path.of(source.getLocation().toURI());
            return p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jar") && Files.isRegularFile(p)
                    ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<List<String>> vmCommandLine() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        Optional<String> cmd = info.command();
        Optional<String[]> arguments = info.arguments();
        if (cmd.isEmpty() || arguments.isEmpty()) {
            return Optional.empty();
        }
        List<String> line = new ArrayList<>();
        line.add(cmd.get());
        line.addAll(Arrays.asList(arguments.get()));
        return Optional.of(line);
    }

    /**
     * The first JVM is stopping: leave the second a moment to end on its own, then pass the signal on and wait. (A class,
     * not a lambda, as everything here: the first JVM's whole work is to start the second, and a lambda's first use
     * loads the method-handle machinery, ~30 ms of it.)
     */
    private static final class Stop implements Runnable {
        private final Process child;

        Stop(Process child) {
            this.child = child;
        }

        @Override
        public void run() {
            try {
                if (!child.waitFor(OWN_STOP_MS, TimeUnit.MILLISECONDS)) {
                    child.destroy();
                    if (!child.waitFor(STOP_WAIT_MS, TimeUnit.MILLISECONDS)) {
                        child.destroyForcibly();
                    }
                }
                Runtime.getRuntime().halt(child.exitValue());
            } catch (InterruptedException | IllegalThreadStateException e) {
                // exit as the JVM would
            }
        }
    }

    /** In the second JVM: when the first is killed outright, end as if stopped (the command's stop hook runs). */
    private static void endWhenParentEnds() {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isPresent()) {
            parent.get().onExit().thenRun(new Exit());
        }
    }

    private static final class Exit implements Runnable {
        @Override
        public void run() {
            System.exit(143);
        }
    }
}
