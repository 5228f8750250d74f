"""The review page: a local web page on which a curator turns a document's drafted facts into curated data.

`integrationsgraph review` serves it on 127.0.0.1 only; it is never part of the public endpoint. Opening a
document runs the ingestion in process (or parses `data/sources/<stem>.trig` when the document is curated
already); saving validates the result with the build's SHACL shapes and evidence check before it writes
`data/sources/<stem>.trig`, new entities and the curation log.
"""
