"""LLM helpers for the research agent.

Every call goes through LiteLLM, so the provider is picked by the model string, e.g.
litellm.completion(model="groq/llama-3.1-8b-instant", messages=...) picks Groq.
"""
import os

import litellm  # expect: sdk=LiteLLM
from litellm import acompletion, completion, embedding, image_generation  # expect: sdk=LiteLLM
from litellm import speech, transcription as transcribe  # expect: sdk=LiteLLM

PLANNER = "groq/llama-3.1-70b-versatile"  # expect: model=groq/llama-3.1-70b-versatile
WRITER = "azure/gpt4o-writer"

litellm.drop_params = True


def plan(task: str) -> str:
    r = completion(model=PLANNER, messages=[{"role": "user", "content": task}], temperature=0)  # expect: call=chat; model=groq/llama-3.1-70b-versatile; provider=Groq; via=Groq
    return r.choices[0].message.content


async def summarize(chunks: list[str]) -> str:
    params = {
        "model": WRITER,  # expect: deployment=azure/gpt4o-writer
        "messages": [{"role": "system", "content": "Summarize."}, {"role": "user", "content": "\n".join(chunks)}],
        "api_base": os.environ["AZURE_API_BASE"],
        "api_version": "2024-08-01-preview",  # expect: api_version=2024-08-01-preview
    }
    resp = await acompletion(**params)  # expect: call=chat; provider=Azure OpenAI (acme-eastus.openai.azure.com); via=Azure OpenAI (acme-eastus.openai.azure.com)
    return resp.choices[0].message.content


def embed(texts: list[str]) -> list[list[float]]:
    kwargs = dict(model="text-embedding-3-small", input=texts, dimensions=512)  # expect: model=text-embedding-3-small
    out = embedding(**kwargs)  # expect: call=embeddings; provider=OpenAI; via=OpenAI
    return [d["embedding"] for d in out.data]


async def embed_fr(texts: list[str]):
    return await litellm.aembedding(model="mistral/mistral-embed", input=texts)  # expect: call=embeddings; model=mistral/mistral-embed; provider=Mistral; via=Mistral


def cover_image(prompt: str) -> str:
    img = image_generation(prompt=prompt, model="dall-e-3", size="1024x1024")  # expect: call=images; model=dall-e-3; provider=OpenAI; via=OpenAI
    return img.data[0].url


def notes_from_audio(path: str) -> str:
    with open(path, "rb") as f:
        return transcribe(model="whisper-1", file=f).text  # expect: call=audio; model=whisper-1; provider=OpenAI; via=OpenAI


def read_aloud(text: str):
    return speech(model="openai/tts-1", voice="alloy", input=text)  # expect: call=audio; model=openai/tts-1; provider=OpenAI; via=OpenAI


def deep_research(question: str):
    return litellm.responses(model="openai/o4-mini", input=question)  # expect: call=responses; model=openai/o4-mini; provider=OpenAI; via=OpenAI


def is_flagged(text: str) -> bool:
    return litellm.moderation(input=text, model="omni-moderation-latest").results[0].flagged  # expect: call=moderations; model=omni-moderation-latest; provider=OpenAI; via=OpenAI
