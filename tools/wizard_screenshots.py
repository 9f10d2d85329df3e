"""Screenshots of the case wizard's steps for the README and docs/screenshots/ (10-matter.png …
15-print.png; 16-proofs-related-person.png, the survivor allowance's board naming the deceased;
17-pledge-dishonesty-list.png, ④ for an applicant on the dishonesty list), taken offscreen from
the real widgets against a sandbox in its own process.

Run: ``QT_QPA_PLATFORM=offscreen python tools/wizard_screenshots.py [OUT_DIR]``
(or under Xvfb: ``xvfb-run -a -s "-screen 0 1600x1000x24" python tools/wizard_screenshots.py``).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt

from clerkapp.gui.wizard.step_bar import Step
from clerkapp.sandbox.demo import CHEN_JIANGUO, WANG_FANG, WEI_XIUYING, ZHAO_QIANG
from tests.gui.wizard_driver import WizardDriver, find_card, screenshot, wait_until
from tools.screenshot_session import (
    SIZE,
    open_driver,
    screenshot_session,
    sign,
    to_survivor_pledge,
)


def _driver(home: Path, url: str) -> WizardDriver:
    driver = open_driver(home, url)
    driver.wizard.resize(*SIZE)
    return driver


def main(out: Path) -> None:
    """Take the eight screenshots into ``out``."""
    with screenshot_session() as (root, url):
        # ①, ②, ③ with a fault and a verification still waiting
        import requests

        requests.post(f"{url}/sandbox/settings", json={"verify_delay_s": None}, timeout=5)
        requests.post(
            f"{url}/sandbox/faults",
            json={"item": "vehicle.ownership", "kind": "error", "status": 503},
            timeout=5,
        )
        driver = _driver(root / "a", url)
        wizard = driver.wizard
        driver.type(wizard.matter_step.search_edit, "zf")
        screenshot(wizard, out / "10-matter.png")
        wizard.matter_step.search_edit.clear()
        driver.choose_matter("ggzl", "公共租赁住房申请")
        step = wizard.applicant_step
        step.demo_combo.setCurrentIndex(find_card(wizard, "李明"))
        driver.click(step.read_button)
        wait_until(lambda: step.entry() is not None)
        screenshot(wizard, out / "11-applicant.png")
        driver.key(Qt.Key.Key_Return)
        wait_until(lambda: wizard.step is Step.PROOFS)
        driver.wait_lookups(40)
        wait_until(
            lambda: (
                "待核验" in wizard.proofs_board.rows["zjj.public_rental.homestead"].badge.text()
            ),
            20,
        )
        screenshot(wizard, out / "12-proofs.png")
        driver.close()
        requests.delete(f"{url}/sandbox/faults", timeout=5)
        requests.post(f"{url}/sandbox/settings", json={"verify_delay_s": 0.3}, timeout=5)

        # ③ survivor allowance: the look-ups about the deceased name him (查询对象)
        driver = _driver(root / "b0", url)
        wizard = driver.wizard
        driver.choose_matter("ysbz", "一次性丧葬抚恤金")
        driver.enter_applicant(WEI_XIUYING, "韦秀英", related=[(CHEN_JIANGUO, "陈建国")])
        driver.wait_lookups()
        wait_until(lambda: not wizard.presenter.credit_running)
        screenshot(wizard, out / "16-proofs-related-person.png")
        driver.close()

        # ④ 赵强 is on the dishonesty list: no pad, the catalogue's paper fallback instead
        driver = _driver(root / "b1", url)
        wizard = driver.wizard
        driver.choose_matter("ysbz", "一次性丧葬抚恤金")
        driver.enter_applicant(ZHAO_QIANG, "赵强", related=[(CHEN_JIANGUO, "陈建国")])
        driver.wait_lookups()
        wait_until(lambda: not wizard.presenter.credit_running)
        driver.key(Qt.Key.Key_Return)
        wait_until(lambda: wizard.step is Step.PLEDGE)
        screenshot(wizard, out / "17-pledge-dishonesty-list.png")
        driver.close()

        # ④ survivor allowance: first pledge signed, the second being signed
        driver = _driver(root / "b", url)
        wizard = driver.wizard
        to_survivor_pledge(driver)
        sign(wizard.pledge_step.pad.canvas)
        driver.key(Qt.Key.Key_Return)
        wait_until(lambda: wizard.pledge_step.current_code() == "rsj.funeral_survivor.no_income")
        wizard.pledge_step.tabs.setCurrentIndex(0)
        screenshot(wizard, out / "13-pledge.png")
        driver.close()

        # ⑤ 王芳 owns a vehicle: the recommendation and its reasons; ⑥ the refusal notice
        driver = _driver(root / "c", url)
        wizard = driver.wizard
        driver.choose_matter("ggzl", "公共租赁住房申请")
        driver.enter_applicant(WANG_FANG, "王芳")
        driver.wait_lookups()
        wait_until(
            lambda: (
                wizard.presenter.case is not None
                and all(
                    p.state.value not in ("pending", "in_flight", "awaiting_dept")
                    for p in wizard.presenter.case.proofs.values()
                )
            ),
            20,
        )
        driver.key(Qt.Key.Key_Return)
        wait_until(lambda: wizard.step is Step.DECISION)
        # the failed proof's reason is pre-filled: a recommended refusal needs no second one
        screenshot(wizard, out / "14-decision.png")
        driver.click(wizard.decision_step.refuse_button)
        wait_until(lambda: wizard.step is Step.PRINT)
        step6 = wizard.print_host.step
        if step6 is not None:
            # the sync worker registers the progress page within a moment: not a provisional copy
            case_id = wizard.presenter.case_id
            desk = step6.desk()
            wait_until(lambda: not desk.provisional(case_id), 20)
            step6.show_case(case_id)
            wait_until(lambda: getattr(step6, "built", None) is not None, 60)
            settle = time.monotonic() + 2.0  # QPdfView renders the page asynchronously
            wait_until(lambda: time.monotonic() > settle, 5)
        screenshot(wizard, out / "15-print.png")
        driver.close()
        driver.context.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
