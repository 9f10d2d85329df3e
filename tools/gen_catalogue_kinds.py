"""The kind of act (``procedure``) of each synthetic matter of the generated catalogue, from its
name, the way the provincial lists of powers (权力事项清单) sort them. Used by
``tools/gen_catalogue.py``; the canonical matters carry their kind in ``canonical.json``.

Rules, first match wins (a licence life-cycle stem — 核发/变更/延续/注销/补办 — is a licence):

1. a named exception (:data:`EXCEPTIONS`);
2. 认定 / 确认 / 鉴定 / 评定 / 评价 (a status determined): 行政确认 (confirmation);
3. money or kind paid out — 补贴, 补助, 救助, 资助, 抚恤, 津贴, 扶助, 褒扬金, 优待金, 供养,
   生活费, 待遇, 贴息, 返还, 返退, 帮扶, 保险金, 助学, 报销, 互助: 行政给付 (benefit);
4. a filing (…备案, even 竣工验收备案): 其他; then a licence by its verbs — 许可, 审批, 核准,
   核定, 审查, 审核, 批准, 核发, 注册, 验收, 检查, and a market-entity 登记
   (行政许可法 Art. 12(5)): 行政许可 (licence);
5. 备案 / 申报 / 报告 / 受理 / 投诉: 其他 (other: a filing is no decision on a right);
6. 登记 / 签发 / 注销 / 更正: 行政确认 (a registration records a fact);
7. everything else — 查询, 提取, 申领 of a card, 转移接续, 出具, 报名, 入学 …: 公共服务.
"""

from __future__ import annotations

#: Names whose kind the rules would get wrong.
EXCEPTIONS: dict[str, str] = {
    "残疾人证核发": "confirmation",  # a certificate of a status, not a permission
    "高新技术企业认定推荐": "other",  # a recommendation to the province, not the 认定 itself
    "社会保障卡申领": "public_service",
    "退役军人优待证申领": "confirmation",
    "法律援助申请": "benefit",  # legal aid is a service granted at public expense
    "政府采购供应商投诉处理": "other",  # an administrative ruling (行政裁决)
    "生育登记": "public_service",  # 生育服务登记: a service, no decision on a right
    "住房公积金缴存登记": "public_service",
    "价格认定申请受理": "other",  # receiving a request, the 认定 comes later
    "不动产登记资料查询": "public_service",
    "婚姻登记档案出具": "public_service",
    "经济适用住房申请": "benefit",  # housing security, like 公共租赁住房 (canonical.json)
    "残疾人家庭无障碍改造申请": "benefit",
    "建筑业企业资质延续": "licence",
    "典当行设立初审": "other",  # a preliminary review for the province's licence
    "信用修复申请": "other",
    "城乡居民医疗保险参保登记": "public_service",
    "遗体和人体器官捐献登记": "public_service",
}

_CONFIRMATION = ("认定", "确认", "鉴定", "评定", "评价")
_BENEFIT = (
    "补贴", "补助", "救助", "资助", "抚恤", "津贴", "扶助", "褒扬金", "优待金", "供养",
    "生活费", "待遇", "贴息", "返还", "返退", "帮扶", "保险金", "助学", "报销", "互助",
)  # fmt: skip
_LICENCE = (
    "许可", "审批", "核准", "核定", "审查", "审核", "批准", "核发", "注册", "验收", "检查",
)  # fmt: skip
_MARKET_REGISTRATION = ("设立登记", "注销登记", "变更登记", "出质设立登记", "使用登记", "作坊登记")
_OTHER = ("备案", "申报", "报告", "受理", "投诉")
_REGISTRATION = ("登记", "签发", "注销", "更正")


def procedure_of(name: str, *, licence_cycle: bool = False, department: str = "") -> str:
    """The ``procedure`` value of a synthetic matter named ``name``; ``licence_cycle`` for the
    核发/变更/延续/注销/补办 of a licence stem; ``department`` its code (市场监管 registrations
    are licences)."""
    for stem, kind in EXCEPTIONS.items():
        if name.startswith(stem):
            return kind
    if licence_cycle:
        return "licence"
    if any(word in name for word in _CONFIRMATION):
        return "confirmation"
    if any(word in name for word in _BENEFIT):
        return "benefit"
    if name.endswith("备案"):
        return "other"
    if any(word in name for word in _LICENCE):
        return "licence"
    if department == "scjgj" and any(word in name for word in _MARKET_REGISTRATION):
        return "licence"
    if any(word in name for word in _OTHER):
        return "other"
    if any(word in name for word in _REGISTRATION):
        return "confirmation"
    return "public_service"
