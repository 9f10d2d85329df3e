"""HTML pages the sandbox serves: the public progress page (mobile first, Chinese), the short
code form, a friendly "not found", and the department's verification desk (/dept).

Plain templates with every value escaped; the progress page is given only public fields (it
has no name or ID number to leak).
"""

from __future__ import annotations

from datetime import tzinfo
from html import escape
from typing import Any

from clerkapp.core.idnumber import mask_id_number
from clerkapp.core.office_time import format_in_zone, zone_named
from clerkapp.core.short_code import grouped

#: The default office zone (Beijing time); the app passes the zone of the sandbox's settings.
CHINA = zone_named()

_STYLE = """
body{margin:0;font-family:-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",
sans-serif;font-size:18px;line-height:1.6;color:#1f2329;background:#f5f6f7}
header{background:#c8161d;color:#fff;padding:14px 18px;font-size:20px;font-weight:bold}
.training{background:#f5a623;color:#1f2329;padding:8px 18px;font-size:16px}
main{max-width:640px;margin:0 auto;padding:16px}
.card{background:#fff;border-radius:10px;padding:16px 18px;margin-bottom:14px;
box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:24px;margin:0 0 6px}
.status{font-size:26px;font-weight:bold;color:#0b6e4f}
.muted{color:#646a73;font-size:16px}
ol{list-style:none;padding:0;margin:0}
ol li{border-left:3px solid #c8161d;padding:4px 0 10px 14px;margin-left:6px}
ol li time{display:block;color:#646a73;font-size:16px}
input,button{font-size:20px;padding:10px 12px;border-radius:8px;border:1px solid #c9cdd4}
button{background:#c8161d;color:#fff;border:none;margin:2px}
button.deny{background:#646a73}button.defer{background:#f5a623;color:#1f2329}
table{border-collapse:collapse;width:100%;font-size:16px}
td,th{border-bottom:1px solid #e5e6eb;padding:8px;text-align:left;vertical-align:top}
footer{color:#8f959e;font-size:14px;text-align:center;padding:20px}
"""


def _page(title: str, body: str, *, training: bool) -> str:
    banner = '<div class="training">培训模式 · 本页数据为模拟数据</div>' if training else ""
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<header>金华市政务服务 · {escape(title)}</header>{banner}<main>{body}</main>"
        "<footer>数据共享平台 · 无证明城市</footer></body></html>"
    )


def local_time(value: str | None, zone: tzinfo = CHINA) -> str:
    """An ISO time as the office's wall time for people (``zone``: the sandbox's office zone;
    a time without an offset is UTC); a bare date stays a date (``2026年12月04日``)."""
    if not value:
        return ""
    if len(value) == 10:
        return format_in_zone(value, zone, "%Y年%m月%d日")
    return format_in_zone(value, zone)


def local_day(value: str | None, zone: tzinfo = CHINA) -> str:
    """The office's day of an ISO time for people: ``2026年11月27日``."""
    return format_in_zone(value, zone, "%Y年%m月%d日") if value else ""


#: States in which the page shows no expected completion date: the time limit runs from
#: acceptance (行政许可法 Art. 42) and an application waiting for 补正 is not accepted yet; a case
#: not accepted or withdrawn will not be completed.
_NO_PROMISE = frozenset({"awaiting_correction", "not_accepted", "withdrawn"})


def progress_page(
    progress: dict[str, Any], *, training: bool, zone: tzinfo = CHINA, extra: str = ""
) -> str:
    """The public progress page of one case; times in ``zone`` (the office's). A finished case
    (approved, refused, withdrawn, not accepted) shows the day it was finished, not the promise.
    ``extra``: more HTML under the events (the decision's download form, issue 9)."""
    events = (
        "".join(
            f"<li><time>{escape(local_time(e['at'], zone))}</time>{escape(e['label'])}</li>"
            for e in reversed(progress["events"])
        )
        or "<li>已登记，等待办理</li>"
    )
    expected = progress["expected_completion"]
    completed = progress.get("completed_at")
    code = grouped(progress["short_code"])  # as printed on the receipt
    if completed:
        expected_html = f"<p>办结日期：<strong>{escape(local_day(completed, zone))}</strong></p>"
    elif expected and progress.get("status") not in _NO_PROMISE:
        expected_html = (
            f"<p>预计办结日期：<strong>{escape(local_time(expected, zone))}</strong></p>"
        )
    else:
        expected_html = ""  # the promise no longer runs: waiting for 补正, not accepted, withdrawn
    body = (
        f'<div class="card"><h1>{escape(progress["matter_name"])}</h1>'
        f'<div class="muted">{escape(progress["office"])}</div></div>'
        f'<div class="card"><div class="muted">当前状态</div>'
        f'<div class="status">{escape(progress["status_label"])}</div>{expected_html}</div>'
        f'<div class="card"><div class="muted">办理过程</div><ol>{events}</ol></div>{extra}'
        f'<p class="muted">查询码 {escape(code)} · 本页不显示申请人个人信息</p>'
    )
    return _page("办件进度", body, training=training)


