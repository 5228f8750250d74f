"""The site's pages: templates, static files, localisation, the query page, named-query forms and answers,
search."""
