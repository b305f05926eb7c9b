package ai.flatkey.migrate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar} runs a command again with the archive beside the jar — only when that helps and changes nothing
 * else — and the second JVM's exit code, stop and death are the first one's. The process tests build a small jar
 * (this relauncher and {@link RelaunchProbe}) and its archive with the JVM that runs the tests.
 */
class ArchiveRelaunchTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    static Path dir;
    private static Path jar;
    private static Path archive;

    @BeforeAll
    static void jarAndArchive() throws Exception {
        jar = dir.resolve("probe.jar");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, RelaunchProbe.class.getName());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
            List<Class<?>> classes = new java.util.ArrayList<>(List.of(ArchiveRelaunch.class, RelaunchProbe.class));
            classes.addAll(List.of(ArchiveRelaunch.class.getDeclaredClasses()));
            for (Class<?> c : classes) {
                String name = c.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(name));
                try (var in = c.getClassLoader().getResourceAsStream(name)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        archive = dir.resolve("probe.jsa");
        Process p = new ProcessBuilder(JAVA, "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off", "-jar", jar.toString(), "exit", "0").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(archive).isRegularFile();
    }

    private static Properties props() {
        return System.getProperties();
    }

    private static Optional<List<String>> command(List<String> vmLine, Map<String, String> env, String... args) {
        return ArchiveRelaunch.command(args, Optional.of(jar), Optional.of(vmLine), env, props());
    }

    @Test
    void aCommandStartedWithJavaDashJarRunsAgainWithTheArchiveItsOptionsAndArguments() {
        List<String> line = command(List.of(JAVA, "-Xmx300m", "-Dprobe.prop=x", "-jar", jar.toString(), "run", "p.json"),
                Map.of(), "run", "p.json").orElseThrow();
        assertThat(line).startsWith(JAVA, "-Xmx300m", "-Dprobe.prop=x", "-XX:SharedArchiveFile=" + archive)
                .contains("-XX:TieredStopAtLevel=1", "-Xshare:auto")
                .endsWith("-jar", jar.toString(), "run", "p.json");
    }

    @Test
    void neverForTheWizardQuickCommandsOtherJvmOptionsTheInstalledLauncherOrWhenTurnedOff() {
        List<String> plain = List.of(JAVA, "-jar", jar.toString(), "run");
        assertThat(command(plain, Map.of())).isEmpty();
        assertThat(command(plain, Map.of(), "--version")).isEmpty();
        assertThat(command(plain, Map.of(), "help", "run")).isEmpty();
        assertThat(command(plain, Map.of(ArchiveRelaunch.SWITCH, "0"), "run")).isEmpty();
        assertThat(command(plain, Map.of(ArchiveRelaunch.SWITCH, "off"), "run")).isEmpty();
        assertThat(command(plain, Map.of(ArchiveRelaunch.SWITCH, "1"), "run")).isPresent();
        for (String own : List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-javaagent:x.jar",
                "-XX:SharedArchiveFile=mine.jsa", "-XX:ArchiveClassesAtExit=new.jsa", "-XX:StartFlightRecording",
                "-Xshare:off", "-XX:+UseSerialGC")) {
            assertThat(command(List.of(JAVA, own, "-jar", jar.toString(), "run"), Map.of(), "run")).as(own).isEmpty();
        }
        assertThat(command(List.of(JAVA, "-cp", jar.toString(), "ai.flatkey.migrate.Main", "run"), Map.of(), "run"))
                .isEmpty();
        Properties installed = new Properties();
        installed.putAll(props());
        installed.setProperty("jpackage.app-path", "/opt/flatkey-migrate/bin/flatkey-migrate");
        assertThat(ArchiveRelaunch.command(new String[] {"run"}, Optional.of(jar), Optional.of(plain), Map.of(),
                installed)).isEmpty();
        assertThat(ArchiveRelaunch.command(new String[] {"run"}, Optional.empty(), Optional.of(plain), Map.of(),
                props())).isEmpty();
    }

    @Test
    void anArchiveAnotherJvmWroteOrNoArchiveIsLeftAlone() throws IOException {
        Properties other = new Properties();
        other.putAll(props());
        other.setProperty("java.vm.version", "99.0.1+1");
        assertThat(ArchiveRelaunch.madeByThisVm(archive, props())).isTrue();
        assertThat(ArchiveRelaunch.madeByThisVm(archive, other)).isFalse();
        Path notAnArchive = dir.resolve("lonely.jsa");
        Files.writeString(notAnArchive, "not an archive");
        assertThat(ArchiveRelaunch.madeByThisVm(notAnArchive, props())).isFalse();
        assertThat(ArchiveRelaunch.madeByThisVm(dir.resolve("missing.jsa"), props())).isFalse();
        assertThat(ArchiveRelaunch.archiveOf(Path.of("/x/flatkey-migrate.jar"))).isEqualTo(Path.of("/x/flatkey-migrate.jsa"));
    }

    @Test
    void theSecondJvmRunsTheCommandAndItsExitCodeIsTheFirstOnes() throws Exception {
        Process p = new ProcessBuilder(JAVA, "-Xmx321m", "-Dprobe.prop=kept", "-jar", jar.toString(), "exit", "7")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(7);
        assertThat(out).contains("launchedBy=" + p.pid()).contains("prop=kept").doesNotContain("pid=" + p.pid() + " ");
        ProcessBuilder off = new ProcessBuilder(JAVA, "-jar", jar.toString(), "exit", "5").redirectErrorStream(true);
        off.environment().put(ArchiveRelaunch.SWITCH, "0");
        Process q = off.start();
        String here = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(q.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(q.exitValue()).isEqualTo(5);
        assertThat(here).contains("pid=" + q.pid() + " launchedBy=null");
    }

    @Test
    void aSigtermToTheFirstJvmStopsTheSecondThroughItsOwnStopAndTheFirstWaitsForIt() throws Exception {
        Path stopped = dir.resolve("stopped-term.txt");
        Process p = new ProcessBuilder(JAVA, "-jar", jar.toString(), "wait", stopped.toString())
                .redirectErrorStream(true).start();
        long child = waitingChild(p);
        p.destroy(); // SIGTERM to the first JVM only
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(stopped)).isEqualTo("stopped by " + child);
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(p.exitValue()).isEqualTo(143);
    }

    @Test
    void whenTheFirstJvmIsKilledTheSecondStopsItself() throws Exception {
        Path stopped = dir.resolve("stopped-kill.txt");
        Process p = new ProcessBuilder(JAVA, "-jar", jar.toString(), "wait", stopped.toString())
                .redirectErrorStream(true).start();
        long child = waitingChild(p);
        p.destroyForcibly();
        ProcessHandle second = ProcessHandle.of(child).orElseThrow();
        second.onExit().get(30, TimeUnit.SECONDS);
        assertThat(Files.readString(stopped)).isEqualTo("stopped by " + child);
    }


    /** The second JVM's process ID, once the probe it runs says it waits (the first JVM started it). */
    private static long waitingChild(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertThat(first).contains("launchedBy=" + p.pid());
        assertThat(out.readLine()).isEqualTo("waiting");
        return Long.parseLong(first.replaceFirst("^pid=(\\d+) .*", "$1"));
    }
}
