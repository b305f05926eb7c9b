import openai  # expect: sdk=Python openai
from openai import OpenAI  # expect: sdk=Python openai

from service.settings import settings

openrouter = OpenAI(base_url=settings.openrouter_base_url, api_key=settings.openrouter_api_key)  # expect: sdk=Python openai; provider=OpenRouter
deepseek = OpenAI(base_url="https://api.deepseek.com", api_key=settings.deepseek_api_key)  # expect: sdk=Python openai; provider=DeepSeek; base_url=https://api.deepseek.com
azure = openai.AzureOpenAI(azure_endpoint=settings.azure_endpoint, api_version=settings.azure_api_version)  # expect: sdk=Python openai (Azure); provider=Azure OpenAI


def tenant_client(tenant) -> OpenAI:
    # each enterprise tenant brings its own gateway; stored on the tenants table
    return OpenAI(base_url=tenant.llm_base_url, api_key=tenant.llm_api_key)  # expect: sdk=Python openai; provider=run-time data: tenant.llm_base_url; runtime_base_url=tenant.llm_base_url
