package com.acme.media;

import com.openai.client.OpenAIClient; // expect: sdk=Java openai-java
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.images.ImageGenerateParams;

/** Every endpoint family the openai-java SDK calls, one per line. */
class Media {
    private final OpenAIClient client = OpenAIOkHttpClient.fromEnv();

    void all(ImageGenerateParams image, TranscriptionCreateParams transcription) {
        client.images().generate(image); // expect: call=images
        client.images().edit(editParams()); // expect: call=images
        client.audio().transcriptions().create(transcription); // expect: call=audio
        client.audio().transcriptions().createStreaming(transcription); // expect: call=audio
        client.audio().translations().create(translationParams()); // expect: call=audio
        client.audio().speech().create(speechParams()); // expect: call=audio
        client.moderations().create(moderationParams()); // expect: call=moderations
        client.videos().create(videoParams()); // expect: call=video
        client.videos().remix("video_123", remixParams()); // expect: call=video
    }

    private Object editParams() { return null; }
    private Object translationParams() { return null; }
    private Object speechParams() { return null; }
    private Object moderationParams() { return null; }
    private Object videoParams() { return null; }
    private Object remixParams() { return null; }
}
