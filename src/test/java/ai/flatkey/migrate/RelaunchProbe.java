package ai.flatkey.migrate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * A stand-in for {@link Main} in a small jar that {@link ArchiveRelaunchTest} builds: relaunches as Main does, then
 * says where it runs; {@code exit N} exits with N, {@code wait FILE} waits to be stopped and writes FILE when it is.
 */
public final class RelaunchProbe {
    private RelaunchProbe() {
    }

    public static void main(String[] args) throws Exception {
        OptionalInt relaunched = ArchiveRelaunch.runIfFaster(args);
        if (relaunched.isPresent()) {
            System.exit(relaunched.getAsInt());
        }
        System.out.println("pid=" + ProcessHandle.current().pid() + " launchedBy="
                + System.getProperty(ArchiveRelaunch.LAUNCHED_BY) + " xmx=" + Runtime.getRuntime().maxMemory()
                + " prop=" + System.getProperty("probe.prop"));
        System.out.flush();
        if (args[0].equals("exit")) {
            System.exit(Integer.parseInt(args[1]));
        }
        Path stopped = Path.of(args[1]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.writeString(stopped, "stopped by " + ProcessHandle.current().pid());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        System.out.println("waiting");
        System.out.flush();
        Thread.sleep(60_000);
        System.exit(3);
    }
}
