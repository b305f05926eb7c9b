from langchain_openai import AzureChatOpenAI, AzureOpenAIEmbeddings  # expect: sdk=LangChain

llm = AzureChatOpenAI(  # expect: call=chat; sdk=LangChain; provider=Azure OpenAI (contoso-rag.openai.azure.com); via=Azure OpenAI (contoso-rag.openai.azure.com)
    azure_deployment="gpt-4o-mini",  # expect: deployment=gpt-4o-mini
    openai_api_version="2024-08-01-preview",  # expect: api_version=2024-08-01-preview
    temperature=0,
)
retriever_embeddings = AzureOpenAIEmbeddings(azure_deployment="embed-small")  # expect: call=embeddings; sdk=LangChain; deployment=embed-small; provider=Azure OpenAI (contoso-rag.openai.azure.com); via=Azure OpenAI (contoso-rag.openai.azure.com)
