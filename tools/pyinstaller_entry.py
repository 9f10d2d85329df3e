"""Entry script of the PyInstaller bundle (build.spec): the ``clerkapp`` command, plus a
self-check for the IT staff who install the bundle at a counter.

``clerkapp --self-check [DIR]`` (bundle only) checks, inside the installed folder, what the
desktop app needs beyond starting: the bundled resources, that every module imports, the
catalogue (full schema validation) and pinyin readings, a fresh store with its audit chain, the
fonts and a sample decision PDF (written to DIR when given, e.g. to print a test page), Qt's PDF
renderer and the translation files. It prints one line per check and exits 1 if any failed.
Nothing is written outside DIR and a temporary folder; no personal data (the sample applicant
is synthetic).
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

SELF_CHECK = "--self-check"
SAMPLE_PDF = "self-check-decision.pdf"
# Characters from CJK Extension A and B: the PDF then needs all three shipped fonts.
RARE_NAME = "王䶮𠇔㐀𠮷"


def check_resources(_out: Path) -> str:
    """The bundled resources exist where :func:`resources_dir` says (inside the bundle)."""
    from clerkapp.infra.paths import is_frozen, resources_dir

    root = resources_dir()
    missing = [
        pattern
        for pattern in ("catalogue/schema.json", "catalogue/*.json", "fonts/*.ttf", "i18n/*.qm")
        if not any(path.is_file() for path in root.glob(pattern))
    ]
    if missing:
        raise FileNotFoundError(f"{root} 中缺少：{', '.join(missing)}")
    bundle = getattr(sys, "_MEIPASS", None)
    if is_frozen() and (bundle is None or Path(bundle) not in root.parents):
        raise RuntimeError(f"资源目录不在安装目录内：{root}")
    return str(root)


def check_modules(_out: Path) -> str:
    """Every clerkapp module imports: a library imported lazily by name, which PyInstaller
    cannot see, shows up here rather than at a clerk's first print."""
    import importlib
    import pkgutil

    import clerkapp

    names = [
        m.name
        for m in pkgutil.walk_packages(clerkapp.__path__, "clerkapp.")
        if not m.name.endswith(".__main__")  # it would run the CLI
    ]
    broken: list[str] = []
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as exc:  # collected, reported together
            broken.append(f"{name} ({type(exc).__name__}: {exc})")
    if not names:
        raise ImportError("找不到任何 clerkapp 模块")
    if broken:
        raise ImportError("；".join(broken))
    return f"{len(names)} 个模块均可导入"


def check_catalogue(_out: Path) -> str:
    """The bundled catalogue passes the full validation (JSON Schema included), and pinyin
    readings can be computed (``catalogue import`` of a file without them needs pypinyin's data)."""
    from clerkapp.core.search import reading_of
    from clerkapp.infra.catalogue_io import bundled_path, read_catalogue

    catalogue = read_catalogue(bundled_path(), full=True)
    reading = reading_of("公共租赁")
    if reading.replace("|", " ").split() != ["gong", "gong", "zu", "lin"]:
        raise RuntimeError(f"拼音读音不正确：公共租赁 → {reading}")
    return (
        f"版本 {catalogue.version}，部门 {len(catalogue.departments)} 个，"
        f"事项 {len(catalogue.matters)} 项，证明事项 {len(catalogue.proofs)} 项"
    )


def check_calendar(_out: Path) -> str:
    """The official holiday schedule is in the bundle (Spring Festival 2026 off, its Saturday
    worked in lieu) and says which years it knows — IT sees here when next year's schedule has
    to be put into the override file (resources/calendar/README.md)."""
    import datetime as dt

    from clerkapp.infra.calendar_io import load_work_calendar

    calendar = load_work_calendar()
    if calendar.is_workday(dt.date(2026, 2, 16)) or not calendar.is_workday(dt.date(2026, 2, 14)):
        raise RuntimeError("节假日安排数据缺失：2026 年春节不正确")
    years = calendar.covered_years()
    contiguous = list(years) == list(range(years[0], years[-1] + 1))
    spans = f"{years[0]}–{years[-1]}" if contiguous else "、".join(map(str, years))
    known = f"已知 {spans} 年的法定节假日安排"
    coming = dt.date.today().year + 1
    if calendar.covers(coming):
        return known
    return f"{known}；{coming} 年的安排未知，承诺日期按周末计算，请放入节假日覆盖文件"


