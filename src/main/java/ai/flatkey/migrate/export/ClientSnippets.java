package ai.flatkey.migrate.export;

import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Client snippets that show one config layer: the base URL, key and model come from the environment
 * ({@code OPENAI_BASE_URL}, {@code FLATKEY_API_KEY}, {@code FLATKEY_MODEL}) and nowhere else. Always Python, Node,
 * Java and curl; LangChain, LiteLLM and the Vercel AI SDK too when the inventory's SDK names them. The target base URL
 * appears only as the fallback default, escaped for each language.
 */
public final class ClientSnippets {

    /** One snippet: a file name and its text, and whether it matches the SDK the inventory names. */
    public record Snippet(String fileName, String title, String text, boolean inUse) {
    }

    private static final String PROMPT = "Reply with one short sentence: is this request routed through the new gateway?";

    private ClientSnippets() {
    }

    public static List<Snippet> render(MigrationPlan original) {
        Report report = Report.of(original);
        MigrationPlan plan = report.plan;
        String sdk = plan.inventory().sdk().toLowerCase(Locale.ROOT);
        String base = base(report);
        Parameters p = plan.inventory().parameters();
        boolean python = sdk.contains("python") || sdk.contains("pip") || sdk.contains("django") || sdk.contains("fastapi");
        boolean node = sdk.contains("node") || sdk.contains("javascript") || sdk.contains("typescript") || sdk.contains("npm")
                || sdk.matches(".*\\b(js|ts)\\b.*");
        boolean java = sdk.matches(".*\\bjava\\b.*") || sdk.contains("spring") || sdk.contains("kotlin");
        boolean curl = sdk.contains("curl") || sdk.contains("http") || sdk.contains("rest");
        boolean langchain = sdk.contains("langchain");
        boolean litellm = sdk.contains("litellm");
        boolean vercel = sdk.contains("vercel") || sdk.contains("ai sdk") || sdk.contains("ai-sdk") || sdk.contains("@ai-sdk");

        List<Snippet> out = new ArrayList<>();
        out.add(new Snippet("python_openai.py", "Python (openai)", python(base, p), python && !langchain && !litellm));
        out.add(new Snippet("node_openai.mjs", "Node (openai)", node(base, p), node && !langchain && !vercel));
        out.add(new Snippet("JavaOpenAi.java", "Java (openai-java)", java(base, p), java && !langchain));
        out.add(new Snippet("curl.sh", "curl", curl(base, p), curl));
        if (langchain) {
            out.add(node && !python
                    ? new Snippet("langchain.mjs", "LangChain (JavaScript)", langchainJs(base), true)
                    : new Snippet("langchain.py", "LangChain (Python)", langchainPy(base), true));
        }
        if (litellm) {
            out.add(new Snippet("litellm.py", "LiteLLM", litellm(base), true));
        }
        if (vercel) {
            out.add(new Snippet("vercel_ai.mjs", "Vercel AI SDK", vercel(base), true));
        }
        return out;
    }

    /** A README for the snippets folder: what each file is and which one matches the app. */
    public static String readme(MigrationPlan original, List<Snippet> snippets) {
        MigrationPlan plan = Report.of(original).plan;
        StringBuilder sb = new StringBuilder();
        sb.append("# Client snippets: ").append(ChecklistMarkdown.inline(plan.name())).append("\n\n");
        sb.append("Each snippet reads its whole configuration from the environment, so moving between the current provider,")
                .append(" the new gateway and the rollback is a configuration change:\n\n")
                .append("- `OPENAI_BASE_URL`: the gateway's base URL (with the `/v1` prefix)\n")
                .append("- `FLATKEY_API_KEY`: the key, from your secret store (never in code or in this folder)\n")
                .append("- `FLATKEY_MODEL`: the target model ID\n\n");
        sb.append("The app's SDK according to the inventory: ").append(ChecklistMarkdown.inline(Text.or(plan.inventory().sdk(), "(not recorded)")))
                .append(".\n\n| File | Client | Matches the app |\n|---|---|---|\n");
        for (Snippet s : snippets) {
            sb.append("| `").append(s.fileName()).append("` | ").append(s.title()).append(" | ").append(s.inUse() ? "yes" : "").append(" |\n");
        }
        return sb.toString();
    }

