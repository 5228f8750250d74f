"""One recognizer per fact kind; each reads a prepared `Document` and returns `Fact`s for one sentence
or the whole text. `recognize_all` runs them in order and merges what several sentences say of one fact.
"""
