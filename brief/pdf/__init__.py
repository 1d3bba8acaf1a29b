"""The PDF: styles, the story, its flowables and tables, the laid-out pages and their rules, tags, finishing."""