    /**
     * Python with the official {@code openai} package for one smoke check: the check's model as the default of
     * {@code FLATKEY_MODEL}, and a streamed request (with usage) when the check streams. Same config layer as the
     * exported snippets; the plan's texts are scrubbed of keys first.
     */
    public static String python(MigrationPlan plan, String model, String feature) {
        Report report = Report.of(plan);
        return python(base(report), report.plan.inventory().parameters(), checkModel(model), streams(feature));
    }

    /** Node.js with the official {@code openai} package for one smoke check; see {@link #python(MigrationPlan, String, String)}. */
    public static String node(MigrationPlan plan, String model, String feature) {
        Report report = Report.of(plan);
        return node(base(report), report.plan.inventory().parameters(), checkModel(model), streams(feature));
    }

    /** Whether a check's feature streams ({@code streaming}, {@code stream-…}). */
    static boolean streams(String feature) {
        return feature != null && feature.toLowerCase(Locale.ROOT).startsWith("stream");
    }

    private static String base(Report report) {
        return Text.oneLine(Text.or(report.targetBaseUrl(), Endpoint.FLATKEY_BASE_URL)).strip();
    }

    /** The check's model, one line and scrubbed; null when there is none (the snippet then requires FLATKEY_MODEL). */
    private static String checkModel(String model) {
        String m = model == null ? "" : Text.oneLine(KeyScrubber.text(model)).strip();
        return m.isEmpty() ? null : m;
    }

    private static String python(String base, Parameters p) {
        return python(base, p, null, false);
    }

    /** @param model the default for FLATKEY_MODEL, or null to require it */
    private static String python(String base, Parameters p, String model, boolean stream) {
        StringBuilder extra = new StringBuilder();
        if (p.timeoutSeconds() != null) {
            extra.append("    timeout=").append(p.timeoutSeconds()).append(",\n");
        }
        if (p.retries() != null) {
            extra.append("    max_retries=").append(p.retries()).append(",\n");
        }
        String modelArg = model == null ? "os.environ[\"FLATKEY_MODEL\"]" : "os.environ.get(\"FLATKEY_MODEL\", " + dq(model) + ")";
        String client = "# One config layer: base URL, key and model come from the environment.\n"
                + "import os\n\nfrom openai import OpenAI\n\n"
                + "client = OpenAI(\n"
                + "    api_key=os.environ[\"FLATKEY_API_KEY\"],\n"
                + "    base_url=os.environ.get(\"OPENAI_BASE_URL\", " + dq(base) + "),\n"
                + extra
                + ")\n\n";
        if (stream) {
            return client
                    + "stream = client.chat.completions.create(\n"
                    + "    model=" + modelArg + ",\n"
                    + "    messages=[{\"role\": \"user\", \"content\": " + dq(PROMPT) + "}],\n"
                    + "    stream=True,\n"
                    + "    stream_options={\"include_usage\": True},\n"
                    + ")\n"
                    + "for chunk in stream:\n"
                    + "    if chunk.choices and chunk.choices[0].delta.content:\n"
                    + "        print(chunk.choices[0].delta.content, end=\"\", flush=True)\n"
                    + "    if chunk.usage:\n"
                    + "        print(\"\\n\", chunk.usage)\n";
        }
        return client
                + "response = client.chat.completions.create(\n"
                + "    model=" + modelArg + ",\n"
                + "    messages=[{\"role\": \"user\", \"content\": " + dq(PROMPT) + "}],\n"
                + ")\n"
                + "print(response.choices[0].message.content)\n"
                + "print(response.usage)\n";
    }

    private static String node(String base, Parameters p) {
        return node(base, p, null, false);
    }

