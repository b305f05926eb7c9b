import fs from "node:fs";
import OpenAI from "openai"; // expect: sdk=Node openai

const openai = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL }); // expect: sdk=Node openai; provider=OpenAI

export async function subtitles(file) {
  const r = await openai.audio.transcriptions.create({ file: fs.createReadStream(file), model: "whisper-1" }); // expect: call=audio; model=whisper-1; via=OpenAI
  return r.text;
}

export async function flagged(input) {
  const r = await openai.moderations.create({ model: "omni-moderation-latest", input }); // expect: call=moderations; model=omni-moderation-latest; via=OpenAI
  return r.results[0].flagged;
}

export async function variants(image) {
  return openai.images.createVariation({ image, model: "dall-e-2", n: 2 }); // expect: call=images; model=dall-e-2; via=OpenAI
}

export async function embedAll(request) {
  return openai.embeddings.create(request); // expect: call=embeddings; via=OpenAI
}

export const DEFAULT_EMBEDDING = { model: "text-embedding-3-small", encoding_format: "float" }; // expect: model=text-embedding-3-small
