package com.example.raw;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

final class Fetch {
    static HttpRequest embeddings(String body) {
        return HttpRequest.newBuilder(URI.create("https://api.together.xyz/v1/embeddings")) // expect: call=embeddings; sdk=Direct HTTP; base_url=https://api.together.xyz/v1
                .header("Authorization", "Bearer " + System.getenv("TOGETHER_API_KEY")) // expect: env_var=env:TOGETHER_API_KEY
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
