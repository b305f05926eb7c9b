import os

from openai import OpenAI  # expect: sdk=Python openai

GATEWAY_HOST = os.getenv("GATEWAY_HOST", "https://gateway.internal.example.com")
API_VERSION = "v1"

client = OpenAI(base_url=f"{GATEWAY_HOST}/{API_VERSION}")  # expect: sdk=Python openai; base_url=https://gateway.internal.example.com/v1


def summarize(text, settings):
    result = client.chat.completions.create(  # expect: call=chat
        messages=[
            {"role": "user", "content": text},
        ],
        model=os.environ.get("CHAT_MODEL"),  # expect: model=gpt-4o-2024-08-06
    )
    return result


def summarize_short(text, settings):
    return client.chat.completions.create(  # expect: call=chat
        model=settings.summary_model,  # expect: model=gpt-4o-mini
        messages=[{"role": "user", "content": text}],
    )


def with_unknown(text, pick):
    return client.chat.completions.create(model=pick(), messages=[{"role": "user", "content": text}])  # expect: call=chat; model_variable=pick()
