"""Customer-support bot: streams answers from an OpenAI-compatible chat API."""
import os

from openai import OpenAI

SYSTEM_PROMPT = "You are Acme's support assistant. Answer in at most three sentences."

client = OpenAI(
    base_url=os.getenv("OPENAI_BASE_URL", "https://api.openai.com/v1"),
    api_key=os.environ["OPENAI_API_KEY"],
    timeout=30,
    max_retries=2,
)


def answer(history, question):
    """Streams the reply to the terminal and returns the full text."""
    stream = client.chat.completions.create(
        model=os.getenv("SUPPORT_MODEL", "gpt-4o-mini"),
        messages=[{"role": "system", "content": SYSTEM_PROMPT}, *history, {"role": "user", "content": question}],
        temperature=0.3,
        max_tokens=400,
        stream=True,
        stream_options={"include_usage": True},
    )
    parts = []
    for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            parts.append(chunk.choices[0].delta.content)
            print(chunk.choices[0].delta.content, end="", flush=True)
    print()
    return "".join(parts)


if __name__ == "__main__":
    history = []
    while True:
        q = input("> ")
        history += [{"role": "user", "content": q}, {"role": "assistant", "content": answer(history, q)}]
