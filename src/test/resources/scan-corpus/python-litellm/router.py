import litellm  # expect: sdk=LiteLLM
from litellm import completion  # expect: sdk=LiteLLM

litellm.api_base = "http://localhost:4000"  # expect: base_url=http://localhost:4000


def ask(prompt):
    return completion(model="openai/gpt-4o-mini", messages=[{"role": "user", "content": prompt}], num_retries=2)  # expect: call=chat; model=openai/gpt-4o-mini; parameter.retries=2


def vectors(texts):
    return litellm.embedding(model="text-embedding-3-small", input=texts)  # expect: call=embeddings; model=text-embedding-3-small
