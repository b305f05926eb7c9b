using Azure;
using Azure.AI.OpenAI; // expect: sdk=.NET Azure.AI.OpenAI
using OpenAI.Chat; // expect: sdk=.NET OpenAI

public static class AzureChat
{
    public static ChatClient Create(string key)
    {
        var azure = new AzureOpenAIClient(new Uri("https://contoso.openai.azure.com/"), new AzureKeyCredential(key)); // expect: sdk=.NET Azure.AI.OpenAI; base_url=https://contoso.openai.azure.com
        return azure.GetChatClient("gpt-4o-deployment"); // expect: call=chat; model=gpt-4o-deployment
    }
}
