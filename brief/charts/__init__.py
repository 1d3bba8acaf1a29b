"""Charts: each chart's layout, drawing (matplotlib to a vector Drawing), cache and export."""
