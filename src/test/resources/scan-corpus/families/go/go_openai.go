package media

import (
	"context"

	openai "github.com/sashabaranov/go-openai" // expect: sdk=Go go-openai
)

func legacy(ctx context.Context, client *openai.Client) {
	client.CreateImage(ctx, openai.ImageRequest{Prompt: "x"}) // expect: call=images
	client.CreateTranscription(ctx, openai.AudioRequest{Model: openai.Whisper1}) // expect: call=audio
	client.CreateSpeech(ctx, openai.CreateSpeechRequest{Model: openai.TTSModel1}) // expect: call=audio
	client.Moderations(ctx, openai.ModerationRequest{Input: "x"}) // expect: call=moderations
}
