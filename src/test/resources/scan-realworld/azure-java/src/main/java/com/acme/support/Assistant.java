package com.acme.support;

import com.azure.ai.openai.OpenAIClient; // expect: sdk=Java Azure OpenAI
import com.azure.ai.openai.OpenAIClientBuilder; // expect: sdk=Java Azure OpenAI
import com.azure.ai.openai.OpenAIServiceVersion; // expect: sdk=Java Azure OpenAI
import com.azure.ai.openai.models.ChatCompletions; // expect: sdk=Java Azure OpenAI
import com.azure.ai.openai.models.ChatCompletionsOptions; // expect: sdk=Java Azure OpenAI
import com.azure.ai.openai.models.ChatRequestUserMessage; // expect: sdk=Java Azure OpenAI
import com.azure.ai.openai.models.EmbeddingsOptions; // expect: sdk=Java Azure OpenAI
import com.azure.core.credential.AzureKeyCredential;

import java.util.List;

/** Support answers and ticket embeddings on the team's Azure OpenAI resource. */
public final class Assistant {
    private final OpenAIClient client = new OpenAIClientBuilder() // expect: provider=Azure OpenAI (acme-support.openai.azure.com)
            .endpoint("https://acme-support.openai.azure.com/") // expect: base_url=https://acme-support.openai.azure.com
            .credential(new AzureKeyCredential(System.getenv("AZURE_OPENAI_KEY"))) // expect: auth=api-key header
            .serviceVersion(OpenAIServiceVersion.V2024_06_01) // expect: api_version=2024-06-01
            .buildClient();

    public String answer(String question) {
        ChatCompletionsOptions options = new ChatCompletionsOptions(List.of(new ChatRequestUserMessage(question)));
        ChatCompletions done = client.getChatCompletions("support-gpt4o", options); // expect: call=chat; deployment=support-gpt4o; via=Azure OpenAI (acme-support.openai.azure.com)
        return done.getChoices().get(0).getMessage().getContent();
    }

    public List<Float> embed(String ticket) {
        return client.getEmbeddings("ticket-embeddings", new EmbeddingsOptions(List.of(ticket))) // expect: call=embeddings; deployment=ticket-embeddings; via=Azure OpenAI (acme-support.openai.azure.com)
                .getData().get(0).getEmbedding();
    }
}
