"""The nightly batch still calls the REST API directly (it predates the SDK)."""
import os

import requests

ENDPOINT = "https://contoso-rag.openai.azure.com"
DEPLOYMENT = "gpt-4o-mini-batch"  # expect: deployment=gpt-4o-mini-batch


def classify(text: str) -> str:
    r = requests.post(
        f"{ENDPOINT}/openai/deployments/{DEPLOYMENT}/chat/completions?api-version=2024-02-01",  # expect: call=chat; sdk=Direct HTTP; base_url=https://contoso-rag.openai.azure.com/openai/deployments/gpt-4o-mini-batch; deployment=gpt-4o-mini-batch; api_version=2024-02-01; provider=Azure OpenAI (contoso-rag.openai.azure.com); via=Azure OpenAI (contoso-rag.openai.azure.com)
        headers={"api-key": os.environ["AZURE_OPENAI_API_KEY"], "Content-Type": "application/json"},  # expect: auth=api-key header
        json={"messages": [{"role": "user", "content": text}], "max_tokens": 5},
        timeout=30,
    )
    return r.json()["choices"][0]["message"]["content"]
