using System;
using Azure;
using Azure.AI.OpenAI; // expect: sdk=.NET Azure.AI.OpenAI
using OpenAI.Chat; // expect: sdk=.NET OpenAI
using OpenAI.Embeddings; // expect: sdk=.NET OpenAI

namespace Acme.Bot;

public sealed class ChatService
{
    private readonly ChatClient _chat;
    private readonly EmbeddingClient _embeddings;

    public ChatService(string endpoint, string key)
    {
        var options = new AzureOpenAIClientOptions(AzureOpenAIClientOptions.ServiceVersion.V2024_10_21); // expect: api_version=2024-10-21
        AzureOpenAIClient azure = new(new Uri(endpoint), new AzureKeyCredential(key), options); // expect: auth=api-key header; provider=Azure OpenAI
        _chat = azure.GetChatClient("bot-gpt-4o-mini"); // expect: call=chat; deployment=bot-gpt-4o-mini; via=Azure OpenAI
        _embeddings = azure.GetEmbeddingClient("bot-embeddings"); // expect: call=embeddings; deployment=bot-embeddings; via=Azure OpenAI
    }

    public string Reply(string text) => _chat.CompleteChat(new UserChatMessage(text)).Value.Content[0].Text; // expect: call=chat; via=Azure OpenAI
}
