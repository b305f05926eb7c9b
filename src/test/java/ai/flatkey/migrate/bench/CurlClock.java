package ai.flatkey.migrate.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * curl's own clock for one request ({@code -w '%{time_connect} %{time_appconnect} %{time_starttransfer}
 * %{time_total}'}): what a
 * person measuring a gateway by hand sees, to put beside the client's figures. The key goes in a header file on
 * curl's standard input, never on its command line.
 */
public final class CurlClock {

    /**
     * One curl measurement, in milliseconds.
     *
     * @param sentToLastByteMs from the end of connect (the request going out) to the last byte: the figure comparable
     *                         with the client's network-layer {@code totalMs}
     * @param ttfbMs           from the request going out to the first byte of the answer
     * @param totalMs          curl's whole time, connect included
     */
    public record Times(double sentToLastByteMs, double ttfbMs, double totalMs) {
    }

    private CurlClock() {
    }

    public static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Paths.get(dir, "curl"))) {
                return true;
            }
        }
        return false;
    }

    /** {@code GET url} (body null) or {@code POST url} with a JSON body; {@code stream} asks for SSE. */
    public static Times measure(String url, String key, String jsonBody, boolean stream) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-o", "/dev/null", "-w",
                "%{time_connect} %{time_appconnect} %{time_starttransfer} %{time_total}", "-H", "@-", "-H",
                "Accept: " + (stream ? "text/event-stream" : "application/json")));
        if (stream) {
            cmd.add("-N");
        }
        if (jsonBody != null) {
            cmd.addAll(List.of("-H", "Content-Type: application/json", "--data-binary", jsonBody));
        }
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().write(("Authorization: Bearer " + key + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("curl failed (" + out + ")");
        }
        String[] f = out.split(" ");
        // From the end of connect (and TLS): curl's time_pretransfer is taken after a small request is already out.
        double pre = Math.max(Double.parseDouble(f[0]), Double.parseDouble(f[1])) * 1000;
        double start = Double.parseDouble(f[2]) * 1000;
        double total = Double.parseDouble(f[3]) * 1000;
        return new Times(total - pre, start - pre, total);
    }

    public static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    public static String ms(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