def check_store(_out: Path) -> str:
    """A new store file gets its schema (migrations) and an intact, empty audit chain."""
    from clerkapp.infra.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "check.sqlite3") as store:
        report = store.audit.verify()
    if not report.ok:
        raise RuntimeError("新建数据库的审计链不完整")
    return f"新建数据库与审计链正常（{report.intact} 条）"


def check_documents(out: Path) -> str:
    """The fonts register and a sample decision with rare characters builds to a PDF."""
    from clerkapp.infra.documents import DocumentKind, build_pdf, warm_up
    from clerkapp.infra.documents.samples import sample_data

    seconds = warm_up()
    pdf = build_pdf(sample_data(DocumentKind.DECISION, name=RARE_NAME))
    if not pdf.startswith(b"%PDF-"):
        raise RuntimeError("生成的文件不是 PDF")
    (out / SAMPLE_PDF).write_bytes(pdf)
    return f"字体加载 {seconds:.1f} 秒，样本决定书 {len(pdf) // 1024} KB"


def check_qt(out: Path) -> str:
    """Qt renders the sample PDF (QtPdf) and loads every translation file."""
    from PySide6.QtCore import QLibraryInfo, QSize, QTranslator
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtPdf import QPdfDocument

    from clerkapp.infra.paths import resources_dir

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    document = QPdfDocument(app)
    document.load(str(out / SAMPLE_PDF))
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise RuntimeError(f"QtPdf 无法打开样本文书（{document.error().name}）")
    image = document.render(0, QSize(300, 424))
    # Some ink on the page: text was drawn, not just a blank page.
    grid = [(x, y) for y in range(0, 424, 4) for x in range(0, 300, 4)]
    inked = sum(1 for x, y in grid if image.pixelColor(x, y).value() < 128)
    if image.isNull() or inked == 0:
        raise RuntimeError("QtPdf 渲染的页面是空白的")
    translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    files = sorted((resources_dir() / "i18n").glob("*.qm"))
    if not translator.load("qtbase_zh_CN", qt_dir):
        raise RuntimeError(f"Qt 中文翻译无法加载：{qt_dir}")
    bad = [qm.name for qm in files if not QTranslator(app).load(str(qm))]
    if not files or bad:
        raise RuntimeError(f"界面翻译文件无法加载：{bad or '没有 .qm 文件'}")
    return f"PDF {document.pageCount()} 页已渲染，翻译文件 {len(files) + 1} 个"


CHECKS: tuple[tuple[str, Callable[[Path], str]], ...] = (
    ("资源文件 (resources)", check_resources),
    ("程序模块 (modules)", check_modules),
    ("事项目录 (catalogue)", check_catalogue),
    ("节假日安排 (calendar)", check_calendar),
    ("数据库 (store)", check_store),
    ("文书与字体 (documents)", check_documents),
    ("Qt 渲染与翻译 (QtPdf, i18n)", check_qt),
)


def run_checks(out: Path, checks: Sequence[tuple[str, Callable[[Path], str]]] = CHECKS) -> int:
    """Run ``checks`` writing into ``out``; print one line each; 0 if all pass, else 1."""
    failed = 0
    for name, check in checks:
        try:
            detail = check(out)
        except Exception as exc:  # reported; the next check still runs
            failed += 1
            print(f"[失败] {name}：{type(exc).__name__}: {exc}", flush=True)
            if os.environ.get("CLERKAPP_SELF_CHECK_TRACEBACK"):
                traceback.print_exc()
        else:
            print(f"[通过] {name}：{detail}", flush=True)
    if failed:
        print(f"自检未通过：{failed}/{len(checks)} 项失败", flush=True)
        return 1
    print(f"自检通过：{len(checks)} 项", flush=True)
    return 0


def self_check(out: Path | None) -> int:
    """``--self-check [DIR]``: the checks above, the sample PDF kept in DIR when given."""
    # No window is shown: work without a display too (an IT console, a CI machine).
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        return run_checks(out)
    with tempfile.TemporaryDirectory() as tmp:
        return run_checks(Path(tmp))


def main(argv: Sequence[str]) -> int:
    """The bundle's command line: the self-check, or the ``clerkapp`` console script."""
    if argv[:1] == [SELF_CHECK]:
        return self_check(Path(argv[1]) if len(argv) > 1 else None)
    from clerkapp.cli import main as cli_main

    return cli_main(list(argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
