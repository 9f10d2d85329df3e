"""The sandbox data-sharing platform (数据共享平台): ClerkApp's reference server for training and
tests, run as its own process (``clerkapp platform serve``). It imports only ``clerkapp.core``.
See docs/platform-api.md."""
