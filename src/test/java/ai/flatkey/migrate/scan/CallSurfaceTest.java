package ai.flatkey.migrate.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21, item 4: LiteLLM's whole surface (each request function, sync and async, as {@code litellm.x(…)}, as an
 * imported name, under an alias, through a module alias, with the request in a {@code **kwargs} dictionary), and the
 * same breadth for the OpenAI SDKs' non-chat calls, so that each endpoint family gets its smoke check proposed.
 */
class CallSurfaceTest {

    @TempDir
    Path tmp;

    private ScanResult scan(String name, String text) throws Exception {
        Files.writeString(tmp.resolve(name), text);
        return CorpusScanTest.scan(tmp);
    }

    /** Every LiteLLM request function, with the family it calls. */
    static Stream<Map.Entry<String, String>> litellmFunctions() {
        return Analyzer.LITELLM_FUNCTIONS.entrySet().stream().sorted(Map.Entry.comparingByKey());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("litellmFunctions")
    void eachLiteLlmFunctionInEachForm(Map.Entry<String, String> fn) throws Exception {
        String name = fn.getKey();
        String family = fn.getValue();
        ScanResult r = scan("agent.py", """
                import litellm
                import litellm as llm
                from litellm import %1$s
                from litellm import (
                    %1$s as aliased,
                )


                def go(x):
                    a = litellm.%1$s(model="openai/gpt-4o-mini", input=x)
                    b = %1$s(model="groq/llama-3.1-8b-instant", input=x)
                    c = aliased(model="mistral/mistral-small-latest", input=x)
                    d = llm.%1$s(model="anthropic/claude-3-5-haiku-latest", input=x)
                    return a, b, c, d
                """.formatted(name));
        assertThat(r.calls()).as(CorpusScanTest.describe(r)).extracting(CallSite::line, CallSite::family, CallSite::sdk, CallSite::provider)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(10, family, "LiteLLM", "OpenAI"),
                        org.assertj.core.groups.Tuple.tuple(11, family, "LiteLLM", "Groq"),
                        org.assertj.core.groups.Tuple.tuple(12, family, "LiteLLM", "Mistral"),
                        org.assertj.core.groups.Tuple.tuple(13, family, "LiteLLM", "Anthropic"));
        if (!family.equals("chat")) {
            assertThat(r.risks()).anyMatch(f -> f.kind() == FindingKind.RISK_NEEDS_SMOKE_CHECK && f.value().equals(family));
        }
        assertThat(Prefill.propose(r)).anyMatch(p -> p.id().equals("endpoint:" + family));
    }

