from langchain_openai import ChatOpenAI, OpenAIEmbeddings  # expect: sdk=LangChain
from langchain_core.messages import HumanMessage, SystemMessage  # expect: parameter.message_shape=system messages

llm = ChatOpenAI(model="gpt-4o", temperature=0, streaming=True, base_url="https://llm-proxy.internal.example.com/v1")  # expect: call=chat; model=gpt-4o; parameter.stream=true; base_url=https://llm-proxy.internal.example.com/v1; parameter.temperature=0
embeddings = OpenAIEmbeddings(model="text-embedding-3-large")  # expect: call=embeddings; model=text-embedding-3-large

structured = llm.with_structured_output(dict)  # expect: parameter.response_format=json_schema


def run(question):
    return llm.invoke([SystemMessage(content="Answer in one line."), HumanMessage(content=question)])
