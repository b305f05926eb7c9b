# client = OpenAI::Client.new(uri_base: "https://api.openai.com/v1")
=begin
client.chat(parameters: { model: "gpt-4o" })
=end
PROVIDER = "openai"
