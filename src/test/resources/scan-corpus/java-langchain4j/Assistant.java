package com.example.assist;

import dev.langchain4j.model.openai.OpenAiStreamingChatModel; // expect: sdk=LangChain4j
import dev.langchain4j.model.openai.OpenAiChatModelName; // expect: sdk=LangChain4j

public final class Assistant {
    static OpenAiStreamingChatModel model() {
        return OpenAiStreamingChatModel.builder() // expect: call=chat; parameter.stream=true
                .baseUrl(System.getenv("OPENAI_BASE_URL")) // expect: base_url=System.getenv("OPENAI_BASE_URL"); env_var=OPENAI_BASE_URL
                .apiKey(System.getenv("OPENAI_API_KEY")) // expect: env_var=env:OPENAI_API_KEY
                .modelName(OpenAiChatModelName.GPT_4_O_MINI) // expect: model=gpt-4o-mini
                .build();
    }
}
