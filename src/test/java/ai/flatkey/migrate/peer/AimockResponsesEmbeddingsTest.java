package ai.flatkey.migrate.peer;

import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.ClientConfig;
import ai.flatkey.migrate.wire.Embedding;
import ai.flatkey.migrate.wire.EmbeddingsRequest;
import ai.flatkey.migrate.wire.EmbeddingsResult;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.ResponseEvent;
import ai.flatkey.migrate.wire.ResponsesRequest;
import ai.flatkey.migrate.wire.ResponsesResult;
import ai.flatkey.migrate.wire.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code wire/}'s Responses API and embeddings calls against aimock. */
@ExtendWith(AimockExtension.class)
class AimockResponsesEmbeddingsTest {
    private static final String HELLO = "Hello from aimock, a server nobody on this project wrote.";
    private static OpenAiClient client;

    @BeforeAll
    static void connect(Aimock aimock) {
        client = new OpenAiClient(OpenAiClient.newHttpClient(), ClientConfig.of(aimock.baseUrl(), Aimock.KEY));
    }

    @Test
    void responsesPlain() throws Exception {
        ResponsesResult r = client.responses(ResponsesRequest.simple("gpt-4o-mini", "say hello", false),
                new Cancellation());
        assertThat(r.object()).isEqualTo("response");
        assertThat(r.status()).isEqualTo("completed");
        assertThat(r.outputText()).isEqualTo(HELLO);
        assertThat(r.output()).hasSize(1);
        assertThat(r.usage()).isEqualTo(new Usage(9, 12, 21));
        assertThat(r.id()).startsWith("resp-");
        assertThat(r.streamed()).isFalse();
        assertThat(r.transcript().url()).endsWith("/v1/responses");
    }

    @Test
    void responsesWithInstructionsAndMessages() throws Exception {
        ResponsesRequest request = new ResponsesRequest("gpt-4o-mini", null,
                List.of(ai.flatkey.migrate.wire.ChatMessage.user("say hello")), "Be brief.", false, 64, 0.0, Map.of());
        ResponsesResult r = client.responses(request, new Cancellation());
        assertThat(r.outputText()).isEqualTo(HELLO);
        assertThat(r.transcript().requestBody()).contains("\"instructions\":\"Be brief.\"")
                .contains("\"max_output_tokens\":64");
    }

    @Test
    void responsesStreamedTypedEvents() throws Exception {
        List<ResponseEvent> seen = new ArrayList<>();
        ResponsesResult r = client.streamResponses(ResponsesRequest.simple("gpt-4o-mini", "say hello", true),
                seen::add, new Cancellation());
        assertThat(r.streamed()).isTrue();
        assertThat(r.terminalEvent()).isEqualTo("response.completed");
        assertThat(r.status()).isEqualTo("completed");
        assertThat(r.outputText()).isEqualTo(HELLO);
        assertThat(r.eventTypes()).startsWith("response.created", "response.in_progress").endsWith("response.completed")
                .contains("response.output_text.delta", "response.output_text.done");
        assertThat(seen).extracting(ResponseEvent::type).isEqualTo(r.eventTypes());
        String deltas = String.join("", seen.stream().filter(e -> e.type().equals("response.output_text.delta"))
                .map(ResponseEvent::delta).toList());
        assertThat(deltas).isEqualTo(HELLO);
        assertThat(seen).allSatisfy(e -> assertThat(e.eventName()).isEqualTo(e.type()));
        // aimock 1.43.0 sends no sequence_number; the client reports that instead of inventing one.
        assertThat(r.sequenceNumbersIncrease()).isFalse();
        assertThat(r.usage()).isEqualTo(new Usage(9, 12, 21));
    }

    @Test
    void embeddingsFloat() throws Exception {
        EmbeddingsResult r = client.embeddings(EmbeddingsRequest.of("text-embedding-3-small", "hello world", "float"),
                new Cancellation());
        assertThat(r.object()).isEqualTo("list");
        assertThat(r.model()).isEqualTo("text-embedding-3-small");
        assertThat(r.data()).containsExactly(new Embedding(0, new float[] {0.25f, -0.5f, 0.75f, 1.0f}, "float"));
        assertThat(r.encodingHonoured()).isTrue();
        assertThat(r.usage()).isNotNull();
    }

    @Test
    void embeddingsOfSeveralInputsKeepTheirIndexes() throws Exception {
        EmbeddingsResult r = client.embeddings(new EmbeddingsRequest("text-embedding-3-small",
                List.of("first unmatched text", "second unmatched text"), null, 16, Map.of()), new Cancellation());
        // No fixture matches: aimock answers with deterministic vectors of the asked dimensions.
        assertThat(r.data()).extracting(Embedding::index).containsExactly(0, 1);
        assertThat(r.data()).allSatisfy(e -> assertThat(e.dimensions()).isEqualTo(16));
        assertThat(r.data().get(0)).isNotEqualTo(r.data().get(1));
        EmbeddingsResult again = client.embeddings(new EmbeddingsRequest("text-embedding-3-small",
                List.of("first unmatched text", "second unmatched text"), null, 16, Map.of()), new Cancellation());
        assertThat(again.data()).isEqualTo(r.data());
    }

    @Test
    void base64AskedButFloatAnsweredIsReportedNotHidden() throws Exception {
        // aimock ignores encoding_format and always answers float arrays: the client must say so, not fail.
        EmbeddingsResult r = client.embeddings(EmbeddingsRequest.of("text-embedding-3-small", "hello world", "base64"),
                new Cancellation());
        assertThat(r.encodingRequested()).isEqualTo("base64");
        assertThat(r.encodingsReceived()).containsExactly("float");
        assertThat(r.encodingHonoured()).isFalse();
        assertThat(r.data().get(0).vector()).containsExactly(0.25f, -0.5f, 0.75f, 1.0f);
        assertThat(r.transcript().requestBody()).contains("\"encoding_format\":\"base64\"");
    }
}
