"""The one shared HTTP client: TLS verification always on, through the OS trust store.

``truststore`` makes Python use the operating system's certificate store, so TLS-inspecting
corporate proxies whose root certificate IT installed on the PC work as in the browser.
"""

from __future__ import annotations

import ssl

import httpx

from app import __version__


def tls_context() -> ssl.SSLContext:
    import truststore

    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2  # both providers require TLS 1.2+
    return context


def make_client(transport: httpx.AsyncBaseTransport | None = None, *, max_connections: int = 32) -> httpx.AsyncClient:
    """The client every provider request goes through. ``transport`` is for the demo simulator."""
    limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections)
    return httpx.AsyncClient(
        verify=tls_context(),
        limits=limits,
        follow_redirects=False,  # a redirected POST could close a batch somewhere unexpected
        # No compression: answers are small, and an uncompressed one cannot inflate past the size limit
        # (app.core.providers.base.MAX_ANSWER_BYTES); one compressed anyway is unpacked under that limit.
        headers={"User-Agent": f"Closeout/{__version__}", "Accept-Encoding": "identity"},
        transport=transport,  # None: httpx's own
    )
