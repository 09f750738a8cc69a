"""Imported at start-up by every Python process the tests launch (kernels, servers).

It refuses any network connection or name lookup that is not loopback, so a notebook that
reaches for the internet fails under test instead of quietly depending on it.
"""

import ipaddress
import socket

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}
_connect, _connect_ex, _getaddrinfo = (
    socket.socket.connect,
    socket.socket.connect_ex,
    socket.getaddrinfo,
)


class NetworkBlockedError(ConnectionRefusedError):
    """Raised instead of reaching a host that is not this machine."""


def _is_loopback(host: object) -> bool:
    name = host.decode() if isinstance(host, bytes) else str(host)
    if name.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name.split("%")[0]).is_loopback
    except ValueError:
        return False


def _guard(sock: socket.socket, address: object) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):  # type: ignore[index]
        raise NetworkBlockedError(f"network blocked under test: {address!r}")


def _guarded_connect(self, address):
    _guard(self, address)
    return _connect(self, address)


def _guarded_connect_ex(self, address):
    _guard(self, address)
    return _connect_ex(self, address)


def _guarded_getaddrinfo(host, *args, **kwargs):
    if not _is_loopback(host or ""):
        raise NetworkBlockedError(f"network blocked under test: name lookup of {host!r}")
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _guarded_connect
socket.socket.connect_ex = _guarded_connect_ex
socket.getaddrinfo = _guarded_getaddrinfo
