"""`endpoint`: one request builder becomes a method of both clients, typed for each.

An API method is written once, as a function that builds its `Req`. On an `S20Client` it
is a method returning the typed result; on an `AsyncS20Client`, a coroutine of it. mypy
sees both signatures exactly (the arguments through `ParamSpec`, the result through `T`).
"""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from functools import update_wrapper
from typing import Any, Concatenate, Generic, ParamSpec, Self, TypeVar, overload

from ._flow import Body

__all__ = ["AsyncCaller", "Req", "SyncCaller", "endpoint"]

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True)
class Req(Generic[T]):
    """One API request, and (as `T`) the type of its `result`."""

    method: str
    path: str
    body: Body = None


class SyncCaller(ABC):
    """The blocking side: `_call` sends one request and returns its `result`."""

    @abstractmethod
    def _call(self, method: str, path: str, body: Body = None) -> Any:
        """Send one request; return its `result`."""


class AsyncCaller(ABC):
    """The asyncio side: `_call` is a coroutine returning the request's `result`."""

    @abstractmethod
    async def _call(self, method: str, path: str, body: Body = None) -> Any:
        """Send one request; return its `result`."""


class endpoint(Generic[P, T]):
    """Make a `Req` builder a method: blocking on `SyncCaller`, a coroutine on `AsyncCaller`."""

    def __init__(self, build: Callable[Concatenate[Any, P], Req[T]]) -> None:
        self.build = build
        self.__doc__ = build.__doc__
        self.__name__ = build.__name__
        signature = inspect.signature(build)
        # help() and IDEs show the bound method's own parameters, without `self`.
        self._signature = signature.replace(parameters=list(signature.parameters.values())[1:])

    def _wrap(self, method: Callable[..., Any]) -> Callable[..., Any]:
        update_wrapper(method, self.build)
        method.__signature__ = self._signature  # type: ignore[attr-defined]
        return method

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(
        self, obj: AsyncCaller, owner: type[Any]
    ) -> Callable[P, Coroutine[Any, Any, T]]: ...
    @overload
    def __get__(self, obj: SyncCaller, owner: type[Any]) -> Callable[P, T]: ...
    def __get__(self, obj: object, owner: type[Any]) -> Any:
        if obj is None:
            return self
        build = self.build
        if isinstance(obj, AsyncCaller):
            caller = obj

            async def call_async(*args: P.args, **kwargs: P.kwargs) -> T:
                req = build(caller, *args, **kwargs)
                result: T = await caller._call(req.method, req.path, req.body)
                return result

            return self._wrap(call_async)
        if isinstance(obj, SyncCaller):
            sync = obj

            def call(*args: P.args, **kwargs: P.kwargs) -> T:
                req = build(sync, *args, **kwargs)
                result: T = sync._call(req.method, req.path, req.body)
                return result

            return self._wrap(call)
        raise TypeError(f"{type(obj).__name__} is neither a sync nor an async S20 client")
