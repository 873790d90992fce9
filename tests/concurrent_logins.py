"""A worker process for the concurrency tests: many wrong-password logins at one agreed moment.

``python -m tests.concurrent_logins URL NAME THREADS START_AT`` waits until the epoch second
``START_AT`` (so that several processes start together), then tries ``THREADS`` logins with a
wrong password at once and prints one line per attempt: ``checked`` when the password was
checked and found wrong, ``locked`` when the attempt was refused unchecked, else the message.
"""

from __future__ import annotations

import sys
import threading
import time

from data_access.accounts import AccountError, authenticate
from data_access.engine import make_engine


def main(url: str, name: str, threads: int, start_at: float) -> None:
    """Run the attempts and print their outcomes."""
    engine = make_engine(url, create=False)
    with engine.connect():
        pass  # connect before the start, so connecting does not spread the attempts out
    outcomes: list[str] = []
    barrier = threading.Barrier(threads)

    def attempt() -> None:
        barrier.wait()
        time.sleep(max(0.0, start_at - time.time()))
        try:
            authenticate(engine, name, "ein-falsches-passwort")
            outcomes.append("accepted")
        except AccountError as problem:
            text = str(problem)
            outcomes.append("checked" if "stimmt nicht" in text else "locked" if "Fehlversuche" in text else text)

    workers = [threading.Thread(target=attempt) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    engine.dispose()
    print("\n".join(outcomes))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
