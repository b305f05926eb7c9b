#!/usr/bin/env bash
# Transcribe a meeting, then check the summary is safe to post.
set -euo pipefail

curl -sS https://router.flatkey.ai/v1/audio/transcriptions \
  -H "Authorization: Bearer $FLATKEY_API_KEY" \
  -F file=@meeting.mp3 \
  -F model=whisper-1

curl -sS https://api.openai.com/v1/moderations \
  -H "Authorization: Bearer $OPENAI_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{"model": "omni-moderation-latest", "input": "summary"}'
