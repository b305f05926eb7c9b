import asyncio
import os

from openai import AsyncOpenAI  # expect: sdk=Python openai

MODEL = "gpt-4.1"  # expect: model=gpt-4.1
client = AsyncOpenAI(api_key=os.getenv("OPENAI_API_KEY"))  # expect: sdk=Python openai; env_var=env:OPENAI_API_KEY

TOOLS = [{"type": "function", "function": {"name": "lookup_order", "parameters": {"type": "object"}}}]


async def stream_answer(messages):
    stream = await client.chat.completions.create(  # expect: call=chat
        model=MODEL,  # expect: model=gpt-4.1
        messages=[{"role": "developer", "content": "Be brief."}] + messages,  # expect: parameter.message_shape=developer messages
        stream=True,  # expect: parameter.stream=true
        stream_options={"include_usage": True},  # expect: parameter.mapping_notes=stream_options
        tools=TOOLS,  # expect: parameter.tools=true
        max_completion_tokens=512,  # expect: parameter.max_tokens=512
    )
    async for chunk in stream:
        if chunk.choices:
            print(chunk.choices[0].delta.content or "", end="")


async def describe(image_url):
    r = await client.responses.create(  # expect: call=responses
        model="gpt-4.1-mini",  # expect: model=gpt-4.1-mini
        input=[{"role": "user", "content": [{"type": "input_image", "image_url": image_url}]}],  # expect: parameter.message_shape=image parts
    )
    return r.output_text


if __name__ == "__main__":
    asyncio.run(stream_answer([{"role": "user", "content": "hi"}]))
