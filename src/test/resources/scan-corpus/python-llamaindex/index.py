from llama_index.llms.openai import OpenAI  # expect: sdk=LlamaIndex
from llama_index.embeddings.openai import OpenAIEmbedding  # expect: sdk=LlamaIndex

llm = OpenAI(model="gpt-4o-mini", temperature=0.1, api_base="https://gateway.example.org/v1")  # expect: call=chat; model=gpt-4o-mini; base_url=https://gateway.example.org/v1
embed_model = OpenAIEmbedding(model="text-embedding-3-small")  # expect: call=embeddings; model=text-embedding-3-small
