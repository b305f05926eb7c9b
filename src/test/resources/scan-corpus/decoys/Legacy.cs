// var chat = client.GetChatClient("gpt-4o");
/* using OpenAI; */
public static class Legacy { public static string Name => "openai"; }
