"""`make bench`: the portal and a bare Django view under gunicorn, driven side
by side by wrk (see run.py)."""
