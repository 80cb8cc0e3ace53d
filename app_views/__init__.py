"""The Streamlit views of app.py, one module per concern. They draw; argmap computes.

- :mod:`.common`: escaping helpers, badges, correction markers, source chips;
- :mod:`.map`: the argument graph, legend and detail panel;
- :mod:`.tables`: claims, sources, participants, moderator queue, thread view, export;
- :mod:`.review`: corrections to the review store and the history panel.
"""
