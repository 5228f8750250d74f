"""The two shapes of the server's own ASGI middleware, written once: one that acts on HTTP requests only
(lifespan and other scopes pass through untouched), and one that only edits a response's start message
(its status and headers)."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HTTPMiddleware:
    """Runs `handle` for an HTTP request; every other scope goes straight to the app."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError


class ResponseStartMiddleware(HTTPMiddleware):
    """Passes the response on, after `edit_start` has changed its start message in place."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_edited(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.edit_start(message)
            await send(message)

        await self.app(scope, receive, send_edited)

    def edit_start(self, message: Message) -> None:
        raise NotImplementedError
