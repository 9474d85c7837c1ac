"""Extract layer: values and places named in clause text (pure text → model).

Each extractor reads one normalised text and returns character ranges in it; `facts.py`
maps the ranges back to source spans."""
