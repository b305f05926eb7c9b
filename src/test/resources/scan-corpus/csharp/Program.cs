using System;
using OpenAI; // expect: sdk=.NET OpenAI
using OpenAI.Chat; // expect: sdk=.NET OpenAI

var client = new OpenAIClient(new System.ClientModel.ApiKeyCredential(Environment.GetEnvironmentVariable("OPENAI_API_KEY")), new OpenAIClientOptions // expect: sdk=.NET OpenAI; env_var=env:OPENAI_API_KEY
{
    Endpoint = new Uri("https://api.groq.com/openai/v1"), // expect: base_url=https://api.groq.com/openai/v1
    NetworkTimeout = TimeSpan.FromSeconds(25), // expect: parameter.timeout=25
});
ChatClient chat = client.GetChatClient("llama-3.3-70b-versatile"); // expect: call=chat; model=llama-3.3-70b-versatile
var options = new ChatCompletionOptions { Temperature = 0.5f, MaxOutputTokenCount = 400 }; // expect: parameter.temperature=0.5; parameter.max_tokens=400
foreach (var update in chat.CompleteChatStreaming(new[] { new UserChatMessage("Hi") }, options)) // expect: call=chat; parameter.stream=true
{
    Console.Write(update.ContentUpdate.Count > 0 ? update.ContentUpdate[0].Text : "");
}
