package ai.flatkey.migrate.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schema checks request checks rely on: what a schema's problem reads like, and what an answer's violations say. */
class JsonSchemasTest {

    private static JsonObject schema(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }

    private static JsonElement json(String json) {
        return JsonParser.parseString(json);
    }

    @Test
    void aUsableSchemaHasNoProblem() {
        assertThat(JsonSchemas.problem(schema("{\"type\":\"object\",\"properties\":{\"city\":{\"$ref\":\"#/$defs/name\"}},"
                + "\"$defs\":{\"name\":{\"type\":\"string\",\"minLength\":1}},\"required\":[\"city\"]}"))).isNull();
        assertThat(JsonSchemas.problem(json("true"))).isNull();
    }

    @Test
    void aSchemaThatBreaksItsMetaSchemaIsNamedByPlaceWithoutTheCombinatorsNoise() {
        String problem = JsonSchemas.problem(schema("{\"type\":\"strin\",\"minimum\":\"x\"}"));
        assertThat(problem).startsWith("not a valid JSON Schema: ").contains("$.type: ").contains("$.minimum: ")
                .doesNotContain("allOf").doesNotContain("indexes").doesNotContain("[[");
    }

    @Test
    void notAnObjectAnUnknownDraftAndARemoteRefAreRefusedInWords() {
        assertThat(JsonSchemas.problem(json("[1]"))).isEqualTo("a JSON Schema is an object (or true/false), not a list");
        assertThat(JsonSchemas.problem(schema("{\"$schema\":\"https://example.com/mine\"}")))
                .contains("unknown draft (https://example.com/mine)");
        assertThat(JsonSchemas.problem(schema("{\"properties\":{\"a\":{\"$ref\":\"https://example.com/a.json\"}}}")))
                .contains("could not be resolved (https://example.com/a.json)").contains("not fetched");
    }

    @Test
    void theDraftTheSchemaNamesDecides() {
        // exclusiveMinimum is a boolean in draft 4 and a number from draft 6 on
        assertThat(JsonSchemas.problem(schema("{\"$schema\":\"http://json-schema.org/draft-04/schema#\","
                + "\"exclusiveMinimum\":3}"))).startsWith("not a valid JSON Schema");
        JsonObject draft7 = schema("{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"exclusiveMinimum\":3}");
        assertThat(JsonSchemas.problem(draft7)).isNull();
        assertThat(JsonSchemas.violations(draft7, json("3"))).hasSize(1).first().asString().startsWith("$: ");
        assertThat(JsonSchemas.violations(draft7, json("4"))).isEmpty();
    }

    @Test
    void violationsNameThePlaceAndAreCappedAtFive() {
        JsonObject s = schema("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
        assertThat(JsonSchemas.violations(s, json("{\"city\":\"Paris\"}"))).isEmpty();
        assertThat(JsonSchemas.violations(s, json("{\"city\":5}"))).singleElement().asString().startsWith("$.city: ");
        JsonObject many = schema("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}");
        List<String> found = JsonSchemas.violations(many, json("{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7}"));
        assertThat(found).hasSize(6).last().isEqualTo("and 2 more");
    }

    @Test
    void twoSchemasWithTheSameIdNeverStandInForEachOther() {
        JsonObject text = schema("{\"$id\":\"https://example.com/answer\",\"type\":\"string\"}");
        JsonObject number = schema("{\"$id\":\"https://example.com/answer\",\"type\":\"integer\"}");
        assertThat(JsonSchemas.violations(text, json("\"a\""))).isEmpty();
        assertThat(JsonSchemas.violations(number, json("3"))).isEmpty();
        assertThat(JsonSchemas.violations(text, json("3"))).hasSize(1);
        assertThat(JsonSchemas.violations(number, json("\"a\""))).hasSize(1);
    }

    @Test
    void aSchemaThatCannotBeUsedIsAnIllegalArgumentWhenAnAnswerIsChecked() {
        assertThatThrownBy(() -> JsonSchemas.violations(schema("{\"type\":\"strin\"}"), json("1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a valid JSON Schema");
    }

    @Test
    void manyThreadsCheckingManySchemasAgreeWithOneThread() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = IntStream.range(0, 400).mapToObj(i -> pool.submit(() -> {
                JsonObject s = schema("{\"type\":\"object\",\"properties\":{\"n\":{\"const\":" + (i % 40) + "}}}");
                return JsonSchemas.violations(s, json("{\"n\":" + (i % 40) + "}")).isEmpty()
                        && JsonSchemas.violations(s, json("{\"n\":" + (i % 40 + 1) + "}")).size() == 1;
            })).toList();
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
