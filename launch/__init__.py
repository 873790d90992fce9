"""Start the dashboard as real processes on loopback, for tests and benchmarks alike.

``launch.server``: one ``serve.py`` (or bare ``streamlit run``) on a free port, and the
websocket message a session sends to run a page; ``launch.cluster``: several processes
behind nginx. Tests and benches share these, so both start the server the same way.
"""
