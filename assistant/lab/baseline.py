"""A plain RAG over the same notice, as a user would first build it, for the eval to compare against.

Fixed-size character chunks (about 1,000 characters, LangChain's usual
RecursiveCharacterTextSplitter), the same embedding model, Chroma, top 4;
its "citations" are the task numbers that open a line in the retrieved chunks.
It has no answerer, so only the retrieval metrics apply to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import chromadb
from langchain_chroma import Chroma
from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.search.index import chroma_settings

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
TOP_K = 4
TASK_START_RE = re.compile(r"(?m)^\s*(\d{1,3})\.\s")


@dataclass
class BaselineAnswer:
    text: str
    citations: list[int]
    refused: bool = False
    notes: list[str] = field(default_factory=list)


class PlainRag:
    def __init__(self, corpus: Path, embeddings, folder: Path, last_task: int = 106):
        splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
        chunks = splitter.create_documents([Path(corpus).read_text(encoding="utf-8")])
        client = chromadb.PersistentClient(path=str(folder), settings=chroma_settings())
        self.store = Chroma(client=client, collection_name="baseline-chunks", embedding_function=embeddings)
        if self.store._collection.count() != len(chunks):  # a folder it built before is reused (`ipqa bench`)
            self.store.reset_collection()
            self.store.add_documents(chunks)
        self.chunks = len(chunks)
        self.last_task = last_task

    def ask(self, question: str, history=None) -> BaselineAnswer:
        docs = self.store.similarity_search(question, k=TOP_K)
        numbers = [int(n) for d in docs for n in TASK_START_RE.findall(d.page_content)]
        citations = [n for n in dict.fromkeys(numbers) if 1 <= n <= self.last_task]
        return BaselineAnswer("\n\n".join(d.page_content for d in docs), citations)
