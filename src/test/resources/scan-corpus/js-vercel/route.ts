import { createOpenAI } from "@ai-sdk/openai"; // expect: sdk=Vercel AI SDK
import { streamText, generateObject, tool } from "ai";
import { z } from "zod";

const gateway = createOpenAI({ // expect: sdk=Vercel AI SDK
  baseURL: "https://router.example.net/v1", // expect: base_url=https://router.example.net/v1
  apiKey: process.env.GATEWAY_API_KEY, // expect: env_var=env:GATEWAY_API_KEY
});

export async function POST(req: Request) {
  const { messages } = await req.json();
  const result = streamText({ // expect: call=chat; parameter.stream=true
    model: gateway("gpt-4o-mini"), // expect: model=gpt-4o-mini
    system: "You are a shopping assistant.", // expect: parameter.message_shape=system messages
    messages,
    tools: { // expect: parameter.tools=true
      price: tool({ description: "price of an item", parameters: z.object({ sku: z.string() }) }),
    },
  });
  return result.toDataStreamResponse();
}

export async function classify(text: string) {
  return generateObject({ // expect: call=chat; parameter.response_format=json_schema
    model: gateway("gpt-4.1-nano"), // expect: model=gpt-4.1-nano
    schema: z.object({ label: z.string() }),
    prompt: text,
  });
}