    /** @param model the default for FLATKEY_MODEL, or null to require it */
    private static String node(String base, Parameters p, String model, boolean stream) {
        StringBuilder extra = new StringBuilder();
        if (p.timeoutSeconds() != null) {
            extra.append("  timeout: ").append(p.timeoutSeconds() * 1000L).append(",\n");
        }
        if (p.retries() != null) {
            extra.append("  maxRetries: ").append(p.retries()).append(",\n");
        }
        String modelArg = model == null ? "process.env.FLATKEY_MODEL" : "process.env.FLATKEY_MODEL ?? " + dq(model);
        String client = "// One config layer: base URL, key and model come from the environment.\n"
                + "import OpenAI from \"openai\";\n\n"
                + "const client = new OpenAI({\n"
                + "  apiKey: process.env.FLATKEY_API_KEY,\n"
                + "  baseURL: process.env.OPENAI_BASE_URL || " + dq(base) + ",\n"
                + extra
                + "});\n\n";
        if (stream) {
            return client
                    + "const stream = await client.chat.completions.create({\n"
                    + "  model: " + modelArg + ",\n"
                    + "  messages: [{ role: \"user\", content: " + dq(PROMPT) + " }],\n"
                    + "  stream: true,\n"
                    + "  stream_options: { include_usage: true },\n"
                    + "});\n"
                    + "for await (const chunk of stream) {\n"
                    + "  process.stdout.write(chunk.choices[0]?.delta?.content ?? \"\");\n"
                    + "  if (chunk.usage) console.log(\"\\n\", chunk.usage);\n"
                    + "}\n";
        }
        return client
                + "const response = await client.chat.completions.create({\n"
                + "  model: " + modelArg + ",\n"
                + "  messages: [{ role: \"user\", content: " + dq(PROMPT) + " }],\n"
                + "});\n"
                + "console.log(response.choices[0].message.content);\n"
                + "console.log(response.usage);\n";
    }

    private static String java(String base, Parameters p) {
        StringBuilder extra = new StringBuilder();
        if (p.timeoutSeconds() != null) {
            extra.append("                .timeout(java.time.Duration.ofSeconds(").append(p.timeoutSeconds()).append("))\n");
        }
        if (p.retries() != null) {
            extra.append("                .maxRetries(").append(p.retries()).append(")\n");
        }
        return "// One config layer: base URL, key and model come from the environment (com.openai:openai-java).\n"
                + "import com.openai.client.OpenAIClient;\n"
                + "import com.openai.client.okhttp.OpenAIOkHttpClient;\n"
                + "import com.openai.models.chat.completions.ChatCompletion;\n"
                + "import com.openai.models.chat.completions.ChatCompletionCreateParams;\n\n"
                + "public final class JavaOpenAi {\n"
                + "    public static void main(String[] args) {\n"
                + "        OpenAIClient client = OpenAIOkHttpClient.builder()\n"
                + "                .apiKey(System.getenv(\"FLATKEY_API_KEY\"))\n"
                + "                .baseUrl(System.getenv().getOrDefault(\"OPENAI_BASE_URL\", " + dq(base) + "))\n"
                + extra
                + "                .build();\n"
                + "        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()\n"
                + "                .model(System.getenv(\"FLATKEY_MODEL\"))\n"
                + "                .addUserMessage(" + dq(PROMPT) + ")\n"
                + "                .build();\n"
                + "        ChatCompletion completion = client.chat().completions().create(params);\n"
                + "        System.out.println(completion.choices().get(0).message().content().orElse(\"\"));\n"
                + "        System.out.println(completion.usage());\n"
                + "    }\n"
                + "}\n";
    }

    private static String curl(String base, Parameters p) {
        return "#!/bin/sh\n"
                + "# One config layer: base URL, key and model come from the environment.\n"
                + "set -eu\n"
                + ": \"${FLATKEY_API_KEY:?set FLATKEY_API_KEY from your secret store}\"\n"
                + ": \"${FLATKEY_MODEL:?set FLATKEY_MODEL to the target model ID}\"\n"
                + "BASE_URL=\"${OPENAI_BASE_URL:-" + shellInDq(base) + "}\"\n\n"
                + "curl -sS \"$BASE_URL/chat/completions\" \\\n"
                + "  -H \"Authorization: Bearer $FLATKEY_API_KEY\" \\\n"
                + "  -H \"Content-Type: application/json\" \\\n"
                + (p.timeoutSeconds() != null ? "  --max-time " + p.timeoutSeconds() + " \\\n" : "")
                + "  -d '{\n"
                + "    \"model\": \"'\"$FLATKEY_MODEL\"'\",\n"
                + "    \"messages\": [{\"role\": \"user\", \"content\": \"" + PROMPT + "\"}]\n"
                + "  }'\n";
    }

