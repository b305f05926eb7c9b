package ai.flatkey.migrate.plan;

import ai.flatkey.migrate.export.ChecklistMarkdown;
import ai.flatkey.migrate.export.PlanJson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loader against every wrong type and null, anywhere in a plan: a plan either loads (and then renders) or is
 * refused with a {@link PlanStoreException} whose message names what is wrong — never another exception.
 */
class PlanLoaderFuzzTest {
    private static final String DEMO;

    static {
        try {
            DEMO = Files.readString(Path.of("assets/sample-plans/demo.json"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final List<JsonElement> VALUES = List.of(JsonNull.INSTANCE, new JsonPrimitive(42), new JsonPrimitive(-1.5),
            new JsonPrimitive(""), new JsonPrimitive("x"), new JsonPrimitive(true), new JsonArray(), new JsonObject(),
            arrayOf(JsonNull.INSTANCE), arrayOf(new JsonPrimitive(7)));

    private static JsonArray arrayOf(JsonElement e) {
        JsonArray a = new JsonArray();
        a.add(e);
        return a;
    }

    @Property(tries = 400)
    void aMutatedPlanLoadsOrIsRefusedByName(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int mutations) {
        Random random = new Random(seed);
        JsonObject root = JsonParser.parseString(DEMO).getAsJsonObject();
        for (int i = 0; i < mutations; i++) {
            mutate(root, random);
        }
        String json = root.toString();
        PlanStore store = new PlanStore();
        MigrationPlan plan;
        try {
            plan = store.fromJson(json, "fuzz.json");
        } catch (PlanStoreException e) {
            assertThat(e.getMessage()).startsWith("fuzz.json").doesNotContain("Exception").doesNotContain("\tat ");
            return;
        }
        assertThat(ChecklistMarkdown.render(plan)).isNotBlank();
        assertThat(PlanJson.render(plan, java.time.Instant.parse("2026-12-07T00:00:00Z"), "fuzz")).isNotBlank();
        assertThat(store.toJson(plan)).isNotBlank();
    }

    /** Replaces one value somewhere in the tree (an object field or a list entry) with a value of another shape. */
    private static void mutate(JsonObject root, Random random) {
        List<Runnable> places = new ArrayList<>();
        collect(root, places, random);
        if (!places.isEmpty()) {
            places.get(random.nextInt(places.size())).run();
        }
    }

    private static void collect(JsonElement e, List<Runnable> places, Random random) {
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            for (String key : new ArrayList<>(o.keySet())) {
                if (key.equals("schemaVersion")) {
                    continue;
                }
                places.add(() -> o.add(key, VALUES.get(random.nextInt(VALUES.size())).deepCopy()));
                collect(o.get(key), places, random);
            }
        } else if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                int index = i;
                places.add(() -> a.set(index, VALUES.get(random.nextInt(VALUES.size())).deepCopy()));
                collect(a.get(i), places, random);
            }
        }
    }
}
