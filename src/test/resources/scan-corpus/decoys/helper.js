// import OpenAI from "openai";
// const openai = new OpenAI({ baseURL: "https://api.openai.com/v1" });
/*
 * await openai.chat.completions.create({ model: "gpt-4o", stream: true });
 */
export function label(provider) {
  return provider === "openai" ? "OpenAI" : provider;
}
