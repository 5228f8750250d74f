"""The one query path: where SPARQL runs and how an answer is held, capped and said to be cut.

Knows nothing of HTTP: the CLI, exports, push and the server all ask through `backends.Backend`
(embedded store, worker pool, remote endpoint) and `answering`, and the HTTP layer only maps what
comes back (results, the truncation note, the errors) to responses.
"""
