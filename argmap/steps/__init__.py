"""Pipeline steps, each a plain function ``ArgumentMap -> ArgumentMap``.

Order (see :mod:`argmap.pipeline`): segment -> embed -> reconstruct -> classify
-> evidence -> stance -> relations -> status.
"""
