package com.example.support;

import com.openai.client.OpenAIClient; // expect: sdk=Java openai-java
import com.openai.client.okhttp.OpenAIOkHttpClient; // expect: sdk=Java openai-java
import com.openai.models.ChatModel; // expect: sdk=Java openai-java
import com.openai.models.chat.completions.ChatCompletion; // expect: sdk=Java openai-java
import com.openai.models.chat.completions.ChatCompletionCreateParams; // expect: sdk=Java openai-java

import java.time.Duration;

public final class Chat {
    private final OpenAIClient client = OpenAIOkHttpClient.builder() // expect: sdk=Java openai-java
            .baseUrl("https://api.openai.com/v1") // expect: base_url=https://api.openai.com/v1
            .apiKey(System.getenv("OPENAI_API_KEY")) // expect: env_var=env:OPENAI_API_KEY
            .timeout(Duration.ofSeconds(60)) // expect: parameter.timeout=60
            .maxRetries(4) // expect: parameter.retries=4
            .build();

    public String ask(String question) {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(ChatModel.GPT_4O_MINI) // expect: model=gpt-4o-mini
                .addDeveloperMessage("Answer briefly.") // expect: parameter.message_shape=developer messages
                .addUserMessage(question)
                .temperature(0.3) // expect: parameter.temperature=0.3
                .build();
        ChatCompletion completion = client.chat().completions().create(params); // expect: call=chat
        return completion.choices().get(0).message().content().orElse("");
    }
}
