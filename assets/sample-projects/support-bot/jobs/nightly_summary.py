"""Nightly job: summarises yesterday's tickets. Written before the bot read its settings from .env."""
import os

from openai import OpenAI

# The base URL is written here a second time: moving gateways means changing it in two places.
client = OpenAI(base_url="https://api.openai.com/v1", api_key=os.environ["OPENAI_API_KEY"])


def summarize(tickets):
    reply = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "Summarise these tickets:\n" + "\n".join(tickets)}],
        temperature=0.2,
    )
    return reply.choices[0].message.content
