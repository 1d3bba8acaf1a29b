"""The web edition: the brief as one self-contained, accessible HTML page, from the same model and charts."""
