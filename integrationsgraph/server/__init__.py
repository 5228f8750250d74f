"""The HTTP layer: the SPARQL 1.1 Protocol endpoint, its Service Description, pages and named queries.

`integrationsgraph.server.app.create_app(settings)` builds the Starlette application.
"""
