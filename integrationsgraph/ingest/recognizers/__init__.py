"""One recognizer per fact kind; each reads a prepared `Document` and returns `Fact`s for one sentence
or the whole text. `integrationsgraph.ingest.recognition.ingest_source` runs them in order (chairs first: the
Land a person chairs for tells their offices' Land) and merges what several sentences say of one fact
(`merge_chairs`, `merge_meetings`).

The trigger words are listed with their inflected forms ("beschlossen|beschließt|verabschiedet"), not
matched by lemma. Why not HanTa (measured with `python -m bench.ingest_libraries`): its lemmas of these
verbs are right, but tagging costs about 1 ms a token, some 35 s for the 32,000 tokens of the 131 texts
of ../shared (the whole ingestion takes about 2.5 s), and it needs numpy; the forms these texts use are
few and listed once per recognizer.
"""
