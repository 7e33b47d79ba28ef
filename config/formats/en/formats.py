# One date format per language, used by |date:"DATE_FORMAT" / "SHORT_DATE_FORMAT"
# everywhere on the portal (tiles, lists, detail pages, e-mails). Machine formats
# (CSV/XLSX exports, <time datetime>, <input type="date">) stay ISO.
DATE_FORMAT = "N j, Y"
SHORT_DATE_FORMAT = "m/d/Y"
DATETIME_FORMAT = "N j, Y, P"
SHORT_DATETIME_FORMAT = "m/d/Y P"
