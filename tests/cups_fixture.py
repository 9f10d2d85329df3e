"""The ``private_cups`` fixture: a real CUPS scheduler of the test's own (its own configuration,
spool and port on the loopback), with one printer ``clerkapp-test`` whose device is a file — the
Generic PDF Printer driver writes every job there as a PDF, so a test can read back what the
printer received. ``CUPS_SERVER`` points the test process (and the ``lp`` it starts) at it.

Needs the CUPS packages (tools/bootstrap.sh installs them: cups, cups-client, cups-filters) and
root, as the CI runs: cupsd drops to the ``lp`` user for its jobs. Nothing of the machine's own
CUPS is touched.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PRINTER = "clerkapp-test"
PPD = "lsb/usr/cupsfilters/Generic-PDF_Printer-PDF.ppd"

_CUPSD_CONF = """Listen 127.0.0.1:{port}
LogLevel warn
WebInterface No
Browsing No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order allow,deny
    Allow all
  </Limit>
</Policy>
"""

_FILES_CONF = """FileDevice Yes
ServerRoot {root}
RequestRoot {root}/spool
TempDir {root}/spool/tmp
CacheDir {root}/cache
StateDir {root}/state
ErrorLog {root}/log/error_log
AccessLog {root}/log/access_log
PageLog {root}/log/page_log
User lp
Group lp
"""


@dataclass
class PrivateCups:
    """A running private CUPS: ``server`` (host:port), the printer and its output file."""

    server: str
    printer: str
    output: Path
    root: Path

    def wait_for_output(self, timeout: float = 30.0) -> bytes:
        """The PDF the printer wrote, once the job has finished (polls the finished file —
        an external process, no Qt signal to wait on)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = subprocess.run(
                ["lpstat", "-h", self.server, "-o", self.printer],
                capture_output=True,
                text=True,
                check=False,
            )
            if self.output.exists() and not done.stdout.strip():
                return self.output.read_bytes()
            time.sleep(0.1)
        log = (self.root / "log" / "error_log").read_text(errors="replace")[-2000:]
        raise AssertionError(f"the private CUPS printed nothing within {timeout} s:\n{log}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def private_cups(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivateCups]:
    """A private CUPS with the file printer ``clerkapp-test`` (see the module docstring)."""
    cupsd = shutil.which("cupsd") or "/usr/sbin/cupsd"
    assert os.path.exists(cupsd), "CUPS is not installed: run tools/bootstrap.sh as root"
    root = tmp_path_factory.mktemp("cups")
    for sub in ("spool/tmp", "cache", "state", "log", "ppd", "out"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    port = _free_port()
    (root / "cupsd.conf").write_text(_CUPSD_CONF.format(port=port))
    (root / "cups-files.conf").write_text(_FILES_CONF.format(root=root))
    for path in [root, *root.rglob("*")]:
        path.chmod(0o777 if path.is_dir() else 0o666)  # the jobs run as lp
    for parent in root.parents:  # lp must reach the output directory
        if parent == Path(parent.anchor):
            break
        parent.chmod(parent.stat().st_mode | 0o011)
    server = f"127.0.0.1:{port}"
    process = subprocess.Popen(
        [cupsd, "-f", "-c", str(root / "cupsd.conf"), "-s", str(root / "cups-files.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            ready = subprocess.run(
                ["lpstat", "-h", server, "-r"], capture_output=True, text=True, check=False
            )
            if "is running" in ready.stdout and "not" not in ready.stdout:
                break
            assert process.poll() is None, (root / "log" / "error_log").read_text()
            assert time.monotonic() < deadline, "the private CUPS did not start"
            time.sleep(0.1)
        output = root / "out" / "printed.pdf"
        subprocess.run(
            ["lpadmin", "-h", server, "-p", PRINTER, "-E", "-v", f"file://{output}", "-m", PPD],
            check=True,
            capture_output=True,
        )
        previous = os.environ.get("CUPS_SERVER")
        os.environ["CUPS_SERVER"] = server
        try:
            yield PrivateCups(server, PRINTER, output, root)
        finally:
            if previous is None:
                os.environ.pop("CUPS_SERVER", None)
            else:
                os.environ["CUPS_SERVER"] = previous
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
