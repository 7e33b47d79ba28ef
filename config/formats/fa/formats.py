# Gregorian calendar with Latin digits (the portal never renders Persian digits).
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "Y/n/j"
DATETIME_FORMAT = "j F Y، H:i"
SHORT_DATETIME_FORMAT = "Y/n/j، H:i"
