"""Migration notes.

We used to call client.chat.completions.create(model="gpt-4o") directly with the openai SDK;
now everything goes through the internal queue. See OPENAI_BASE_URL in the old README.
"""

# from openai import OpenAI
# client = OpenAI(base_url="https://api.openai.com/v1")
# client.chat.completions.create(model="gpt-4o-mini", stream=True)


def openai_compatible(name):
    """Return True when a provider name speaks the OpenAI wire format."""
    return name in {"vllm", "ollama"}


openai_enabled = False
