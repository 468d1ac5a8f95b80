"""The value reader: numbers, scales, units, periods, and quantities in running text."""
