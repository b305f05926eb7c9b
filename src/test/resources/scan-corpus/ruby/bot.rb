require "openai" # expect: sdk=Ruby openai

# The client reads the key from the environment.
client = OpenAI::Client.new( # expect: sdk=Ruby openai
  access_token: ENV.fetch("OPENAI_API_KEY"), # expect: env_var=env:OPENAI_API_KEY
  uri_base: "https://openrouter.ai/api/v1", # expect: base_url=https://openrouter.ai/api/v1
  request_timeout: 240 # expect: parameter.timeout=240
)

response = client.chat( # expect: call=chat
  parameters: {
    model: "gpt-4o-mini", # expect: model=gpt-4o-mini
    messages: [{ role: "user", content: "Hello!" }],
    stream: proc { |chunk, _bytesize| print chunk.dig("choices", 0, "delta", "content") } # expect: parameter.stream=true
  }
)
