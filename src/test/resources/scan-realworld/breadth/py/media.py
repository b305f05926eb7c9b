from pathlib import Path

from openai import OpenAI  # expect: sdk=Python openai

client = OpenAI()  # expect: sdk=Python openai; provider=OpenAI


def transcribe(path: Path) -> str:
    with path.open("rb") as f:
        return client.audio.transcriptions.create(model="gpt-4o-transcribe", file=f).text  # expect: call=audio; model=gpt-4o-transcribe; via=OpenAI


def narrate(text: str, out: Path) -> None:
    with client.audio.speech.with_streaming_response.create(model="gpt-4o-mini-tts", voice="coral", input=text) as r:  # expect: call=audio; model=gpt-4o-mini-tts; via=OpenAI
        r.stream_to_file(out)


def thumbnail(prompt: str) -> str:
    return client.images.generate(model="gpt-image-1", prompt=prompt, size="1024x1024").data[0].b64_json  # expect: call=images; model=gpt-image-1; via=OpenAI


def is_unsafe(text: str) -> bool:
    return client.moderations.create(model="omni-moderation-latest", input=text).results[0].flagged  # expect: call=moderations; model=omni-moderation-latest; via=OpenAI


def search_vectors(q: str) -> list[float]:
    return client.embeddings.create(model="text-embedding-3-large", input=q).data[0].embedding  # expect: call=embeddings; model=text-embedding-3-large; via=OpenAI


def plan_trip(goal: str) -> str:
    return client.responses.create(model="gpt-4.1", input=goal).output_text  # expect: call=responses; model=gpt-4.1; via=OpenAI
