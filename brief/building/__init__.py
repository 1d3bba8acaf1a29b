"""Building: the pipeline that runs the stages, and the stamp that knows when nothing changed."""
