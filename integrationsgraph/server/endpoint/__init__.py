"""The SPARQL 1.1 Protocol endpoint: reading a request, guards, limits, the deadline, result formats,
the response cache and the Service Description."""
