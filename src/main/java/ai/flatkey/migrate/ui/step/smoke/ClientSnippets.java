package ai.flatkey.migrate.ui.step.smoke;

import java.util.Locale;

/**
 * Client code for one check, in the runbook's configuration pattern: the base URL from {@code OPENAI_BASE_URL},
 * the key from {@code FLATKEY_API_KEY}, the model from {@code FLATKEY_MODEL} (with the check's model as default).
 * Never contains a key.
 */
public final class ClientSnippets {

    private ClientSnippets() {
    }

    /** Python with the official {@code openai} package. */
    public static String python(String baseUrl, String model, boolean stream) {
        String m = model == null || model.isBlank() ? "gpt-5.5" : model;
        StringBuilder sb = new StringBuilder();
        sb.append("# pip install openai\n");
        sb.append("# export OPENAI_BASE_URL=").append(baseUrl).append("\n");
        sb.append("# export FLATKEY_API_KEY=...   (never commit the key)\n");
        sb.append("import os\nfrom openai import OpenAI\n\n");
        sb.append("client = OpenAI(\n    base_url=os.environ[\"OPENAI_BASE_URL\"],\n    api_key=os.environ[\"FLATKEY_API_KEY\"],\n)\n");
        sb.append("model = os.environ.get(\"FLATKEY_MODEL\", ").append(py(m)).append(")\n\n");
        if (stream) {
            sb.append("stream = client.chat.completions.create(\n    model=model,\n")
                    .append("    messages=[{\"role\": \"user\", \"content\": \"Reply with one short sentence.\"}],\n")
                    .append("    stream=True,\n    stream_options={\"include_usage\": True},\n)\n")
                    .append("for chunk in stream:\n    if chunk.choices and chunk.choices[0].delta.content:\n")
                    .append("        print(chunk.choices[0].delta.content, end=\"\", flush=True)\n    if chunk.usage:\n")
                    .append("        print(\"\\nusage:\", chunk.usage)\n");
        } else {
            sb.append("response = client.chat.completions.create(\n    model=model,\n")
                    .append("    messages=[{\"role\": \"user\", \"content\": \"Reply with one short sentence.\"}],\n)\n")
                    .append("print(response.choices[0].message.content)\nprint(\"usage:\", response.usage)\n");
        }
        return sb.toString();
    }

    /** Node.js with the official {@code openai} package (ES modules). */
    public static String node(String baseUrl, String model, boolean stream) {
        String m = model == null || model.isBlank() ? "gpt-5.5" : model;
        StringBuilder sb = new StringBuilder();
        sb.append("// npm install openai\n");
        sb.append("// export OPENAI_BASE_URL=").append(baseUrl).append("\n");
        sb.append("// export FLATKEY_API_KEY=...   (never commit the key)\n");
        sb.append("import OpenAI from \"openai\";\n\n");
        sb.append("const client = new OpenAI({\n  baseURL: process.env.OPENAI_BASE_URL,\n  apiKey: process.env.FLATKEY_API_KEY,\n});\n");
        sb.append("const model = process.env.FLATKEY_MODEL ?? ").append(js(m)).append(";\n\n");
        if (stream) {
            sb.append("const stream = await client.chat.completions.create({\n  model,\n")
                    .append("  messages: [{ role: \"user\", content: \"Reply with one short sentence.\" }],\n")
                    .append("  stream: true,\n  stream_options: { include_usage: true },\n});\n")
                    .append("for await (const chunk of stream) {\n  process.stdout.write(chunk.choices[0]?.delta?.content ?? \"\");\n")
                    .append("  if (chunk.usage) console.log(\"\\nusage:\", chunk.usage);\n}\n");
        } else {
            sb.append("const response = await client.chat.completions.create({\n  model,\n")
                    .append("  messages: [{ role: \"user\", content: \"Reply with one short sentence.\" }],\n});\n")
                    .append("console.log(response.choices[0].message.content);\nconsole.log(\"usage:\", response.usage);\n");
        }
        return sb.toString();
    }

    /** Whether a check's feature streams. */
    public static boolean streams(String feature) {
        return feature != null && feature.toLowerCase(Locale.ROOT).startsWith("stream");
    }

    private static String py(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String js(String s) {
        return py(s);
    }
}
