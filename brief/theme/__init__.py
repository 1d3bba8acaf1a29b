"""Themes: the typed Theme, its loading with `extends:`, fonts, glyphs and contrast."""
