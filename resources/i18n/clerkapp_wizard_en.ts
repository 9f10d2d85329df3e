<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ApplicantStep</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="84"/>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="86"/>
        <source>修改号码</source>
        <translation>Change number</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="88"/>
        <source>读卡</source>
        <translation>Read card</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="90"/>
        <source>读取身份证</source>
        <translation>Read ID card</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="93"/>
        <source>演示身份证（培训）</source>
        <translation>Demo ID card (training)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="145"/>
        <source>申请人：个人</source>
        <translation>Applicant: person</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="145"/>
        <source>申请人：企业</source>
        <translation>Applicant: business</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="147"/>
        <source>公民身份号码</source>
        <translation>Resident ID number</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="147"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="149"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="149"/>
        <source>企业名称</source>
        <translation>Business name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="153"/>
        <source>18位号码，或点「读卡」</source>
        <translation>18-character number, or press &quot;Read card&quot;</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="153"/>
        <source>18位统一社会信用代码</source>
        <translation>18-character unified social credit code</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="224"/>
        <source>请先输入号码</source>
        <translation>Enter the number first</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="245"/>
        <source>（读卡）</source>
        <translation> (from card)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="277"/>
        <source>号码有效：{masked} · {sex} · 出生 {birth} · {region}</source>
        <translation>Valid number: {masked} · {sex} · born {birth} · {region}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="301"/>
        <source>代码有效：{code}</source>
        <translation>Valid code: {code}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="339"/>
        <source>正在读卡…</source>
        <translation>Reading the card…</translation>
    </message>
</context>
<context>
    <name>CasePresenter</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_presenter.py" line="54"/>
        <source>正在建立办件…</source>
        <translation>Opening the case…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_presenter.py" line="71"/>
        <source>正在打开办件…</source>
        <translation>Loading the case…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_presenter.py" line="175"/>
        <source>正在更改办理方式…</source>
        <translation>Changing the method…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_presenter.py" line="286"/>
        <source>正在保存签名…</source>
        <translation>Storing the signature…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_presenter.py" line="309"/>
        <source>正在保存决定…</source>
        <translation>Storing the decision…</translation>
    </message>
