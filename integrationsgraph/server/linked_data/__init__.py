"""Linked data: every minted IRI dereferenced (pages and RDF representations), the VoID/DCAT description,
dumps, the ontology's documentation and what those pages ask of the graph."""
