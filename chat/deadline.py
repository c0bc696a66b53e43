"""The per-request deadline as the chat room checks it (the engine's loops call check_deadline).

Its home is index.deadline: the retriever, one room down, checks it too.
"""

from index.deadline import DeadlineExceeded, check_deadline, deadline, remaining

__all__ = ["DeadlineExceeded", "check_deadline", "deadline", "remaining"]
