package com.example.docs;

/**
 * Explains the old integration: {@code client.chat().completions().create(params)} with
 * {@code OpenAIOkHttpClient.builder().baseUrl("https://api.openai.com/v1")} and ChatModel.GPT_4O.
 */
public final class Docs {
    // OpenAiChatModel.builder().modelName("gpt-4o").build();
    public static String provider() {
        return "openai";
    }
}
