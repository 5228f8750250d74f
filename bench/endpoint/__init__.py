"""The endpoint benchmark: this server, `oxigraph serve-read-only` and rdflib-endpoint side by side."""