    @Test
    void aRequestInAKwargsDictionaryGivesItsModelAndFeatures() throws Exception {
        ScanResult r = scan("memory.py", """
                from litellm import embedding, completion


                def vectors(texts):
                    params = {"model": "text-embedding-3-small", "input": texts, "encoding_format": "float"}
                    return embedding(**params)


                def answer(q, tools):
                    request = dict(model="gpt-4o-mini", messages=[{"role": "user", "content": q}], tools=tools, stream=True)
                    request["temperature"] = 0
                    return completion(**request)


                def helper(texts):
                    kwargs = {}
                    kwargs["model"] = "text-embedding-3-large"
                    return embedding(input=texts, **kwargs)
                """);
        assertThat(r.calls()).as(CorpusScanTest.describe(r)).extracting(CallSite::family, CallSite::model)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("embeddings", "text-embedding-3-small"),
                        org.assertj.core.groups.Tuple.tuple("chat", "gpt-4o-mini"),
                        org.assertj.core.groups.Tuple.tuple("embeddings", "text-embedding-3-large"));
        assertThat(r.calls().get(1).features()).contains("chat", "tools", "streaming");
        assertThat(r.findings()).anyMatch(f -> f.kind() == FindingKind.MODEL && f.value().equals("text-embedding-3-small") && f.line() == 5);
        List<Proposal> ps = Prefill.propose(r);
        assertThat(ps).anySatisfy(p -> {
            assertThat(p.id()).isEqualTo("mapping:text-embedding-3-small");
            assertThat(p.features()).containsExactly("embeddings");
        });
    }

    @Test
    void aFunctionOfTheSameNameThatIsNotLiteLlmsIsNoCall() throws Exception {
        ScanResult r = scan("helpers.py", """
                from litellm import completion as llm_completion


                def completion(text):
                    return text.strip()


                def embedding(x):
                    return [0.0]


                print(completion(" hi "), embedding("x"))
                answer = llm_completion(model="gpt-4o-mini", messages=[])
                """);
        assertThat(r.calls()).as(CorpusScanTest.describe(r)).singleElement().satisfies(c -> {
            assertThat(c.line()).isEqualTo(13);
            assertThat(c.model()).isEqualTo("gpt-4o-mini");
        });
    }

    /** The OpenAI SDKs' calls other than chat, per language: file name, source, expected families in order. */
    static Stream<List<Object>> sdkSurfaces() {
        return Stream.of(
                List.of("media.py", """
                        from openai import OpenAI
                        client = OpenAI()
                        client.embeddings.create(model="text-embedding-3-small", input="x")
                        client.images.generate(model="gpt-image-1", prompt="x")
                        client.images.edit(model="gpt-image-1", image=f, prompt="x")
                        client.audio.transcriptions.create(model="whisper-1", file=f)
                        client.audio.translations.create(model="whisper-1", file=f)
                        client.audio.speech.create(model="tts-1", voice="alloy", input="x")
                        client.audio.speech.with_streaming_response.create(model="tts-1", voice="alloy", input="x")
                        client.moderations.create(model="omni-moderation-latest", input="x")
                        client.responses.create(model="gpt-4.1", input="x")
                        """, List.of("embeddings", "images", "images", "audio", "audio", "audio", "audio", "moderations", "responses")),
                List.of("media.ts", """
                        import OpenAI from "openai";
                        const client = new OpenAI();
                        await client.embeddings.create({ model: "text-embedding-3-small", input: "x" });
                        await client.images.generate({ model: "gpt-image-1", prompt: "x" });
                        await client.images.createVariation({ model: "dall-e-2", image });
                        await client.audio.speech.create({ model: "tts-1", voice: "alloy", input: "x" });
                        await client.moderations.create({ model: "omni-moderation-latest", input: "x" });
                        """, List.of("embeddings", "images", "images", "audio", "moderations")),
                List.of("Media.java", """
                        import com.openai.client.OpenAIClient;
                        class Media {
                            void go(OpenAIClient client) {
                                client.embeddings().create(e);
                                client.images().generate(i);
                                client.audio().transcriptions().create(t);
                                client.audio().speech().create(s);
                                client.moderations().create(m);
                            }
                        }
                        """, List.of("embeddings", "images", "audio", "audio", "moderations")),
                List.of("media.go", """
                        package main
                        import openai "github.com/sashabaranov/go-openai"
                        func main() {
                            client.CreateEmbeddings(ctx, req)
                            client.CreateImage(ctx, req)
                            client.CreateTranscription(ctx, req)
                            client.CreateSpeech(ctx, req)
                            client.Moderations(ctx, req)
                        }
                        """, List.of("embeddings", "images", "audio", "audio", "moderations")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sdkSurfaces")
    void theOpenAiSdksNonChatCalls(List<Object> c) throws Exception {
        ScanResult r = scan((String) c.get(0), (String) c.get(1));
        @SuppressWarnings("unchecked")
        List<String> families = (List<String>) c.get(2);
        assertThat(r.calls()).as(CorpusScanTest.describe(r)).extracting(CallSite::family).containsExactlyElementsOf(families);
        List<String> checks = new ArrayList<>(r.risks().stream().filter(f -> f.kind() == FindingKind.RISK_NEEDS_SMOKE_CHECK)
                .map(Finding::value).toList());
        assertThat(checks).containsAll(families.stream().distinct().toList());
        assertThat(Prefill.propose(r).stream().filter(p -> p.target() == Proposal.Target.ENDPOINT).map(Proposal::value))
                .containsExactlyInAnyOrderElementsOf(families.stream().distinct().toList());
    }
}
