import litellm as llm  # expect: sdk=LiteLLM


def critique(draft: str) -> str:
    # a second opinion from another vendor: llm.completion(model="gpt-4o") was too lenient
    reply = llm.completion(  # expect: call=chat; provider=Anthropic; via=Anthropic
        model="anthropic/claude-3-5-sonnet-20241022",  # expect: model=anthropic/claude-3-5-sonnet-20241022
        messages=[{"role": "user", "content": "Critique this draft:\n" + draft}],
        max_tokens=400,
    )
    return reply.choices[0].message.content


def completion(text):
    """Not LiteLLM's: the agent's own helper of the same name."""
    return text.strip()
