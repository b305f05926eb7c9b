package legacy

// Previously: client.CreateChatCompletion(ctx, openai.ChatCompletionRequest{Model: openai.GPT4o})
// using "github.com/sashabaranov/go-openai".

/* config.BaseURL = "https://api.openai.com/v1" */

func Provider() string { return "openai" }
