"""Exports: tables and files for people and spreadsheets, read from a built graph."""
