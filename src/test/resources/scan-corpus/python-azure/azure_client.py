import os
from openai import AzureOpenAI  # expect: sdk=Python openai

client = AzureOpenAI(  # expect: sdk=Python openai (Azure)
    azure_endpoint="https://contoso-ai.openai.azure.com",  # expect: base_url=https://contoso-ai.openai.azure.com
    api_key=os.environ.get("AZURE_OPENAI_API_KEY"),  # expect: env_var=env:AZURE_OPENAI_API_KEY
    api_version="2024-10-21",
)

completion = client.chat.completions.create(model="gpt-4o-prod", messages=[{"role": "user", "content": "ping"}],  # expect: call=chat; model=gpt-4o-prod
                                            response_format={"type": "json_object"})  # expect: parameter.response_format=json_object
