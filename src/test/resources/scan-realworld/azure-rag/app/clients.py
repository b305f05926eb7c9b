import os

from azure.identity import DefaultAzureCredential, get_bearer_token_provider
from openai import AsyncAzureOpenAI, AzureOpenAI  # expect: sdk=Python openai

token_provider = get_bearer_token_provider(DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")  # expect: auth=Azure AD token

chat_client = AsyncAzureOpenAI(  # expect: sdk=Python openai (Azure); provider=Azure OpenAI (contoso-rag.openai.azure.com)
    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    api_version=os.getenv("OPENAI_API_VERSION", "2024-10-21"),  # expect: api_version=env:OPENAI_API_VERSION
    azure_ad_token_provider=token_provider,  # expect: auth=Azure AD token
)

embed_client = AzureOpenAI(  # expect: sdk=Python openai (Azure); provider=Azure OpenAI (contoso-rag.openai.azure.com)
    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    api_version="2024-06-01",  # expect: api_version=2024-06-01
)

CHAT_DEPLOYMENT = os.environ["AZURE_OPENAI_CHAT_DEPLOYMENT"]
EMBEDDING_DEPLOYMENT = os.getenv("AZURE_OPENAI_EMBEDDING_DEPLOYMENT", "embed-large-v3")
