import OpenAI from "openai"; // expect: sdk=Node openai
import { db } from "../db";

/** A model a user added in settings: its endpoint and key are rows in the custom_models table. */
export async function chatWithCustomModel(userId: string, messages: OpenAI.Chat.ChatCompletionMessageParam[]) {
  const customModel = await db.customModel.findFirstOrThrow({ where: { userId } });
  const client = new OpenAI({ // expect: sdk=Node openai; provider=run-time data: customModel.base_url
    baseURL: customModel.base_url, // expect: runtime_base_url=customModel.base_url
    apiKey: customModel.api_key,
  });
  return client.chat.completions.create({ model: customModel.name, messages }); // expect: call=chat; via=run-time data: customModel.base_url
}
