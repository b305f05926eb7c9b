package ai.flatkey.migrate.export;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON export against its published schema (src/main/resources/…/plan-export.schema.json). */
class PlanJsonSchemaTest {
    private static MiniSchemaValidator validator;
    private static JsonObject schema;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = PlanJson.class.getResourceAsStream(PlanJson.SCHEMA_RESOURCE)) {
            assertThat(in).as("schema on the classpath").isNotNull();
            schema = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
        validator = new MiniSchemaValidator(schema);
    }

    private static JsonObject export(ai.flatkey.migrate.plan.MigrationPlan plan) {
        return JsonParser.parseString(PlanJson.render(plan, ExportFixtures.NOW, ExportFixtures.GENERATOR)).getAsJsonObject();
    }

    @Test
    void theSchemaIsInTheSourceTreeAndNamesItsVersion() throws IOException {
        Path src = Path.of("src/main/resources" + PlanJson.SCHEMA_RESOURCE);
        assertThat(Files.readString(src)).isEqualTo(schema.toString().isEmpty() ? "" : Files.readString(src));
        assertThat(schema.get("$id").getAsString()).endsWith(":" + PlanJson.FORMAT_VERSION);
        assertThat(schema.getAsJsonObject("properties").getAsJsonObject("format").get("const").getAsString()).isEqualTo(PlanJson.FORMAT);
        assertThat(schema.getAsJsonObject("properties").getAsJsonObject("formatVersion").get("const").getAsInt()).isEqualTo(PlanJson.FORMAT_VERSION);
    }

    @Test
    void everyFixtureValidates() {
        assertThat(validator.validate(export(ExportFixtures.full()))).isEmpty();
        assertThat(validator.validate(export(ExportFixtures.empty()))).isEmpty();
        assertThat(validator.validate(export(ExportFixtures.hostile()))).isEmpty();
    }

    @Test
    void aPlanWithoutARunSaysNotRun() {
        JsonObject doc = export(ExportFixtures.empty());
        assertThat(doc.getAsJsonObject("summary").get("verdict").getAsString()).isEqualTo("not-run");
        assertThat(doc.get("smoke").isJsonNull()).isTrue();
        assertThat(doc.getAsJsonObject("reconciliation").get("status").getAsString()).isEqualTo("not-verified");
        assertThat(doc.getAsJsonObject("config").getAsJsonObject("new").get("FLATKEY_API_KEY").getAsString()).isEmpty();
    }

    @Test
    void summaryCountsTheLatestRun() {
        JsonObject s = export(ExportFixtures.full()).getAsJsonObject("summary");
        assertThat(s.get("verdict").getAsString()).isEqualTo("fail");
        assertThat(s.get("checks").getAsInt()).isEqualTo(8);
        assertThat(s.get("passed").getAsInt()).isEqualTo(4);
        assertThat(s.get("failed").getAsInt()).isEqualTo(2);
        assertThat(s.get("unsupported").getAsInt()).isEqualTo(1);
        assertThat(s.get("errors").getAsInt()).isEqualTo(1);
    }

    @Test
    void reconciliationStatesAreDistinct() {
        JsonObject full = export(ExportFixtures.full()).getAsJsonObject("reconciliation");
        assertThat(full.get("status").getAsString()).isEqualTo("mismatch");
        assertThat(full.getAsJsonArray("requests")).hasSize(4);
        assertThat(full.get("quotaDropUsd").getAsDouble()).isCloseTo(0.00064, org.assertj.core.data.Offset.offset(1e-9));

        var plan = ExportFixtures.full().withReconciliation(null);
        JsonObject none = export(plan).getAsJsonObject("reconciliation");
        assertThat(none.get("status").getAsString()).isEqualTo("not-verified");
        assertThat(none.getAsJsonArray("requests")).allSatisfy(r -> assertThat(r.getAsJsonObject().get("status").getAsString()).isEqualTo("not-checked"));
        assertThat(validator.validate(export(plan))).isEmpty();

        var rec = ExportFixtures.full().reconciliation();
        var matched = new ai.flatkey.migrate.plan.Reconciliation(rec.runStartedAt(), rec.checkedAt(), rec.source(),
                java.util.List.of(rec.rows().get(0), rec.rows().get(3)), null, null, null, java.util.List.of(), "");
        assertThat(export(ExportFixtures.full().withReconciliation(matched)).getAsJsonObject("reconciliation").get("status").getAsString())
                .isEqualTo("matched");
        var pending = new ai.flatkey.migrate.plan.Reconciliation(rec.runStartedAt(), rec.checkedAt(), rec.source(),
                java.util.List.of(rec.rows().get(0), rec.rows().get(2)), null, null, null, java.util.List.of(), "");
        assertThat(export(ExportFixtures.full().withReconciliation(pending)).getAsJsonObject("reconciliation").get("status").getAsString())
                .isEqualTo("pending");
    }

    @Test
    void compareModeAndRepeatStatsAreExported() {
        JsonObject doc = export(ExportFixtures.full());
        assertThat(doc.getAsJsonArray("comparisons")).hasSize(4);
        assertThat(doc.getAsJsonObject("sourceRun").get("targetBaseUrl").getAsString()).isEqualTo("https://api.openai.com/v1");
        assertThat(doc.getAsJsonObject("smoke").getAsJsonArray("results").get(1).getAsJsonObject().getAsJsonObject("stats")
                .get("totalP95Ms").getAsLong()).isEqualTo(700);
        assertThat(doc.get("budgetUsd").getAsDouble()).isEqualTo(5.0);
        assertThat(doc.getAsJsonArray("confirmations")).hasSize(1);
        JsonObject check = doc.getAsJsonArray("requestChecks").get(0).getAsJsonObject();
        assertThat(check.get("name").getAsString()).isEqualTo("refund-policy");
        assertThat(check.getAsJsonObject("body").get("temperature").getAsInt()).isZero();
        assertThat(check.getAsJsonArray("assert").get(1).toString()).isEqualTo("{\"contains\":\"refund\",\"ignore-case\":true}");
        JsonObject result = doc.getAsJsonObject("smoke").getAsJsonArray("results").get(6).getAsJsonObject();
        assertThat(result.get("checkId").getAsString()).isEqualTo("request:refund-policy");
        assertThat(result.getAsJsonArray("assertions")).hasSize(4);
        assertThat(result.getAsJsonArray("assertions").get(1).getAsJsonObject().get("status").getAsString()).isEqualTo("fail");
        assertThat(result.getAsJsonArray("assertions").get(1).getAsJsonObject().get("ruleId").getAsString())
                .isEqualTo("ASSERT-CONTAINS");
        assertThat(result.getAsJsonArray("otherRequests").toString()).isEqualTo(
                "[{\"model\":\"gpt-5.5\",\"requestId\":\"req_request_2\",\"promptTokens\":20,\"completionTokens\":11}]");
        assertThat(doc.getAsJsonObject("smoke").getAsJsonArray("results").get(0).getAsJsonObject()
                .getAsJsonArray("otherRequests")).isEmpty();
    }

    @Test
    void theValidatorRejectsWhatTheSchemaForbids() {
        JsonObject doc = export(ExportFixtures.full());

        JsonObject missing = doc.deepCopy();
        missing.remove("summary");
        assertThat(validator.validate(missing)).anyMatch(e -> e.contains("missing required property 'summary'"));

        JsonObject extra = doc.deepCopy();
        extra.getAsJsonObject("config").getAsJsonObject("new").addProperty("OPENAI_API_KEY", "x");
        assertThat(validator.validate(extra)).anyMatch(e -> e.contains("'OPENAI_API_KEY' is not allowed"));

        JsonObject keyFilled = doc.deepCopy();
        keyFilled.getAsJsonObject("config").getAsJsonObject("new").addProperty("FLATKEY_API_KEY", "sk-test-x");
        assertThat(validator.validate(keyFilled)).anyMatch(e -> e.startsWith("$.config.new.FLATKEY_API_KEY"));

        JsonObject badEnum = doc.deepCopy();
        badEnum.getAsJsonObject("summary").addProperty("verdict", "green");
        assertThat(validator.validate(badEnum)).anyMatch(e -> e.contains("\"green\" is not one of"));

        JsonObject badType = doc.deepCopy();
        badType.getAsJsonObject("smoke").getAsJsonArray("results").get(1).getAsJsonObject().addProperty("ttftMs", "fast");
        assertThat(validator.validate(badType)).anyMatch(e -> e.startsWith("$.smoke.results[1].ttftMs: expected type"));

        JsonObject fraction = doc.deepCopy();
        fraction.getAsJsonObject("summary").addProperty("checks", 1.5);
        assertThat(validator.validate(fraction)).anyMatch(e -> e.startsWith("$.summary.checks"));

        JsonObject negative = doc.deepCopy();
        negative.getAsJsonObject("summary").addProperty("passed", -1);
        assertThat(validator.validate(negative)).anyMatch(e -> e.contains("below the minimum"));

        JsonObject badTime = doc.deepCopy();
        badTime.addProperty("generatedAt", "yesterday");
        assertThat(validator.validate(badTime)).anyMatch(e -> e.startsWith("$.generatedAt"));

        JsonObject wrongVersion = doc.deepCopy();
        wrongVersion.addProperty("formatVersion", 1);
        assertThat(validator.validate(wrongVersion)).anyMatch(e -> e.startsWith("$.formatVersion"));
    }

    @Test
    void theValidatorRefusesKeywordsItDoesNotImplement() {
        JsonObject s = JsonParser.parseString("{\"type\":\"object\",\"oneOf\":[]}").getAsJsonObject();
        JsonElement doc = JsonParser.parseString("{}");
        assertThat(new MiniSchemaValidator(s).validate(doc)).anyMatch(e -> e.contains("'oneOf' is not supported"));
    }
}
