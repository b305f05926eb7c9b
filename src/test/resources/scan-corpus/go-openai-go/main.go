package main

import (
	"context"

	"github.com/openai/openai-go"        // expect: sdk=Go openai-go
	"github.com/openai/openai-go/option"
)

func main() {
	client := openai.NewClient(
		option.WithBaseURL("https://router.flatkey.ai/v1"), // expect: base_url=https://router.flatkey.ai/v1
		option.WithMaxRetries(2),                           // expect: parameter.retries=2
	)
	_, _ = client.Chat.Completions.New(context.TODO(), openai.ChatCompletionNewParams{ // expect: call=chat
		Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("Say this is a test")},
		Model:    openai.ChatModelGPT4o, // expect: model=gpt-4o
		Seed:     openai.Int(42),
	})
	_, _ = client.Embeddings.New(context.TODO(), openai.EmbeddingNewParams{ // expect: call=embeddings
		Model: "text-embedding-3-small", // expect: model=text-embedding-3-small
	})
}
