"""The optional LLM answerer: a model writes from the numbered sources, the verifier keeps what they support.

PODIUM_LLM-style specs name the model: 'ollama:MODEL', 'openai-like:URL:MODEL' (a server speaking
OpenAI's chat API, e.g. http://127.0.0.1:8080/v1; its path may hold no ':'), or
'llama-cpp:PATH_TO_GGUF' (in-process). Each integration is imported only when its spec is used.
"""

from __future__ import annotations

import html
import os
import re

from llama_index.core.llms import LLM, ChatMessage, MessageRole
from llama_index.core.prompts import PromptTemplate

from prompts import read_prompt

from .contract import Answer, Citation
from .verify import source_time, verify

# Greedy decoding: the verifier drops whatever the sources don't bear out, and sampling only adds misses.
TEMPERATURE = 0.0
MAX_TOKENS = 256
CONTEXT = 4096
TIMEOUT = 120.0
_OPENAI_LIKE = re.compile(r"(https?://[^/\s]+(?:/[^:\s]*)?):(\S+)")


class LLMAnswerer:
    def __init__(self, llm: LLM):
        self.llm = llm
        self.system = read_prompt("answer_system.txt")
        self.user = PromptTemplate(read_prompt("answer_user.txt"))

    def answer(self, question: str, sources: list[Citation]) -> Answer:
        return verify(question, self.reply(question, sources), sources)

    def reply(self, question: str, sources: list[Citation]) -> str:
        """The model's answer as written, unchecked."""
        return self.llm.chat(self.messages(question, sources)).message.content or ""

    def messages(self, question: str, sources: list[Citation]) -> list[ChatMessage]:
        user = self.user.format(question=question, sources=render_sources(sources))
        return [ChatMessage(role=MessageRole.SYSTEM, content=self.system), ChatMessage(role=MessageRole.USER, content=user)]


def render_sources(sources: list[Citation]) -> str:
    """Each source in its own <source> block. Its text can't close the block or open another, as its
    angle brackets are escaped; attributes are escaped whole."""
    blocks = []
    for s in sources:
        attributes = {"n": s.n, "speaker": s.speaker, "role": s.role, "date": s.date, "time": source_time(s)}
        tag = " ".join(f'{k}="{html.escape(str(v))}"' for k, v in attributes.items() if v)
        text = s.quote.replace("<", "&lt;").replace(">", "&gt;")
        blocks.append(f"<source {tag}>\n{text}\n</source>")
    return "\n\n".join(blocks)


def llm_from_spec(spec: str) -> LLM:
    """The llama-index LLM a PODIUM_LLM spec names (see the module's doc)."""
    kind, _, rest = spec.partition(":")
    if kind == "ollama" and rest:
        from llama_index.llms.ollama import Ollama

        return Ollama(model=rest, temperature=TEMPERATURE, context_window=CONTEXT, request_timeout=TIMEOUT)
    if kind == "openai-like" and (match := _OPENAI_LIKE.fullmatch(rest)):
        from llama_index.llms.openai_like import OpenAILike

        # Local servers ignore the key; OPENAI_API_KEY is not sent on, as the URL may be anyone's.
        key = os.environ.get("PODIUM_LLM_API_KEY", "unused")
        return OpenAILike(
            model=match[2], api_base=match[1], api_key=key, is_chat_model=True, temperature=TEMPERATURE,
            max_tokens=MAX_TOKENS, context_window=CONTEXT, timeout=TIMEOUT,
        )  # fmt: skip
    if kind == "llama-cpp" and rest:
        return _llama_cpp(rest)
    raise ValueError(f"unknown LLM spec {spec!r}: expected ollama:MODEL, openai-like:URL:MODEL or llama-cpp:PATH_TO_GGUF")


def _llama_cpp(path: str) -> LLM:
    from llama_index.llms.llama_cpp import LlamaCPP

    llm = LlamaCPP(
        model_path=path, temperature=TEMPERATURE, max_new_tokens=MAX_TOKENS, context_window=CONTEXT, verbose=False
    )
    # The wrapper's default prompt format is not what the model was trained on: use the GGUF's own template.
    llm.messages_to_prompt = _template_prompt(llm._model)
    llm.completion_to_prompt = lambda text: llm.messages_to_prompt([ChatMessage(role=MessageRole.USER, content=text)])
    return llm


def _template_prompt(model):
    """messages -> prompt, rendered with the chat template the GGUF carries."""
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    template = model.metadata.get("tokenizer.chat_template")
    if not template:
        raise ValueError(f"{model.model_path} carries no chat template")
    eos, bos = (model.detokenize([t], special=True).decode() for t in (model.token_eos(), model.token_bos()))
    formatter = Jinja2ChatFormatter(template=template, eos_token=eos, bos_token=bos)

    def messages_to_prompt(messages) -> str:
        return formatter(messages=[{"role": m.role.value, "content": m.content} for m in messages]).prompt

    return messages_to_prompt
