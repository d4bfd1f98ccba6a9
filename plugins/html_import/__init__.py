"""Importer for news articles saved from web pages (`invoke import-html`); not a Pelican plugin."""
