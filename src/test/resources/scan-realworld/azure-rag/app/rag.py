from openai.types.chat import ChatCompletionMessageParam  # expect: sdk=Python openai

from app.clients import CHAT_DEPLOYMENT, EMBEDDING_DEPLOYMENT, chat_client, embed_client


def vectors(texts: list[str]) -> list[list[float]]:
    res = embed_client.embeddings.create(input=texts, model=EMBEDDING_DEPLOYMENT)  # expect: call=embeddings; deployment=embed-large-v3; via=Azure OpenAI (contoso-rag.openai.azure.com)
    return [d.embedding for d in res.data]


async def answer(question: str, context: str) -> str:
    messages: list[ChatCompletionMessageParam] = [
        {"role": "system", "content": "Answer from the context only.\n" + context},
        {"role": "user", "content": question},
    ]
    resp = await chat_client.chat.completions.create(  # expect: call=chat; via=Azure OpenAI (contoso-rag.openai.azure.com)
        model=CHAT_DEPLOYMENT,  # expect: deployment=gpt-4o-rag
        messages=messages,
        temperature=0.1,
    )
    return resp.choices[0].message.content
