"""Take the GUI shell's screenshots into docs/screenshots/ (run under Xvfb):

    xvfb-run -a -s "-screen 0 1600x1000x24" python tools/shell_screenshots.py [OUT_DIR]

Starts the real app in training mode in a temporary data directory (the bundled sandbox
included), then grabs: 01-login.png (training banner, login), 02-main-window.png (logged in,
case list with today's — one refused 行政给付 —, waiting and needs-attention cases),
03-new-case.png (Ctrl+N: the case wizard in the right pane), 04-locked.png (lock screen),
05-main-window-en.png (English).
Cases are made through the case service on the canonical catalogue with the sandbox's demo
subjects. Needs the xcb libraries (libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, ...) or
QT_QPA_PLATFORM=offscreen, and a CJK font (fonts-noto-cjk or fonts-droid-fallback).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"


def main() -> int:
    """Build the app, drive it to each state and save the pictures."""
    home = Path(tempfile.mkdtemp(prefix="clerkapp-shots-"))
    os.environ["CLERKAPP_HOME"] = str(home)
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    from clerkapp.app.context import AppContext
    from clerkapp.app.sync import SyncWorker
    from clerkapp.gui import ops
    from clerkapp.gui.application import Shell, create_qapplication, default_wizard
    from clerkapp.gui.i18n import install_translators
    from clerkapp.gui.theme import PlatformState
    from clerkapp.infra.catalogue_io import read_catalogue
    from clerkapp.infra.paths import resources_dir
    from clerkapp.sandbox import demo
    from tests.gui.wizard_driver import wait_until

    app = create_qapplication(sys.argv[:1])

    def settle(ms: int = 300) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    OUT.mkdir(parents=True, exist_ok=True)
    catalogue = read_catalogue(resources_dir() / "catalogue" / "canonical.json")

    def build(lang: str) -> Shell:
        translators = install_translators(app, lang)
        app.setProperty("translators", translators)
        context = AppContext(home, catalogue=catalogue)
        shell = Shell(context, sandbox_port=0, wizard_factory=default_wizard(context))
        shell.window.resize(1400, 860)
        shell.start()
        # online, or online and sending what waits (the identity questions the tool queued)
        wait_until(
            lambda: (
                shell.window.header.platform_state in (PlatformState.ONLINE, PlatformState.SYNCING)
            ),
            20,
        )
        return shell

    def log_in(shell: Shell) -> None:
        view = shell.window.login_view
        if not view.username.isReadOnly():
            view.username.setText("demo")
        view.password.setText("demo123")
        view.attempt()
        wait_until(lambda: shell.window.is_working, 20)
        settle(600)

    shell = build("zh_CN")
    service = shell.context.case_service
    rental = "zjj.public_rental"
    # first (the sync worker answers its identity question before the others are made),
    # a decided 行政给付: the list says 已办结（不予给付）, not a licence's words
    refused = service.open_case(rental, "person", demo.WANG_FANG, "王芳", "demo").id
    context = shell.context  # its identity question sent now, as the sync worker does
    SyncWorker(context.store, service, context.client, context.clock).drain()
    wait_until(lambda: not service.get_case(refused).awaits_identity_answer(), 30)
    service.decide(
        refused, "refuse", "申请人名下有登记的机动车", "demo", override_reason="现场核实车辆登记"
    )
    service.open_case(rental, "person", demo.LI_MING, "李明", "demo")
    waiting = service.open_case(rental, "person", demo.ZHANG_GUILAN, "张桂兰", "demo").id
    service.request_verification(waiting, "zjj.public_rental.homestead", "demo")
    stuck = service.open_case(
        "rsj.funeral_survivor",
        "person",
        demo.WEI_XIUYING,
        "韦秀英",
        "demo",
        related={"deceased": (demo.CHEN_JIANGUO, "陈建国")},
    ).id
    row = shell.context.store.outbox.for_case(stuck)[0]
    shell.context.store.outbox.mark_needs_person(row.id, "refused")

    settle(500)
    shell.window.login_view.username.setText("demo")
    shell.window.grab().save(str(OUT / "01-login.png"))
    log_in(shell)
    wait_until(lambda: len(shell.window.case_list.visible_entries()) >= 3, 20)
    settle(300)
    shell.window.grab().save(str(OUT / "02-main-window.png"))
    shell.window.new_case()
    settle(1500)
    shell.window.grab().save(str(OUT / "03-new-case.png"))
    shell.window.lock("manual")
    settle(300)
    shell.window.grab().save(str(OUT / "04-locked.png"))
    shell.shutdown()
    shell.window.close()
    for translator in app.property("translators") or []:
        QCoreApplication.removeTranslator(translator)

    shell = build("en")
    log_in(shell)
    wait_until(lambda: len(shell.window.case_list.visible_entries()) >= 3, 20)
    settle(300)
    shell.window.grab().save(str(OUT / "05-main-window-en.png"))
    shell.shutdown()
    shell.window.close()
    ops.wait_for_ops(5000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
