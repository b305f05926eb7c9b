package ai.flatkey.migrate.export;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyScrubberTest {

    @Test
    void removesKeyShapedStrings() {
        assertThat(KeyScrubber.text("key sk-test-canary-7Qv2LmX9pR4tZ8wN here")).isEqualTo("key [key removed] here");
        assertThat(KeyScrubber.text("sk-proj-AbCdEf123456_-x")).isEqualTo("[key removed]");
        assertThat(KeyScrubber.text("sk-or-v1-0123456789abcdef")).isEqualTo("[key removed]");
        assertThat(KeyScrubber.text("Authorization: Bearer abc.def-123456")).isEqualTo("Authorization: Bearer [key removed]");
        assertThat(KeyScrubber.text("bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdEFGH")).isEqualTo("bearer [key removed]");
        assertThat(KeyScrubber.text("gsk_abcdefghijklmnop1234")).isEqualTo("[key removed]");
        assertThat(KeyScrubber.text("https://x/v1?key=AIzaSyA1234567890abcdefghijkLMNOP")).isEqualTo("https://x/v1?key=[key removed]");
        assertThat(KeyScrubber.text("{\"api_key\": \"hunter2hunter2\"}")).isEqualTo("{\"api_key\": \"[key removed]\"}");
        assertThat(KeyScrubber.text("x-api-key: abcdef123456")).isEqualTo("x-api-key: [key removed]");
        assertThat(KeyScrubber.text("FLATKEY_API_KEY=abc123def")).isEqualTo("FLATKEY_API_KEY=[key removed]");
        assertThat(KeyScrubber.text("OPENAI_API_KEY='abc123def'")).isEqualTo("OPENAI_API_KEY='[key removed]'");
    }

    @Test
    void keepsReferencesAndOrdinaryText() {
        String curl = "curl -H \"Authorization: Bearer $FLATKEY_API_KEY\" -H 'x-api-key: ${KEY}' \"$OPENAI_BASE_URL/chat/completions\"";
        assertThat(KeyScrubber.text(curl)).isEqualTo(curl);
        assertThat(KeyScrubber.text("FLATKEY_API_KEY=")).isEqualTo("FLATKEY_API_KEY=");
        assertThat(KeyScrubber.text("env:FLATKEY_API_KEY")).isEqualTo("env:FLATKEY_API_KEY");
        assertThat(KeyScrubber.text("max_tokens=400, total_tokens=42, ask-me, task-runner, sk-1")).isEqualTo("max_tokens=400, total_tokens=42, ask-me, task-runner, sk-1");
        assertThat(KeyScrubber.text("gpt-5.5 answered: the sky is blue")).isEqualTo("gpt-5.5 answered: the sky is blue");
        assertThat(KeyScrubber.text(null)).isEmpty();
    }

    @Test
    void scrubsEveryTextOfAPlan() {
        var plan = KeyScrubber.plan(ExportFixtures.hostile());
        assertThat(new ai.flatkey.migrate.plan.PlanStore().toJson(plan)).doesNotContain(ExportFixtures.CANARY)
                .contains("[key removed]");
    }

    @Test
    void keepsTheInventorysProviderRowsAndScrubsTheirText() {
        var row = new ai.flatkey.migrate.plan.SourceProvider("Groq", "https://api.groq.com/openai/v1", "Node openai",
                java.util.List.of("llama-3.3-70b-versatile"), java.util.List.of(), java.util.List.of("chat"), 1, "GROQ_API_KEY", "", "",
                "migrate", "pasted by mistake: " + ExportFixtures.CANARY);
        var plan = ai.flatkey.migrate.plan.MigrationPlan.newPlan("p");
        plan = plan.withInventory(plan.inventory().withProviders(java.util.List.of(row)));
        var scrubbed = KeyScrubber.plan(plan).inventory().providers();
        assertThat(scrubbed).singleElement().satisfies(p -> {
            assertThat(p.notes()).doesNotContain(ExportFixtures.CANARY).contains("[key removed]");
            assertThat(p.models()).containsExactly("llama-3.3-70b-versatile");
            assertThat(p.keyEnv()).isEqualTo("GROQ_API_KEY");
            assertThat(p.decision()).isEqualTo("migrate");
        });
    }
}
