package ai.flatkey.migrate.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 21, item 3: no finding from an import path, a type name or a comment. */
class FalseFindingsTest {

    @TempDir
    Path tmp;

    private ScanResult scan(String name, String text) throws Exception {
        Path f = tmp.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return CorpusScanTest.scan(tmp);
    }

    @Test
    void anImportPathIsNeitherABaseUrlNorADirectHttpCall() throws Exception {
        ScanResult r = scan("chat.ts", """
                import OpenAI from "openai";
                import type { ChatCompletionMessageParam } from "openai/resources/chat/completions.mjs";
                import { Embeddings } from 'openai/resources/embeddings';
                export type { Completions } from "openai/resources/chat/completions";
                const { Responses } = require("openai/resources/responses/responses.js");
                type Params = import("openai/resources/chat/completions").ChatCompletionCreateParams;
                const lazy = await import("openai/resources/images.mjs");
                export const openai = new OpenAI();
                """);
        assertThat(r.findings()).as(CorpusScanTest.describe(r))
                .noneMatch(f -> f.kind() == FindingKind.BASE_URL)
                .noneMatch(f -> f.kind() == FindingKind.CALL)
                .noneMatch(f -> f.value().equals("Direct HTTP"));
        assertThat(r.calls()).isEmpty();
        assertThat(r.findings()).anyMatch(f -> f.kind() == FindingKind.SDK && f.value().equals("Node openai") && f.line() == 2);
    }

    @Test
    void aTypeAnnotationIsNoBaseUrlButAnAnnotatedDefaultIs() throws Exception {
        Files.writeString(tmp.resolve("types.ts"), """
                import OpenAI from "openai";
                export interface ProviderConfig {
                  baseURL: string;
                  base_url: string | undefined;
                  apiKey?: string;
                }
                export const client = new OpenAI({ baseURL: process.env.LLM_BASE_URL });
                """);
        ScanResult r = scan("settings.py", """
                from dataclasses import dataclass
                from openai import OpenAI

                @dataclass
                class LlmSettings:
                    base_url: str
                    api_base: Optional[str] = None
                class GroqSettings:
                    base_url: str = "https://api.groq.com/openai/v1"

                client = OpenAI()
                """);
        assertThat(r.findings()).as(CorpusScanTest.describe(r))
                .noneMatch(f -> f.kind() == FindingKind.BASE_URL && f.value().matches("str|string|string \\| undefined|Optional\\[str\\]|None"))
                .anyMatch(f -> f.kind() == FindingKind.BASE_URL && f.file().equals("settings.py") && f.line() == 9
                        && f.value().equals("https://api.groq.com/openai/v1"))
                .anyMatch(f -> f.kind() == FindingKind.BASE_URL && f.file().equals("types.ts") && f.line() == 7);
        assertThat(r.findings().stream().filter(f -> f.kind() == FindingKind.BASE_URL && f.file().equals("types.ts")))
                .extracting(Finding::line).containsOnly(7);
    }

    @Test
    void aCommentedOutClientOrCallIsNothing() throws Exception {
        ScanResult r = scan("app.py", """
                # Used to be:
                #   client = OpenAI(base_url="https://api.together.xyz/v1")
                #   client.embeddings.create(model="text-embedding-3-large", input=texts)
                \"\"\"litellm.image_generation(model="dall-e-3", prompt=p) once drew the covers.\"\"\"
                from openai import OpenAI

                client = OpenAI()


                def ask(q):
                    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}])
                """);
        assertThat(r.findings()).as(CorpusScanTest.describe(r)).allMatch(f -> f.line() >= 5)
                .noneMatch(f -> f.value().contains("together") || f.value().equals("embeddings") || f.value().equals("images"));
        assertThat(r.calls()).singleElement().satisfies(c -> assertThat(c.family()).isEqualTo("chat"));
    }
}
