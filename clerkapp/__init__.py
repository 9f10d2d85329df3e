"""ClerkApp: the counter clerk's desktop application for a proof-free city (无证明城市)."""

__version__ = "0.1.0"
