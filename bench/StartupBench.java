import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up benchmark driver (run with {@code java bench/StartupBench.java}, JDK 11+ source launcher).
 * Arguments: {@code --runs N} then one or more {@code NAME=COMMAND} (the command split on spaces). Every command
 * must print {@code first-frame <epoch microseconds>} on its first frame. The variants are run interleaved
 * (A B C A B C …) after one warm-up round; each sample is the wall time from just before the process is
 * started to the printed first frame. Prints a table of median / min / max and the ratio of each median to the
 * first variant's. On Linux it also reads each process's CPU time (user + system, all threads, from /proc) at the
 * moment the line arrives: less disturbed than wall time when other work shares the machine.
 */
public final class StartupBench {

    public static void main(String[] args) throws Exception {
        int runs = 15;
        Map<String, List<String>> commands = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs")) {
                runs = Integer.parseInt(args[++i]);
            } else {
                int eq = args[i].indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("Expected NAME=COMMAND, got: " + args[i]);
                }
                commands.put(args[i].substring(0, eq), Arrays.asList(args[i].substring(eq + 1).trim().split("\\s+")));
            }
        }
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("Usage: StartupBench [--runs N] NAME=COMMAND ...");
        }
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        commands.keySet().forEach(k -> samples.put(k, new ArrayList<>()));
        commands.keySet().forEach(k -> cpu.put(k, new ArrayList<>()));
        for (var e : commands.entrySet()) {
            once(e.getKey(), e.getValue(), new ArrayList<>()); // warm-up: file cache, fontconfig cache
        }
        for (int r = 0; r < runs; r++) {
            for (var e : commands.entrySet()) {
                samples.get(e.getKey()).add(once(e.getKey(), e.getValue(), cpu.get(e.getKey())));
            }
        }
        String first = commands.keySet().iterator().next();
        double base = median(samples.get(first));
        System.out.printf(Locale.ROOT, "%nLaunch -> first frame, %d runs each (ms)%n", runs);
        int measured = runs;
        boolean haveCpu = cpu.values().stream().allMatch(l -> l.size() == measured);
        double cpuBase = haveCpu ? median(cpu.get(first)) : 0;
        System.out.printf(Locale.ROOT, "%-16s %9s %9s %9s %10s %10s %10s%n", "variant", "median", "min", "max",
                "ratio", "CPU median", "CPU ratio");
        for (var e : samples.entrySet()) {
            List<Double> s = e.getValue();
            List<Double> c = cpu.get(e.getKey());
            System.out.printf(Locale.ROOT, "%-16s %9.0f %9.0f %9.0f %9.2fx %10s %10s%n", e.getKey(), median(s),
                    s.stream().mapToDouble(d -> d).min().orElse(0), s.stream().mapToDouble(d -> d).max().orElse(0),
                    median(s) / base, haveCpu ? String.format(Locale.ROOT, "%.0f", median(c)) : "-",
                    haveCpu ? String.format(Locale.ROOT, "%.2fx", median(c) / cpuBase) : "-");
        }
        System.out.println("(wall and CPU times in ms; ratios of medians vs " + first + ")");
    }

    private static double once(String name, List<String> command, List<Double> cpu)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        Instant start = Instant.now();
        long t0 = start.getEpochSecond() * 1_000_000L + start.getNano() / 1_000;
        Process p = pb.start();
        Long frame = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("first-frame ")) {
                    frame = Long.parseLong(line.substring("first-frame ".length()).trim());
                    cpuMillis(p.pid()).ifPresent(cpu::add);
                    break;
                }
            }
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
        if (frame == null) {
            throw new IllegalStateException(name + ": no first-frame line from " + String.join(" ", command)
                    + " (exit " + p.exitValue() + ")");
        }
        return (frame - t0) / 1000.0;
    }

    /** utime + stime of a process (all its threads), from /proc/PID/stat; empty where there is no /proc. */
    private static java.util.OptionalDouble cpuMillis(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
            return java.util.OptionalDouble.of(ticks * 1000.0 / 100); // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return java.util.OptionalDouble.empty();
        }
    }

    private static double median(List<Double> s) {
        double[] a = s.stream().mapToDouble(d -> d).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private StartupBench() {
    }
}
