"""The address a sign-in is counted against: X-Forwarded-For only from a proxy named in
KLA_TRUSTED_PROXIES, and then the last hop that is not a trusted proxy."""
import pytest

from ui.session_cookie import forwarded_client


@pytest.mark.parametrize("peer, forwarded_for, trusted, expected", [
    ("::ffff:127.0.0.1", "203.0.113.9", "", "127.0.0.1"),                  # no proxy trusted: the connection
    ("198.51.100.4", "203.0.113.9", "127.0.0.1", "198.51.100.4"),          # not from the proxy: header ignored
    ("::ffff:127.0.0.1", "203.0.113.9", "127.0.0.1", "203.0.113.9"),       # behind the shipped nginx
    ("127.0.0.1", "6.6.6.6, 203.0.113.9", "127.0.0.1", "203.0.113.9"),     # a browser's own header start ignored
    ("127.0.0.1", "203.0.113.9, 10.0.0.2", "127.0.0.1, 10.0.0.2", "203.0.113.9"),  # two proxies
    ("127.0.0.1", None, "127.0.0.1", "127.0.0.1"),
])
def test_the_forwarded_address_is_believed_only_from_a_trusted_proxy(peer, forwarded_for, trusted, expected):
    assert forwarded_client(peer, forwarded_for, trusted) == expected
