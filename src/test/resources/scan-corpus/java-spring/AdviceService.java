package com.example.advice;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.openai.OpenAiChatOptions; // expect: sdk=Spring AI
import org.springframework.stereotype.Service;

@Service
public class AdviceService {
    private final ChatClient chat;

    public AdviceService(ChatClient.Builder builder) {
        this.chat = builder.build();
    }

    public String advise(String topic) {
        return chat.prompt()
                .user(topic)
                .options(OpenAiChatOptions.builder() // expect: call=chat
                        .model("gpt-4o") // expect: model=gpt-4o
                        .maxTokens(200) // expect: parameter.max_tokens=200
                        .build())
                .call()
                .content();
    }
}
