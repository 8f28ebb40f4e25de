"""Which addresses the scrapers may contact, checked twice: on the resolved
names before a request (a clear early error) and on the socket's peer right
after it connects (so a DNS answer that changes in between is still caught).
"""

from __future__ import annotations

import ipaddress

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


class AddressRefused(Exception):
    """The connection reached an address the policy forbids."""


def address_refusal(addresses: list[str], allow_loopback: bool) -> str | None:
    """Why these resolved addresses must not be contacted, or None when fine."""
    for text in addresses:
        ip = ipaddress.ip_address(text.split("%", 1)[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        if ip.is_loopback:
            if not allow_loopback:
                return "host resolves to a loopback address (use --allow-loopback)"
        elif ip.is_link_local:
            return "host resolves to a link-local address"
        elif ip.is_private or ip.is_reserved or ip.is_multicast or ip.is_unspecified:
            return "host resolves to a private or reserved address"
    return None


class _Guard:
    allow_loopback = False

    def _new_conn(self):
        sock = super()._new_conn()
        try:
            peer = sock.getpeername()[0]
        except OSError:
            peer = None
        refusal = address_refusal([peer], self.allow_loopback) if peer else None
        if refusal:
            sock.close()
            raise AddressRefused(f"{refusal} (at connect time: {peer})")
        return sock


def guarded_pools(allow_loopback: bool) -> dict[str, type]:
    """urllib3 pool classes (by scheme) whose connections check their peer address."""
    attrs = {"allow_loopback": allow_loopback}
    http_conn = type("GuardedHTTPConnection", (_Guard, HTTPConnection), attrs)
    https_conn = type("GuardedHTTPSConnection", (_Guard, HTTPSConnection), attrs)
    return {
        "http": type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn}),
        "https": type("GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn}),
    }
