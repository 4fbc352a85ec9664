#!/usr/bin/env python3
"""A throwaway PostgreSQL server for the store's tests: Debian's binaries, a data directory and
a unix socket in DIR, no TCP, trust authentication for the user `ntmkit`. As root (CI) the
server runs as `nobody`, since initdb refuses root.

    pg_server.py start DIR     prints the URL of its database (postgresql:///postgres?host=DIR…)
    pg_server.py stop DIR      stops it and removes DIR

pytest imports start() and stop() for its session fixture (tests/python/conftest.py); ctest
runs the script as the fixture of `store_tests_on_postgres` (tests/CMakeLists.txt).
"""
import glob
import os
import shutil
import subprocess
import sys


def binaries():
    """The newest installed server's bin directory (/usr/lib/postgresql/<version>/bin)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if not found:
        sys.exit("no PostgreSQL server installed: apt-get install postgresql (scripts/setup.sh)")
    return os.path.dirname(found[-1])


def _as_server_user(directory):
    """The command prefix that runs the server's programs, owning `directory`."""
    if os.getuid() != 0:
        return []
    import pwd
    nobody = pwd.getpwnam("nobody")
    for root, dirs, files in os.walk(directory):
        for name in [root] + [os.path.join(root, n) for n in dirs + files]:
            os.chown(name, nobody.pw_uid, nobody.pw_gid)
    return ["runuser", "-u", "nobody", "--"]


def url(directory):
    return f"postgresql:///postgres?host={directory}&user=ntmkit"


def start(directory):
    """Starts a fresh server in `directory` (removing what an earlier run left) and returns
    the URL of its database."""
    stop(directory)
    os.makedirs(directory)
    os.chmod(directory, 0o700)
    prefix = _as_server_user(directory)
    bin_dir, data = binaries(), os.path.join(directory, "data")
    quiet = {"stdout": subprocess.DEVNULL, "check": True}
    subprocess.run(prefix + [f"{bin_dir}/initdb", "-D", data, "-U", "ntmkit", "--auth=trust",
                             "-E", "UTF8", "--locale=C", "--no-sync"], **quiet)
    # No TCP, the socket beside the data; fsync off: these tests never crash the server.
    options = f"-k {directory} -c listen_addresses='' -c fsync=off"
    subprocess.run(prefix + [f"{bin_dir}/pg_ctl", "-D", data, "-o", options, "-l",
                             os.path.join(directory, "server.log"), "-w", "start"], **quiet)
    return url(directory)


def stop(directory):
    """Stops the server in `directory`, if one runs, and removes the directory."""
    data = os.path.join(directory, "data")
    if os.path.exists(os.path.join(data, "postmaster.pid")):
        subprocess.run(_as_server_user(directory) + [f"{binaries()}/pg_ctl", "-D", data, "-m",
                                                     "immediate", "-w", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("start", "stop"):
        sys.exit(__doc__)
    if sys.argv[1] == "start":
        print(start(sys.argv[2]))
    else:
        stop(sys.argv[2])
