"""The steps of one benchmark run (``benchmarks/bench.py``), one module per role.

``common`` holds the run's paths and output, ``servers`` starts gunicorn and sends the load,
``queries`` makes the query mix, ``indexing`` times the rebuild beside the raw bulk floors,
``latency`` measures the search API and its database fallback, ``pages`` the HTML pages,
``postgres`` the fallback on PostgreSQL and ``machine`` reads memory and the machine's facts.
"""
