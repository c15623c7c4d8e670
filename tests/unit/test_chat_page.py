"""connectors/chat_page.py: the chat page loads nothing from other hosts."""

import pytest

from connectors.chat_page import PAGE_HEADERS, WIDGET_BUNDLE, widget_bundle, without_remote_imports


def test_remote_css_imports_are_removed_and_nothing_else():
    bundle = (
        b'push([e.i,"@import url(https://fonts.googleapis.com/css?family=Inter:400,500,700&display=swap);",""]),'
        b'push([e.i,"@import url(//cdn.example.org/x.css)",""]),'
        b'push([e.i,".rw-message{font-family:Inter,sans-serif}",""])'
    )
    assert without_remote_imports(bundle) == (
        b'push([e.i,"",""]),push([e.i,"",""]),push([e.i,".rw-message{font-family:Inter,sans-serif}",""])'
    )


def test_the_served_widget_has_no_remote_import():
    if not WIDGET_BUNDLE.exists():
        pytest.skip("the widget is not installed (make install runs npm ci)")
    assert b"fonts.googleapis.com" in WIDGET_BUNDLE.read_bytes()
    assert b"@import url(http" not in widget_bundle()
    assert b"fonts.googleapis.com" not in widget_bundle()


def test_the_page_allows_only_its_own_server():
    policy = PAGE_HEADERS["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "connect-src 'self'" in policy
    assert "http" not in policy
