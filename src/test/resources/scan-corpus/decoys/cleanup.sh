#!/bin/sh
# curl https://api.openai.com/v1/chat/completions -d '{"model":"gpt-4o"}'
echo "openai cache cleared"
