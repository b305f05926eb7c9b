package ai.flatkey.migrate.scan;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.List;

/** The findings file written by {@code flatkey-migrate scan --json}: stats, findings, call sites and proposals. Keys are always masked. */
public final class ScanJson {

    /** Version of this file's layout. */
    public static final int FORMAT = 1;

    private final Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    public String render(ScanResult scan, List<Proposal> proposals) {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("root", scan.root());
        root.add("stats", gson.toJsonTree(scan.stats()));
        JsonArray findings = new JsonArray();
        for (Finding f : scan.findings()) {
            JsonObject o = new JsonObject();
            o.addProperty("id", f.id());
            o.addProperty("file", f.file());
            o.addProperty("line", f.line());
            o.addProperty("kind", f.kind().label());
            o.addProperty("risk", f.kind().isRisk());
            o.addProperty("field", f.field().path());
            o.addProperty("value", f.value());
            o.addProperty("confidence", f.confidence().name().toLowerCase(java.util.Locale.ROOT));
            o.addProperty("snippet", f.snippet());
            o.addProperty("detail", f.detail());
            o.addProperty("provider", f.provider());
            findings.add(o);
        }
        root.add("findings", findings);
        root.add("calls", gson.toJsonTree(scan.calls()));
        root.add("proposals", gson.toJsonTree(proposals));
        return gson.toJson(root) + "\n";
    }
}