</context>
<context>
    <name>CaseWizard</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/wizard.py" line="56"/>
        <source>办件向导</source>
        <translation>Case wizard</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/wizard.py" line="92"/>
        <source>上一步 (Esc)</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/wizard.py" line="94"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/wizard.py" line="95"/>
        <source>下一步 (Enter)</source>
        <translation>Next (Enter)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/wizard.py" line="97"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/wizard.py" line="139"/>
        <source>正在载入事项目录…</source>
        <translation>Loading the catalogue of matters…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/wizard.py" line="214"/>
        <source>查询尚未完成，请稍候</source>
        <translation>Look-ups are still running, please wait</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/wizard.py" line="290"/>
        <source>证明材料（查询与核验同时进行，无需申请人跑腿）</source>
        <translation>Proofs (looked up and verified at once — the applicant runs nowhere)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/wizard.py" line="311"/>
        <source>{name} · {dept} · 承诺时限 {limit}</source>
        <translation>{name} · {dept} · time limit {limit}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/wizard.py" line="316"/>
        <source>申请人 {a}</source>
        <translation>Applicant {a}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="70"/>
        <source>依据：{basis}</source>
        <translation>Basis: {basis}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="72"/>
        <source>无需提供</source>
        <translation>Not needed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="78"/>
        <source>查询中…</source>
        <translation>Looking up…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="79"/>
        <source>正在向{registry}查询</source>
        <translation>Asking {registry}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="87"/>
        <source>已查询</source>
        <translation>Looked up</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="88"/>
        <source>已核验</source>
        <translation>Verified</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="89"/>
        <source>已承诺</source>
        <translation>Pledged</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="94"/>
        <source>未通过</source>
        <translation>Not met</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="96"/>
        <source>核验未通过</source>
        <translation>Verification denied</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="102"/>
        <source>已发起核验 · {dept} · 预计 {days} 个工作日</source>
        <translation>Verification requested · {dept} · about {days} working days</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="105"/>
        <source>待核验</source>
        <translation>Awaiting verification</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="111"/>
        <source>{why}（已排队，平台恢复后自动重发）</source>
        <translation>{why} (queued; sent again when the platform is back)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="115"/>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="144"/>
        <source>出错</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="117"/>
        <source>平台暂不可用，已排队，恢复后自动重发</source>
        <translation>Platform unavailable; queued and sent again when it is back</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="122"/>
        <source>已排队</source>
        <translation>Queued</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="182"/>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="131"/>
        <source>不能承诺</source>
        <translation>Cannot pledge</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="132"/>
        <source>申请人在失信名单中，不能以承诺方式办理</source>
        <translation>The applicant is on the dishonesty list and cannot use a pledge</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="137"/>
        <source>待签字</source>
        <translation>To be signed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="138"/>
        <source>在「④ 承诺签字」中由申请人签署</source>
        <translation>Signed by the applicant in &quot;④ Pledge&quot;</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="149"/>
        <source>待查询</source>
        <translation>To look up</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="151"/>
        <source>待发起核验</source>
        <translation>Verification to request</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="165"/>
        <source>查询对象：{who}</source>
        <translation>About: {who}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="168"/>
        <source>核验对象：{who}</source>
        <translation>Verification about: {who}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="185"/>
        <source>数据截至 {t}</source>
        <translation>data as of {t}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="197"/>
        <source>办件状态：{s}</source>
        <translation>Case status: {s}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="201"/>
        <source>（部门已答复，可作出决定）</source>
        <translation> (the department answered: decide now)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="203"/>
        <source>建议：{s}</source>
        <translation>Recommendation: {s}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="219"/>
        <source>正在核查失信名单…</source>
        <translation>Checking the dishonesty list…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="223"/>
        <source>信用核查未完成：{e}。重新进入本步骤可再次核查。</source>
        <translation>Credit check not done: {e}. Enter this step again to retry.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="230"/>
        <source>签署承诺前须先核查失信名单</source>
        <translation>The dishonesty list is checked before any pledge is signed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="234"/>
        <source>信用核查：已列入失信名单</source>
        <translation>Credit check: on the dishonesty list</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="236"/>
        <source>信用核查：未列入失信名单</source>
        <translation>Credit check: not on the dishonesty list</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="252"/>
        <source>申请人已列入失信名单（名单版本 {v}；{d}），依规定不能以告知承诺方式办理，请改用目录允许的其他方式</source>
        <translation>The applicant is on the dishonesty list (list version {v}; {d}) and by law cannot use the pledge route; use another method the catalogue allows</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="260"/>
        <source>信用核查通过：未列入失信名单（名单版本 {v}）</source>
        <translation>Credit check passed: not on the dishonesty list (list version {v})</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="313"/>
        <source>已决定：{d}</source>
        <translation>Decided: {d}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/name_check.py" line="27"/>
        <source>{problem}——请核对姓名的写法，否则文书无法打印</source>
        <extracomment>Quiet time after the last keystroke before the name is checked.</extracomment>
        <translation>{problem} — check how the name is written, or its documents cannot be printed</translation>
    </message>
</context>
<context>
    <name>DecisionStep</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/decision_step.py" line="58"/>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/decision_step.py" line="60"/>
        <source>不予许可</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/decision_step.py" line="62"/>
        <source>受理（待核验后决定）</source>
        <translation>Accept (decide after verification)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/decision_step.py" line="67"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/decision_step.py" line="70"/>
        <source>决定理由</source>
        <translation>Reason for the decision</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/decision_step.py" line="72"/>
        <source>不予许可或不按建议决定时必须填写理由（将记入办件留痕）</source>
        <translation>Required to refuse or to decide against the recommendation (kept in the audit trail)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/decision_step.py" line="104"/>
        <source>建议：{d}</source>
        <translation>Recommendation: {d}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/decision_step.py" line="135"/>
        <source>不予许可必须填写理由</source>
        <translation>A refusal needs a reason</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/decision_step.py" line="140"/>
        <source>此决定与建议（{r}）不同，请填写理由</source>
        <translation>This differs from the recommendation ({r}): give a reason</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/decision_step.py" line="153"/>
        <source>正在保存决定…</source>
        <translation>Storing the decision…</translation>
    </message>
</context>
<context>
    <name>IdCardReader</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/id_reader.py" line="58"/>
        <source>未连接身份证阅读器</source>
        <translation>No ID card reader connected</translation>
    </message>
</context>
<context>
    <name>MatterStep</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/matter_step.py" line="22"/>
        <source>即办</source>
        <extracomment>Finds matters for a query, best first (the wizard adapts CatalogueIndex.search to this).</extracomment>
        <translation>at the counter</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/matter_step.py" line="25"/>
        <source>1 个工作日</source>
        <translation>1 working day</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/matter_step.py" line="28"/>
        <source>{n} 个工作日</source>
        <translation>{n} working days</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/matter_step.py" line="41"/>
        <source>办理什么事项？输入事项名称或拼音首字母（如 ggzl）</source>
        <translation>Which matter? Type its name, pinyin or initials (e.g. ggzl)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/matter_step.py" line="46"/>
        <source>事项搜索</source>
        <translation>Search matters</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/matter_step.py" line="47"/>
        <source>事项名称、拼音或首字母…</source>
        <translation>Matter name, pinyin or initials…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/matter_step.py" line="53"/>
        <source>匹配的事项</source>
        <translation>Matching matters</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/matter_step.py" line="97"/>
        <source>↑↓ 选择，Enter 确定</source>
        <translation>↑↓ to choose, Enter to confirm</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/matter_step.py" line="99"/>
        <source>没有找到匹配的事项，请换个说法或用拼音首字母</source>
        <translation>No matter found; try other words or the pinyin initials</translation>
    </message>
