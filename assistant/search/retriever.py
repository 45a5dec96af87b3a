"""The searcher as a LangChain retriever, for LangChain pipelines that take one.

Apart from retrieve.py because `langchain_core.retrievers` imports LangChain's tracers and
langsmith with them: 0.25 s of a new process, which the assistant's own answering path
(`Searcher.search`) does not need (`ipqa bench`, README "Speed").
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from assistant.search.filters import Filters


class TaskRetriever(BaseRetriever):
    """The searcher as a LangChain retriever: Documents carrying the task number and scores."""

    searcher: Any
    k: int = 5
    filters: Filters | None = None
    mode: str = "hybrid"

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        notice = self.searcher.notice
        docs = []
        for hit in self.searcher.search(query, self.filters, self.k, self.mode):
            task = notice.task(hit.task)
            docs.append(Document(
                id=str(task.number),
                page_content=task.text,
                metadata={"task": task.number, "score": hit.score, "similarity": hit.similarity, "via": hit.via,
                          "part": task.part, "heading": task.heading,
                          "agency_ids": list(task.agency_ids), "lead_ids": list(task.lead_ids)},
            ))
        return docs
