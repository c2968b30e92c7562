"""Test data for the proxy domain: the key that seals proxy secrets in unit tests."""

from services.sealing import SecretSealer

SEALER = SecretSealer("unit-test-sealing-key-material-32chars")
