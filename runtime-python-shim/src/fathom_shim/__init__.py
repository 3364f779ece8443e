"""Fathom Functions runtime shim for the python310 kind.

Serves ``function/func.py`` over the runtime contract v1 (docs/runtime-contract.md): reserved
``/_/health`` and ``/_/ready``, ``POST /invoke`` dispatched to a pool of worker processes.
Run it as ``python3 -m fathom_shim``; configuration comes from the environment (see config.py).
"""

__version__ = "1.0.0"
