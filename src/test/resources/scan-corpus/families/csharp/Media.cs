using OpenAI.Audio; // expect: sdk=.NET OpenAI
using OpenAI.Images;
using OpenAI.Moderations;

public class Media
{
    public async Task All(string key)
    {
        ImageClient images = new ImageClient("gpt-image-1", key); // expect: call=images; model=gpt-image-1
        await images.GenerateImageAsync("A paper plane"); // expect: call=images
        AudioClient whisper = new AudioClient("whisper-1", key); // expect: call=audio; model=whisper-1
        whisper.TranscribeAudio("clip.mp3"); // expect: call=audio
        await whisper.TranslateAudioAsync("clip.mp3"); // expect: call=audio
        AudioClient tts = new AudioClient("gpt-4o-mini-tts", key); // expect: call=audio; model=gpt-4o-mini-tts
        tts.GenerateSpeech("Hello", GeneratedSpeechVoice.Alloy); // expect: call=audio
        ModerationClient moderation = new ModerationClient("omni-moderation-latest", key); // expect: call=moderations; model=omni-moderation-latest
        moderation.ClassifyText("hello"); // expect: call=moderations
    }
}
