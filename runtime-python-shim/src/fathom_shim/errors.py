"""The one error type that stops the shim at start-up."""


class StartupError(Exception):
    """A cause that prevents serving; __main__ prints it as ``fathom-shim: <cause>`` and exits 1."""