</context>
<context>
    <name>PledgeStep</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="75"/>
        <source>承诺事项</source>
        <translation>Pledges</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="78"/>
        <source>承诺书全文</source>
        <translation>Full pledge text</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="84"/>
        <source>已签署的签名</source>
        <translation>Signed signature</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="194"/>
        <source>申请人承诺</source>
        <translation>Pledge of the applicant</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="195"/>
        <source>虚假承诺的后果</source>
        <translation>Consequences of a false pledge</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="209"/>
        <source>已签字 · {at}
绑定承诺文本摘要 {digest}…</source>
        <translation>Signed · {at}
Bound to the pledge text by hash {digest}…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="229"/>
        <source>目录未允许其他方式，本项无法满足</source>
        <translation>The catalogue allows no other method: this proof cannot be met</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="239"/>
        <source>改为部门核验</source>
        <translation>Ask the department instead</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="240"/>
        <source>改为数据查询</source>
        <translation>Look it up instead</translation>
    </message>
</context>
<context>
    <name>PrintHost</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/print_host.py" line="26"/>
        <source>打印功能载入中…</source>
        <translation>Loading printing…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/print_host.py" line="43"/>
        <source>本机未安装打印组件，无法预览和打印文书。</source>
        <translation>Printing is not installed on this workstation; documents cannot be previewed or printed.</translation>
    </message>
</context>
<context>
    <name>ProofsBoard</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/proofs_board.py" line="71"/>
        <source>重试 (F5)</source>
        <extracomment>(tone, badge background) per status; the tone&apos;s icon carries the meaning without colour.</extracomment>
        <translation>Retry (F5)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/proofs_board.py" line="72"/>
        <source>改为部门核验</source>
        <translation>Ask the department instead</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/proofs_board.py" line="73"/>
        <source>改为承诺</source>
        <translation>Pledge instead</translation>
    </message>
</context>
<context>
    <name>RelatedPersonRow</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/related_person.py" line="42"/>
        <source>公民身份号码</source>
        <translation>Resident ID number</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/related_person.py" line="46"/>
        <source>{label}的公民身份号码</source>
        <translation>Resident ID number of the {label}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/related_person.py" line="56"/>
        <source>读卡</source>
        <translation>Read card</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/related_person.py" line="58"/>
        <source>读取{label}的身份证</source>
        <translation>Read the ID card of the {label}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/related_person.py" line="60"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/related_person.py" line="63"/>
        <source>{label}的姓名</source>
        <translation>Name of the {label}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/related_person.py" line="136"/>
        <source>号码有效</source>
        <translation>Valid number</translation>
    </message>
</context>
<context>
    <name>SignatureCanvas</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/signature_pad.py" line="121"/>
        <source>签名区</source>
        <extracomment>Pressure recorded for input devices that have none (mouse, most touch screens). Stroke width in pixels at pressure 0 and at pressure 1.</extracomment>
        <translation>Signature area</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/signature_pad.py" line="252"/>
        <source>请在横线上方签名</source>
        <translation>Please sign above the line</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/signature_pad.py" line="269"/>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/signature_pad.py" line="271"/>
        <source>清除签名</source>
        <translation>Clear the signature</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/signature_pad.py" line="272"/>
        <location filename="../../clerkapp/gui/wizard/signature_pad.py" line="274"/>
        <source>确认签字</source>
        <translation>Confirm signature</translation>
    </message>
</context>
<context>
    <name>SimulatedIdCardReader</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/id_reader.py" line="92"/>
        <source>没有可读的演示身份证</source>
        <translation>No demo ID card to read</translation>
    </message>
</context>
<context>
    <name>StepBar</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/step_bar.py" line="29"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/step_bar.py" line="30"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/step_bar.py" line="31"/>
        <source>证明材料</source>
        <translation>Proofs</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/step_bar.py" line="32"/>
        <source>承诺签字</source>
        <translation>Pledge</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/step_bar.py" line="33"/>
        <source>决定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/step_bar.py" line="34"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/step_bar.py" line="71"/>
        <source>（无）</source>
        <translation> (none)</translation>
    </message>
</context>
</TS>