    private static String langchainPy(String base) {
        return "# One config layer: base URL, key and model come from the environment (pip install langchain-openai).\n"
                + "import os\n\nfrom langchain_openai import ChatOpenAI\n\n"
                + "llm = ChatOpenAI(\n"
                + "    model=os.environ[\"FLATKEY_MODEL\"],\n"
                + "    api_key=os.environ[\"FLATKEY_API_KEY\"],\n"
                + "    base_url=os.environ.get(\"OPENAI_BASE_URL\", " + dq(base) + "),\n"
                + ")\n\n"
                + "print(llm.invoke(" + dq(PROMPT) + ").content)\n";
    }

    private static String langchainJs(String base) {
        return "// One config layer: base URL, key and model come from the environment (npm install @langchain/openai).\n"
                + "import { ChatOpenAI } from \"@langchain/openai\";\n\n"
                + "const llm = new ChatOpenAI({\n"
                + "  model: process.env.FLATKEY_MODEL,\n"
                + "  apiKey: process.env.FLATKEY_API_KEY,\n"
                + "  configuration: { baseURL: process.env.OPENAI_BASE_URL || " + dq(base) + " },\n"
                + "});\n\n"
                + "const reply = await llm.invoke(" + dq(PROMPT) + ");\n"
                + "console.log(reply.content);\n";
    }

    private static String litellm(String base) {
        return "# One config layer: base URL, key and model come from the environment (pip install litellm).\n"
                + "# The \"openai/\" prefix tells LiteLLM to speak the OpenAI-compatible protocol to api_base.\n"
                + "import os\n\nimport litellm\n\n"
                + "response = litellm.completion(\n"
                + "    model=\"openai/\" + os.environ[\"FLATKEY_MODEL\"],\n"
                + "    api_base=os.environ.get(\"OPENAI_BASE_URL\", " + dq(base) + "),\n"
                + "    api_key=os.environ[\"FLATKEY_API_KEY\"],\n"
                + "    messages=[{\"role\": \"user\", \"content\": " + dq(PROMPT) + "}],\n"
                + ")\n"
                + "print(response.choices[0].message.content)\n";
    }

    private static String vercel(String base) {
        return "// One config layer: base URL, key and model come from the environment (npm install ai @ai-sdk/openai).\n"
                + "import { createOpenAI } from \"@ai-sdk/openai\";\n"
                + "import { generateText } from \"ai\";\n\n"
                + "const gateway = createOpenAI({\n"
                + "  baseURL: process.env.OPENAI_BASE_URL || " + dq(base) + ",\n"
                + "  apiKey: process.env.FLATKEY_API_KEY,\n"
                + "});\n\n"
                + "const { text, usage } = await generateText({\n"
                + "  model: gateway.chat(process.env.FLATKEY_MODEL),\n"
                + "  prompt: " + dq(PROMPT) + ",\n"
                + "});\n"
                + "console.log(text, usage);\n";
    }

    /** A double-quoted string literal valid in Python, JavaScript and Java. */
    static String dq(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * A URL placed inside a shell double-quoted {@code ${VAR:-default}}: characters outside the URL-safe set (quotes,
     * {@code $}, backquote, backslash, braces, spaces) are percent-encoded, so the text stays one inert word.
     */
    static String shellInDq(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : Text.oneLine(s).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~:/?#[]@!&'()*+,;=%".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append(String.format(Locale.ROOT, "%%%02X", b & 0xFF));
            }
        }
        return sb.toString();
    }
}
