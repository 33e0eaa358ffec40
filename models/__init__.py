"""Trained models (skops, their JSON twins and model cards): see README.md here."""
