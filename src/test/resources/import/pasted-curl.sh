# Copied from the support bot's debug log (keys replaced)
curl https://api.openai.com/v1/chat/completions \
  -sS -X POST \
  -H "Content-Type: application/json" \
  -H "Authorization: Bearer sk-test-curl-import-not-a-real-key" \
  --max-time 30 \
  -d '{
    "model": "gpt-4o-mini",
    "messages": [
      {"role": "system", "content": "You are the support bot of Acme."},
      {"role": "user", "content": "Say hello to a new customer named Ada."}
    ],
    "temperature": 0,
    "max_tokens": 120
  }'
