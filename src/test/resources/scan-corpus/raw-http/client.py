import os

import requests

BASE = os.environ.get("LLM_BASE_URL", "http://127.0.0.1:8080/v1")


def chat(prompt):
    r = requests.post(
        f"{BASE}/chat/completions",  # expect: call=chat; sdk=Direct HTTP; base_url=http://127.0.0.1:8080/v1
        headers={"Authorization": "Bearer " + os.environ["LLM_API_KEY"]},  # expect: env_var=env:LLM_API_KEY
        json={"model": "qwen2.5-7b-instruct", "messages": [{"role": "user", "content": prompt}]},  # expect: model=qwen2.5-7b-instruct
        timeout=60,  # expect: parameter.timeout=60
    )
    return r.json()["choices"][0]["message"]["content"]
