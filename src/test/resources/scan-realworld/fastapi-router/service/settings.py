from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    """Read from the environment; defaults are the development values."""

    openrouter_base_url: str = "https://openrouter.ai/api/v1"  # expect: base_url=https://openrouter.ai/api/v1; provider=OpenRouter
    ollama_url: str = "http://localhost:11434"
    deepseek_model: str = "deepseek-chat"  # expect: model=deepseek-chat
    azure_endpoint: str | None = None
    azure_api_version: str = "2024-10-21"


settings = Settings()
