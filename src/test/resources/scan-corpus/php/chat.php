<?php

use OpenAI; // expect: sdk=PHP openai-php

$client = OpenAI::factory() // expect: sdk=PHP openai-php
    ->withApiKey(getenv('OPENAI_API_KEY')) // expect: env_var=env:OPENAI_API_KEY
    ->withBaseUri('https://api.mistral.ai/v1') // expect: base_url=https://api.mistral.ai/v1
    ->make();

$result = $client->chat()->create([ // expect: call=chat
    'model' => 'mistral-small-latest', // expect: model=mistral-small-latest
    'messages' => [
        ['role' => 'user', 'content' => 'Hello!'],
    ],
    'response_format' => ['type' => 'json_object'], // expect: parameter.response_format=json_object
]);

echo $result->choices[0]->message->content;
