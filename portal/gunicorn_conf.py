"""gunicorn settings of the web service: `gunicorn -c python:portal.gunicorn_conf portal.wsgi:application`.

The application is loaded once in the master (`preload_app`) and the workers share its memory pages. Chinese
segmentation (jieba, about 60 MB) is not loaded for serving pages; with GUNICORN_PRELOAD_SEGMENTATION=1 the
master loads it before forking, so that every worker that searches shares one copy instead of loading its own.
Objects loaded in the master are frozen out of the garbage collector, which would otherwise touch (and so
copy) their pages in every worker.
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# More than one thread per worker runs gunicorn's gthread worker: a request waiting on the database or an
# upload does not hold the whole worker (benchmarks/bench_load.py measures both).
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def when_ready(server):
    """In the master, after the application is loaded and before the first worker is forked."""
    if os.environ.get("GUNICORN_PRELOAD_SEGMENTATION", "") == "1":
        from search.segmentation import _tokenizer

        _tokenizer()
    from django.db import connections

    connections.close_all()  # no connection opened in the master is shared with the workers
    gc.collect()
    gc.freeze()
