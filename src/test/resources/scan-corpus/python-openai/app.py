"""Support bot: answers questions with the chat API."""
import os
from openai import OpenAI  # expect: sdk=Python openai

client = OpenAI(  # expect: sdk=Python openai
    base_url="https://api.openai.com/v1",  # expect: base_url=https://api.openai.com/v1
    api_key=os.environ["OPENAI_API_KEY"],  # expect: env_var=env:OPENAI_API_KEY
    timeout=30,  # expect: parameter.timeout=30
    max_retries=3,  # expect: parameter.retries=3
)


def answer(question: str) -> str:
    response = client.chat.completions.create(  # expect: call=chat
        model="gpt-4o-mini",  # expect: model=gpt-4o-mini
        messages=[
            {"role": "system", "content": "You are a helpful support agent."},  # expect: parameter.message_shape=system messages
            {"role": "user", "content": question},
        ],
        temperature=0.2,  # expect: parameter.temperature=0.2
        max_tokens=300,  # expect: parameter.max_tokens=300
        seed=7,  # expect: parameter.seed=7
    )
    return response.choices[0].message.content


def embed(texts):
    return client.embeddings.create(model="text-embedding-3-small", input=texts, encoding_format="float")  # expect: call=embeddings; model=text-embedding-3-small; parameter.mapping_notes=encoding_format=float
