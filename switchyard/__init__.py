"""Switchyard: a tRPC-style JSON-RPC 2.0 backend."""

__version__ = "0.1.0"
