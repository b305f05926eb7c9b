import requests
from fastapi import APIRouter
from openai.types.chat import ChatCompletion  # expect: sdk=Python openai

from service.providers import azure, deepseek, openrouter, tenant_client
from service.settings import settings

router = APIRouter()


@router.post("/draft")
def draft(prompt: str) -> str:
    r: ChatCompletion = openrouter.chat.completions.create(  # expect: call=chat; via=OpenRouter
        model="anthropic/claude-3.5-haiku",  # expect: model=anthropic/claude-3.5-haiku
        messages=[{"role": "user", "content": prompt}],
        extra_headers={"HTTP-Referer": "https://example.org"},
    )
    return r.choices[0].message.content


@router.post("/code")
def code(prompt: str) -> str:
    r = deepseek.chat.completions.create(model=settings.deepseek_model, messages=[{"role": "user", "content": prompt}])  # expect: call=chat; via=DeepSeek
    return r.choices[0].message.content


@router.post("/summarize")
def summarize(text: str) -> str:
    r = azure.chat.completions.create(model="summaries-4o", messages=[{"role": "user", "content": text}])  # expect: call=chat; deployment=summaries-4o; via=Azure OpenAI
    return r.choices[0].message.content


@router.post("/tenant/{tid}/ask")
def tenant_ask(tenant, prompt: str) -> str:
    client = tenant_client(tenant)
    return client.chat.completions.create(model=tenant.model, messages=[{"role": "user", "content": prompt}]).choices[0].message.content  # expect: call=chat


@router.post("/embed")
def embed(text: str) -> list[float]:
    r = requests.post(f"{settings.ollama_url}/v1/embeddings", json={"model": "nomic-embed-text", "input": text}, timeout=20)  # expect: call=embeddings; sdk=Direct HTTP; model=nomic-embed-text
    return r.json()["data"][0]["embedding"]
