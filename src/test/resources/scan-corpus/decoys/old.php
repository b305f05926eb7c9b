<?php
// $client->chat()->create(['model' => 'gpt-4o']);
# $client = OpenAI::client('key');
/* ->withBaseUri('https://api.openai.com/v1') */
echo "openai";
