"""Participant pages, one module per concern; urls.py wires them."""
