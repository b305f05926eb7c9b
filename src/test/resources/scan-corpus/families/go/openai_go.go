package media

import (
	"context"

	"github.com/openai/openai-go/v3" // expect: sdk=Go openai-go
)

func all(ctx context.Context, client openai.Client) {
	client.Images.Generate(ctx, openai.ImageGenerateParams{Prompt: "x", Model: "gpt-image-1"}) // expect: call=images
	client.Audio.Transcriptions.New(ctx, openai.AudioTranscriptionNewParams{Model: "whisper-1"}) // expect: call=audio
	client.Audio.Transcriptions.NewStreaming(ctx, openai.AudioTranscriptionNewParams{Model: "gpt-4o-mini-transcribe"}) // expect: call=audio
	client.Audio.Speech.New(ctx, openai.AudioSpeechNewParams{Model: "gpt-4o-mini-tts", Input: "x"}) // expect: call=audio
	client.Moderations.New(ctx, openai.ModerationNewParams{Model: "omni-moderation-latest"}) // expect: call=moderations
	client.Videos.New(ctx, openai.VideoNewParams{Model: "sora-2", Prompt: "x"}) // expect: call=video
}
