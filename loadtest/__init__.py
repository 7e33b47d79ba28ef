"""`make loadtest`: the portal under gunicorn on PostgreSQL, driven by Locust
as buyers, procurement users, partners, support agents and editors; every
order, return and support request the load created must be in the database
afterwards, and no request may answer 5xx (see loadtest/run.py)."""
