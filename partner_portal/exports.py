"""Helpers for the CSV and Excel exports of every app."""

# A cell starting with one of these is a formula to Excel and LibreOffice.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """Neutralise spreadsheet formulas in text typed by users: `=HYPERLINK(..)`
    in a PO number must reach the sheet as text, not run."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
