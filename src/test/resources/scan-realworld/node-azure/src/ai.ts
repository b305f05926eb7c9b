import { createAzure } from "@ai-sdk/azure"; // expect: sdk=Vercel AI SDK
import { createOpenAI } from "@ai-sdk/openai"; // expect: sdk=Vercel AI SDK
import { generateText, streamText, embed } from "ai";

const azure = createAzure({ resourceName: "fabrikam-ai", apiKey: process.env.AZURE_API_KEY }); // expect: sdk=Vercel AI SDK; provider=Azure OpenAI (fabrikam-ai.openai.azure.com); base_url=https://fabrikam-ai.openai.azure.com; repeated_base_url=https://fabrikam-ai.openai.azure.com
const groq = createOpenAI({ baseURL: "https://api.groq.com/openai/v1", apiKey: process.env.GROQ_API_KEY }); // expect: sdk=Vercel AI SDK; provider=Groq; base_url=https://api.groq.com/openai/v1

export function answer(prompt: string) {
  return streamText({ model: azure("gpt4o-answers"), prompt }); // expect: call=chat; deployment=gpt4o-answers; via=Azure OpenAI (fabrikam-ai.openai.azure.com)
}

export async function tag(text: string) {
  const { text: tags } = await generateText({ model: groq("llama-3.1-8b-instant"), prompt: "Tags for: " + text }); // expect: call=chat; model=llama-3.1-8b-instant; via=Groq
  return tags.split(",");
}

export async function vector(value: string) {
  return embed({ model: azure.textEmbeddingModel("embeddings-small"), value }); // expect: call=embeddings; deployment=embeddings-small; via=Azure OpenAI (fabrikam-ai.openai.azure.com)
}
