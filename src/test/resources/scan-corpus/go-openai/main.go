package main

import (
	"context"
	"fmt"
	"os"

	openai "github.com/sashabaranov/go-openai" // expect: sdk=Go go-openai
)

func main() {
	config := openai.DefaultConfig(os.Getenv("OPENAI_API_KEY")) // expect: env_var=env:OPENAI_API_KEY
	config.BaseURL = "https://api.deepseek.com/v1"              // expect: base_url=https://api.deepseek.com/v1
	client := openai.NewClientWithConfig(config)

	resp, err := client.CreateChatCompletion( // expect: call=chat
		context.Background(),
		openai.ChatCompletionRequest{
			Model: openai.GPT4oMini, // expect: model=gpt-4o-mini
			Messages: []openai.ChatCompletionMessage{
				{Role: openai.ChatMessageRoleSystem, Content: "Be terse."}, // expect: parameter.message_shape=system messages
				{Role: openai.ChatMessageRoleUser, Content: "Hello"},
			},
			MaxTokens: 128, // expect: parameter.max_tokens=128
		},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.Choices[0].Message.Content)

	stream, _ := client.CreateChatCompletionStream(context.Background(), openai.ChatCompletionRequest{Model: "deepseek-chat"}) // expect: call=chat; model=deepseek-chat; parameter.stream=true
	defer stream.Close()
}
