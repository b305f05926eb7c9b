import OpenAI from "openai"; // expect: sdk=Node openai
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions.mjs"; // expect: sdk=Node openai
import type { Stream } from "openai/streaming"; // expect: sdk=Node openai

// Before the move to Azure every route went to Together:
// const legacy = new OpenAI({ baseURL: "https://api.together.xyz/v1" });
// await legacy.embeddings.create({ model: "text-embedding-3-large", input });

/** One selectable provider in the model picker. */
export interface ProviderConfig {
  id: string;
  baseURL: string;
  apiKey?: string;
  defaultModel: string;
}

const AZURE_ENDPOINT = process.env.AZURE_OPENAI_ENDPOINT;
const AZURE_DEPLOYMENT_ID = process.env.AZURE_OPENAI_DEPLOYMENT;

export const azure = new OpenAI({ // expect: sdk=Node openai; provider=Azure OpenAI (acme-eastus.openai.azure.com)
  baseURL: `${AZURE_ENDPOINT}/openai/deployments/${AZURE_DEPLOYMENT_ID}`, // expect: deployment=gpt4o-chat-prod
  defaultQuery: { "api-version": "2024-10-21" }, // expect: api_version=2024-10-21
  defaultHeaders: { "api-key": process.env.AZURE_OPENAI_API_KEY }, // expect: auth=api-key header
});

export const groq = new OpenAI({ baseURL: "https://api.groq.com/openai/v1", apiKey: process.env.GROQ_API_KEY }); // expect: provider=Groq; base_url=https://api.groq.com/openai/v1

export const mistral = new OpenAI({ // expect: provider=Mistral
  baseURL: "https://api.mistral.ai/v1", // expect: base_url=https://api.mistral.ai/v1
  apiKey: process.env.MISTRAL_API_KEY,
});

export async function streamAzure(messages: ChatCompletionMessageParam[]): Promise<Stream<OpenAI.Chat.ChatCompletionChunk>> {
  return azure.chat.completions.create({ model: "", messages, stream: true }); // expect: call=chat; via=Azure OpenAI (acme-eastus.openai.azure.com)
}
