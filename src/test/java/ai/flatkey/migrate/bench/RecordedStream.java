package ai.flatkey.migrate.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A deterministic "recorded" chat-completions stream: the bytes an OpenAI-compatible gateway sends for an answer of
 * {@code chunks} {@code chat.completion.chunk} events (role chunk, content chunks of one to three words, finish chunk,
 * usage chunk), then {@code data: [DONE]}. The same seed always gives the same bytes.
 */
final class RecordedStream {
    private static final String[] WORDS = {
        " the", " gateway", " answers", " with", " a", " stream", " of", " tokens", " that", " arrive", " one",
        " by", " one", ",", " and", " each", " is", " wrapped", " in", " JSON", ".", " Migration", " means",
        " changing", " the", " base", " URL", " and", " the", " key", ";", " nothing", " else", " moves", "\n\n",
        " naïve", " café", " — ", " “quoted”", " \"escaped\"", " 42", " %", " ✓", " résumé", " München",
    };

    private RecordedStream() {
    }

    /** The stream bytes; {@code chunks} counts every JSON chunk (not {@code [DONE]}). */
    static byte[] generate(int chunks, long seed) {
        Random random = new Random(seed);
        String id = "chatcmpl-B" + Long.toString(Math.abs(random.nextLong()), 36);
        String head = "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1735689600,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\","
                + "\"system_fingerprint\":\"fp_0ba0d124f1\",\"choices\":[{\"index\":0,\"delta\":";
        ByteArrayOutputStream out = new ByteArrayOutputStream(chunks * 260);
        write(out, head + "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,"
                + "\"finish_reason\":null}]}");
        int completionTokens = 0;
        for (int i = 1; i < chunks - 2; i++) {
            StringBuilder text = new StringBuilder();
            int n = 1 + random.nextInt(3);
            for (int w = 0; w < n; w++) {
                text.append(WORDS[random.nextInt(WORDS.length)]);
            }
            completionTokens += n;
            write(out, head + "{\"content\":\"" + escape(text) + "\"},\"logprobs\":null,\"finish_reason\":null}]}");
        }
        write(out, head + "{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}");
        write(out, "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1735689600,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\","
                + "\"system_fingerprint\":\"fp_0ba0d124f1\",\"choices\":[],\"usage\":{\"prompt_tokens\":35,"
                + "\"completion_tokens\":" + completionTokens + ",\"total_tokens\":" + (35 + completionTokens)
                + ",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":"
                + "{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,"
                + "\"rejected_prediction_tokens\":0}}}");
        write(out, "[DONE]");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String data) {
        out.writeBytes(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(CharSequence s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