def code_form_page(*, training: bool, message: str = "") -> str:
    """The form to find a case by the short code printed beside the QR."""
    note = f'<p class="muted">{escape(message)}</p>' if message else ""
    body = (
        '<div class="card"><h1>输入查询码</h1><p class="muted">查询码印在受理回执或决定书的'
        "二维码旁边。</p>"
        f'{note}<form method="get" action="/p"><input name="code" autocomplete="off" '
        'aria-label="查询码" placeholder="例如 K7QM-DA8F-X2Q9"> <button type="submit">查询</button>'
        "</form></div>"
    )
    return _page("办件进度查询", body, training=training)


def not_found_page(*, training: bool) -> str:
    """Friendly 404 for an unknown token or code."""
    body = (
        '<div class="card"><h1>未找到该办件</h1><p>二维码可能不完整，或办件尚未同步到平台。'
        "请稍后再试，或输入回执上的查询码：</p>"
        '<form method="get" action="/p"><input name="code" aria-label="查询码"> '
        '<button type="submit">查询</button></form></div>'
    )
    return _page("办件进度查询", body, training=training)


def dept_page(
    tickets: list[dict[str, Any]], names: dict[str, str], *, training: bool, csrf: str = ""
) -> str:
    """The department's desk: open verification requests with 确认 / 否认 / 延期; each form
    carries the visitor's CSRF token ``csrf`` (clerkapp.sandbox.csrf)."""
    rows = []
    for t in tickets:
        who = names.get(t["subject"], "")
        subject = mask_id_number(t["subject"]) if t["subject_kind"] == "id_number" else t["subject"]
        state = "待答复" if t["state"] == "queued" else "已延期"
        rows.append(
            f"<tr><td>{escape(t['department'])}<br><span class='muted'>"
            f"{escape(t['proof_code'])} · {state}</span></td>"
            f"<td>{escape(t['question'])}<br><span class='muted'>{escape(who)} "
            f"{escape(subject)}</span></td><td>"
            f"<form method='post' action='/dept/{escape(t['ticket'])}'>"
            f"<input type='hidden' name='csrf' value='{escape(csrf)}'>"
            "<input name='note' aria-label='答复说明' placeholder='答复说明（可空）'><br>"
            "<button name='action' value='confirm'>确认</button>"
            "<button class='deny' name='action' value='deny'>否认</button>"
            "<button class='defer' name='action' value='defer'>延期</button>"
            "</form></td></tr>"
        )
    table = (
        "<table><tr><th>部门</th><th>核验事项</th><th>答复</th></tr>" + "".join(rows) + "</table>"
        if rows
        else "<p>目前没有待答复的核验请求。</p>"
    )
    body = f'<div class="card"><h1>部门核验 · 待答复</h1>{table}</div>'
    return _page("部门核验工作台", body, training=training)


def throttled_page(wait_s: float, *, training: bool) -> str:
    """429 for too many short-code lookups from one client (``wait_s``: until the next)."""
    seconds = max(1, round(wait_s))
    body = (
        '<div class="card"><h1>查询过于频繁</h1>'
        f"<p>为保护办件信息，同一设备每分钟只能查询有限次数。请 {seconds} 秒后再试，"
        "或直接扫描回执上的二维码。</p></div>"
    )
    return _page("办件进度查询", body, training=training)


def refused_page(message: str, *, training: bool) -> str:
    """403 for a desk form that failed its CSRF check (nothing was changed)."""
    body = (
        f'<div class="card"><h1>答复未提交</h1><p>{escape(message)}</p>'
        '<p><a href="/dept">返回核验工作台</a></p></div>'
    )
    return _page("部门核验工作台", body, training=training)
