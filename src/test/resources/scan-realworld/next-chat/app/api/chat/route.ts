import type OpenAI from "openai"; // expect: sdk=Node openai
import { azure, groq, mistral, streamAzure } from "@/lib/llm/clients";
import { chatWithCustomModel } from "@/lib/llm/custom";

type Body = { provider: "azure" | "groq" | "mistral" | "custom"; userId: string; messages: OpenAI.Chat.ChatCompletionMessageParam[] };

export async function POST(req: Request) {
  const body = (await req.json()) as Body;
  switch (body.provider) {
    case "groq": {
      const r = await groq.chat.completions.create({ model: "llama-3.3-70b-versatile", messages: body.messages, temperature: 0.3 }); // expect: call=chat; model=llama-3.3-70b-versatile; via=Groq
      return Response.json(r.choices[0].message);
    }
    case "mistral": {
      const r = await mistral.chat.completions.create({ // expect: call=chat; via=Mistral
        model: "mistral-large-latest", // expect: model=mistral-large-latest
        messages: body.messages,
        tools: [{ type: "function", function: { name: "search", parameters: { type: "object", properties: {} } } }],
      });
      return Response.json(r.choices[0].message);
    }
    case "custom":
      return Response.json(await chatWithCustomModel(body.userId, body.messages));
    default: {
      const title = await azure.chat.completions.create({ model: "", messages: [{ role: "user", content: "Title this chat." }] }); // expect: call=chat; via=Azure OpenAI (acme-eastus.openai.azure.com)
      return new Response((await streamAzure(body.messages)).toReadableStream(), { headers: { "x-title": title.choices[0].message.content ?? "" } });
    }
  }
}
