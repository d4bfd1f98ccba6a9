"""Fingerprinted theme files, host files (.htaccess, _headers, _redirects) and precompressed siblings."""

from .adapter import register

__all__ = ["register"]
