"""Analyses over the built graph: responsibility matrices, networks, figures, summary report."""
