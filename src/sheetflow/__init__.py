"""sheetflow: the twice-yearly progress reporting of a city's reform plan as one Excel round trip."""

__version__ = "0.1.0"
