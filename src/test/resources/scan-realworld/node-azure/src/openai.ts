import { AzureOpenAI } from "openai"; // expect: sdk=Node openai
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";

const azureADTokenProvider = getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"); // expect: auth=Azure AD token

export const client = new AzureOpenAI({ // expect: sdk=Node openai (Azure); provider=Azure OpenAI (fabrikam-ai.openai.azure.com)
  endpoint: "https://fabrikam-ai.openai.azure.com", // expect: base_url=https://fabrikam-ai.openai.azure.com
  azureADTokenProvider, // expect: auth=Azure AD token
  apiVersion: "2025-01-01-preview", // expect: api_version=2025-01-01-preview
  deployment: "gpt-4o-support", // expect: deployment=gpt-4o-support
});

export async function caption(imageUrl: string) {
  const res = await client.chat.completions.create({ // expect: call=chat; via=Azure OpenAI (fabrikam-ai.openai.azure.com)
    model: "gpt-4o-support", // expect: deployment=gpt-4o-support
    messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: imageUrl } }] }],
  });
  return res.choices[0].message.content;
}

export async function banner(prompt: string) {
  const img = await client.images.generate({ model: "dalle3-banners", prompt, size: "1792x1024" }); // expect: call=images; deployment=dalle3-banners; via=Azure OpenAI (fabrikam-ai.openai.azure.com)
  return img.data[0].url;
}
