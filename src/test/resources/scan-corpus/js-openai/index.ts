import OpenAI from "openai"; // expect: sdk=Node openai
import { zodResponseFormat } from "openai/helpers/zod"; // expect: sdk=Node openai

const openai = new OpenAI({ // expect: sdk=Node openai
  baseURL: process.env.OPENAI_BASE_URL ?? "https://api.openai.com/v1", // expect: base_url=https://api.openai.com/v1
  apiKey: process.env.OPENAI_API_KEY, // expect: env_var=env:OPENAI_API_KEY
  timeout: 20 * 1000, // expect: parameter.timeout=20
  maxRetries: 1, // expect: parameter.retries=1
});

export async function reply(history: OpenAI.Chat.ChatCompletionMessageParam[]) {
  const stream = await openai.chat.completions.create({ // expect: call=chat
    model: "gpt-4o", // expect: model=gpt-4o
    messages: history,
    stream: true, // expect: parameter.stream=true
  });
  for await (const part of stream) {
    process.stdout.write(part.choices[0]?.delta?.content ?? "");
  }
}

export async function extract(text: string, schema: any) {
  return openai.chat.completions.parse({ // expect: call=chat; parameter.response_format=json_schema
    model: "gpt-4o-mini", // expect: model=gpt-4o-mini
    messages: [{ role: "user", content: text }],
    response_format: zodResponseFormat(schema, "order"), // expect: parameter.response_format=json_schema
  });
}
