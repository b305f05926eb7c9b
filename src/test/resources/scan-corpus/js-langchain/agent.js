const { ChatOpenAI } = require("@langchain/openai"); // expect: sdk=LangChain.js

const model = new ChatOpenAI({ // expect: call=chat
  model: "gpt-4o-mini", // expect: model=gpt-4o-mini
  temperature: 0.7, // expect: parameter.temperature=0.7
  configuration: { baseURL: "https://litellm.corp.example.com/v1" }, // expect: base_url=https://litellm.corp.example.com/v1
});

module.exports = { model };
