package main

import (
	"context"
	"fmt"
	"os"

	openai "github.com/sashabaranov/go-openai" // expect: sdk=Go go-openai
)

func main() {
	config := openai.DefaultAzureConfig(os.Getenv("AZURE_OPENAI_API_KEY"), "https://northwind.openai.azure.com/") // expect: base_url=https://northwind.openai.azure.com; provider=Azure OpenAI (northwind.openai.azure.com)
	config.APIVersion = "2024-06-01" // expect: api_version=2024-06-01
	client := openai.NewClientWithConfig(config) // expect: provider=Azure OpenAI (northwind.openai.azure.com)

	resp, err := client.CreateChatCompletion(context.Background(), openai.ChatCompletionRequest{ // expect: call=chat; via=Azure OpenAI (northwind.openai.azure.com)
		Model:    "gpt-35-turbo-northwind", // expect: deployment=gpt-35-turbo-northwind
		Messages: []openai.ChatCompletionMessage{{Role: openai.ChatMessageRoleUser, Content: "Hello"}},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	fmt.Println(resp.Choices[0].Message.Content)
}
