"""The published measures (津市场监管计〔2025〕14号): a parser for the published text and its importer."""

from pathlib import Path

MEASURES_FILE = (
    Path(__file__).resolve().parent.parent / "data" / "measures-jin-shichangjianguan-ji-2025-14.txt"
)
