<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ApplicantStep</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="115"/>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="117"/>
        <source>修改号码</source>
        <translation>Change number</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="119"/>
        <source>读卡</source>
        <translation>Read card</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="121"/>
        <source>读取身份证</source>
        <translation>Read ID card</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="124"/>
        <source>演示身份证（培训）</source>
        <translation>Demo ID card (training)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="133"/>
        <source>使用 18 位号码</source>
        <translation>Use the 18-digit number</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="202"/>
        <source>申请人：个人</source>
        <translation>Applicant: person</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="202"/>
        <source>申请人：企业</source>
        <translation>Applicant: business</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="204"/>
        <source>公民身份号码</source>
        <translation>Resident ID number</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="204"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="206"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="206"/>
        <source>企业名称</source>
        <translation>Business name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="210"/>
        <source>18位号码，或点「读卡」</source>
        <translation>18-character number, or press &quot;Read card&quot;</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="210"/>
        <source>18位统一社会信用代码</source>
        <translation>18-character unified social credit code</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="307"/>
        <source>请先输入号码</source>
        <translation>Enter the number first</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="332"/>
        <source>（读卡）</source>
        <translation> (from card)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="361"/>
        <source>使用 18 位号码 {number}</source>
        <translation>Use the 18-digit number {number}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="363"/>
        <source>请先与申请人的身份证逐位核对，一致后再使用此号码</source>
        <translation>Check it digit by digit against the applicant&apos;s ID card first; use it only if they match</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="375"/>
        <source>15位旧号码：与证件逐位核对后使用18位号码</source>
        <translation>Old 15-digit number: check against the card digit by digit, then use the 18-digit number</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="386"/>
        <source>号码有效：{masked} · {sex} · 出生 {birth} · {region}</source>
        <translation>Valid number: {masked} · {sex} · born {birth} · {region}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="410"/>
        <source>代码有效：{code}</source>
        <translation>Valid code: {code}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/applicant_step.py" line="448"/>
        <source>正在读卡…</source>
        <translation>Reading the card…</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_actions.py" line="86"/>
        <location filename="../../clerkapp/gui/wizard/contact_dialog.py" line="87"/>
        <source>请先建立或打开办件</source>
        <translation>Create or open a case first</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_actions.py" line="90"/>
        <source>已办结</source>
        <translation>closed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_actions.py" line="94"/>
        <source>办件{state}，不能进行此操作</source>
        <translation>The case is {state}: this action is not possible</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_actions.py" line="106"/>
        <source>办件操作</source>
        <translation>Case actions</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_actions.py" line="114"/>
        <source>办件操作：</source>
        <translation>Case actions:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_actions.py" line="148"/>
        <source>（需主管审批）</source>
        <translation> (supervisor approval)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_actions.py" line="168"/>
        <source>恢复办理 (F6)</source>
        <translation>Resume (F6)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_actions.py" line="170"/>
        <source>补正 (F6)</source>
        <translation>Request correction (F6)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_actions.py" line="176"/>
        <source>本办件已一次性告知补正</source>
        <translation>The applicant has already been told all corrections for this case</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_actions.py" line="185"/>
        <source>不予受理 (F7)</source>
        <translation>Do not accept (F7)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_actions.py" line="195"/>
        <source>撤回 (F8)</source>
        <translation>Withdraw (F8)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_actions.py" line="236"/>
        <source>正在记录纸质证明…</source>
        <translation>Recording the paper proof…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_actions.py" line="278"/>
        <source>正在保存补正告知…</source>
        <translation>Saving the correction notice…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_actions.py" line="290"/>
        <source>申请人已补正，办件恢复办理</source>
        <translation>The applicant has corrected the documents; the case continues</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_actions.py" line="294"/>
        <source>正在恢复办理…</source>
        <translation>Resuming the case…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_actions.py" line="302"/>
        <source>正在保存不予受理决定…</source>
        <translation>Saving the decision not to accept…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_actions.py" line="313"/>
        <source>办件已撤回：请打印撤回申请确认书，申请人的进度页显示“已撤回”</source>
        <translation>Case withdrawn: print the withdrawal confirmation; the applicant&apos;s progress page shows “Withdrawn”</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_actions.py" line="320"/>
        <source>正在撤回…</source>
        <translation>Withdrawing…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/contact_dialog.py" line="80"/>
        <source>修改联系方式 (F10)</source>
        <translation>Change contact (F10)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/contact_dialog.py" line="112"/>
        <source>联系方式已修改</source>
        <translation>Contact changed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/contact_dialog.py" line="115"/>
        <source>正在保存联系方式…</source>
        <translation>Saving the contact…</translation>
    </message>
</context>
<context>
    <name>CasePresenter</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_presenter.py" line="58"/>
        <source>正在建立办件…</source>
        <translation>Opening the case…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_presenter.py" line="75"/>
        <source>正在打开办件…</source>
        <translation>Loading the case…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_presenter.py" line="208"/>
        <source>正在更改办理方式…</source>
        <translation>Changing the method…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_presenter.py" line="313"/>
        <source>正在保存签名…</source>
        <translation>Storing the signature…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_presenter.py" line="336"/>
        <source>正在保存决定…</source>
        <translation>Storing the decision…</translation>
    </message>
</context>
<context>
    <name>CaseWizard</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/wizard.py" line="62"/>
        <source>办件向导</source>
        <translation>Case wizard</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/wizard.py" line="103"/>
        <source>上一步 (Esc)</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/wizard.py" line="105"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/wizard.py" line="106"/>
        <source>下一步 (Enter)</source>
        <translation>Next (Enter)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/wizard.py" line="108"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/wizard.py" line="162"/>
        <source>正在载入事项目录…</source>
        <translation>Loading the catalogue of matters…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/wizard.py" line="263"/>
        <source>查询尚未完成，请稍候</source>
        <translation>Look-ups are still running, please wait</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/wizard.py" line="343"/>
        <source>证明材料（查询与核验同时进行，无需申请人跑腿）</source>
        <translation>Proofs (looked up and verified at once — the applicant runs nowhere)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/wizard.py" line="364"/>
        <source>{name} · {dept} · 承诺时限 {limit}</source>
        <translation>{name} · {dept} · time limit {limit}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/wizard.py" line="369"/>
        <source>申请人 {a}</source>
        <translation>Applicant {a}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="74"/>
        <source>依据：{basis}</source>
        <translation>Basis: {basis}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="76"/>
        <source>无需提供</source>
        <translation>Not needed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="82"/>
        <source>查询中…</source>
        <translation>Looking up…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="83"/>
        <source>正在向{registry}查询</source>
        <translation>Asking {registry}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="96"/>
        <source>已查询</source>
        <translation>Looked up</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="97"/>
        <source>已核验</source>
        <translation>Verified</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="98"/>
        <source>已承诺</source>
        <translation>Pledged</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="99"/>
        <source>纸质证明已核验</source>
        <translation>Paper proof checked</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="104"/>
        <source>未通过</source>
        <translation>Not met</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="106"/>
        <source>核验未通过</source>
        <translation>Verification denied</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="113"/>
        <source>预计 {date} 前答复 · {dept}</source>
        <translation>answer expected by {date} · {dept}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="118"/>
        <source>部门延期答复</source>
        <translation>Department deferred its answer</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="122"/>
        <source>已发起核验 · {dept} · 预计 {days} 个工作日</source>
        <translation>Verification requested · {dept} · about {days} working days</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="125"/>
        <source>待核验</source>
        <translation>Awaiting verification</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="158"/>
        <source>出错</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="136"/>
        <source>已排队</source>
        <translation>Queued</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="213"/>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="145"/>
        <source>不能承诺</source>
        <translation>Cannot pledge</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="131"/>
        <source>平台恢复后自动查询</source>
        <translation>asked automatically when the platform is back</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="146"/>
        <source>申请人在失信名单中，不能以承诺方式办理</source>
        <translation>The applicant is on the dishonesty list and cannot use a pledge</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="151"/>
        <source>待签字</source>
        <translation>To be signed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="152"/>
        <source>在「④ 承诺签字」中由申请人签署</source>
        <translation>Signed by the applicant in &quot;④ Pledge&quot;</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="163"/>
        <source>待查询</source>
        <translation>To look up</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="165"/>
        <source>待发起核验</source>
        <translation>Verification to request</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="179"/>
        <source>查询对象：{who}</source>
        <translation>About: {who}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="182"/>
        <source>核验对象：{who}</source>
        <translation>Verification about: {who}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="199"/>
        <source>数据截至 {t}</source>
        <translation>data as of {t}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="212"/>
        <source>办件状态：{s}</source>
        <translation>Case status: {s}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="216"/>
        <source>（部门已答复，可作出决定）</source>
        <translation> (the department answered: decide now)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="220"/>
        <source>建议：{s}</source>
        <translation>Recommendation: {s}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="236"/>
        <source>正在核查失信名单…</source>
        <translation>Checking the dishonesty list…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="240"/>
        <source>信用核查未完成：{e}。重新进入本步骤可再次核查。</source>
        <translation>Credit check not done: {e}. Enter this step again to retry.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="247"/>
        <source>签署承诺前须先核查失信名单</source>
        <translation>The dishonesty list is checked before any pledge is signed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="251"/>
        <source>信用核查：已列入失信名单</source>
        <translation>Credit check: on the dishonesty list</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="253"/>
        <source>信用核查：未列入失信名单</source>
        <translation>Credit check: not on the dishonesty list</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="269"/>
        <source>申请人已列入失信名单（名单版本 {v}；{d}），依规定不能以告知承诺方式办理，请改用目录允许的其他方式</source>
        <translation>The applicant is on the dishonesty list (list version {v}; {d}) and by law cannot use the pledge route; use another method the catalogue allows</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="277"/>
        <source>信用核查通过：未列入失信名单（名单版本 {v}）</source>
        <translation>Credit check passed: not on the dishonesty list (list version {v})</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/view_models.py" line="335"/>
        <source>已决定：{d}</source>
        <translation>Decided: {d}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/name_check.py" line="28"/>
        <source>{problem}——请核对姓名的写法，否则文书无法打印</source>
        <extracomment>Quiet time after the last keystroke before the name is checked.</extracomment>
        <translation>{problem} — check how the name is written, or its documents cannot be printed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/identity_banner.py" line="62"/>
        <source>正在核对申请人身份…核对前不能作出决定</source>
        <translation>Checking the applicant&apos;s identity… no decision until it is checked</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/identity_banner.py" line="75"/>
        <source>{finding}；已说明理由继续办理（{who} {when}）：{reason}</source>
        <translation>{finding}; continued with a reason ({who} {when}): {reason}</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/contact_dialog.py" line="36"/>
        <source>修改联系方式</source>
        <extracomment>The action&apos;s key (F6–F8 are the ways back, F9 is kept for 作废/更正).</extracomment>
        <translation>Change contact</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/contact_dialog.py" line="36"/>
        <source>保存 (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/contact_dialog.py" line="39"/>
        <source>办结前可修改申请人的联系方式。选择短信通知的，今后的办理进度发送到修改后的号码，并向新号码发送一条变更提示。</source>
        <translation>The applicant&apos;s contact can be changed until the case is decided. With SMS notices, further progress goes to the new number, and the new number gets a message about the change.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/contact_dialog.py" line="61"/>
        <source>联系方式没有改变</source>
        <translation>The contact has not changed</translation>
    </message>
</context>
<context>
    <name>ContactFields</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/contact_fields.py" line="32"/>
        <source>手机号码，或带区号的固定电话</source>
        <extracomment>The 送达方式 in the order the picker offers them (the first is the default).</extracomment>
        <translation>Mobile number, or landline with area code</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/contact_fields.py" line="33"/>
        <location filename="../../clerkapp/gui/wizard/contact_fields.py" line="60"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/contact_fields.py" line="39"/>
        <location filename="../../clerkapp/gui/wizard/contact_fields.py" line="62"/>
        <source>送达方式</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/contact_fields.py" line="41"/>
        <source>窗口领取</source>
        <translation>Collect at the counter</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/contact_fields.py" line="42"/>
        <source>短信通知</source>
        <translation>SMS notice</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/contact_fields.py" line="43"/>
        <source>邮寄</source>
        <translation>By post</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/contact_fields.py" line="50"/>
        <source>选填；邮寄送达时必填</source>
        <translation>Optional; required for delivery by post</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/contact_fields.py" line="51"/>
        <location filename="../../clerkapp/gui/wizard/contact_fields.py" line="64"/>
        <source>联系地址</source>
        <translation>Address</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="97"/>
        <source>补正材料一次性告知</source>
        <translation>Request correction (all items at once)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="97"/>
        <source>打印告知书</source>
        <translation>Print the notice</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="101"/>
        <source>一次性列出申请人需要补正的全部内容（行政许可法第三十二条）：勾选证明材料并写明缺少或需要更正的内容；其他材料每行一项，写作“名称：问题”。</source>
        <translation>List everything the applicant must correct, all at once (Administrative Licensing Law, Art. 32): tick each proof and say what is missing or wrong; other materials one per line, as “name: problem”.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="106"/>
        <source>一次性列出申请人需要补正的全部内容：勾选证明材料并写明缺少或需要更正的内容；其他材料每行一项，写作“名称：问题”。</source>
        <translation>List everything the applicant must correct, all at once: tick each proof and say what is missing or wrong; other materials one per line, as “name: problem”.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="125"/>
        <source>{name}的问题</source>
        <translation>Problem with {name}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="126"/>
        <source>缺少或需要更正的内容</source>
        <translation>What is missing or must be corrected</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="135"/>
        <source>要求提交纸质证明</source>
        <translation>Ask for the paper proof</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="144"/>
        <source>证明材料均已满足或正在核实，无需申请人补正；其他材料请在下面填写。</source>
        <translation>Every proof is met or being checked: nothing to correct there. Enter other materials below.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="150"/>
        <source>其他需要补正的材料（每行一项，写作“名称：问题”）：</source>
        <translation>Other materials to correct (one per line, as “name: problem”):</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="156"/>
        <source>其他需要补正的材料</source>
        <translation>Other materials to correct</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="157"/>
        <source>其他材料，每行一项，例如：户口簿：户主页复印件缺失</source>
        <translation>Other materials, one per line, e.g. 户口簿：户主页复印件缺失</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="165"/>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="166"/>
        <source>补正期限</source>
        <translation>Correction deadline</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="167"/>
        <source>补正期限（自今日起，按工作日计算）：</source>
        <translation>Deadline for the correction (working days from today):</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="196"/>
        <source>请写明“{name}”缺少或需要更正的内容</source>
        <translation>Say what is missing or wrong in “{name}”</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="201"/>
        <source>其他材料每行写作“名称：问题”</source>
        <translation>Write each other material as “name: problem”</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="203"/>
        <source>请至少勾选或填写一项需要补正的材料</source>
        <translation>Tick or enter at least one item to correct</translation>
    </message>
</context>
<context>
    <name>DecisionStep</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/decision_step.py" line="85"/>
        <source>受理（待核验后决定）</source>
        <extracomment>What a decision would print, given the reason field&apos;s text (the presenter&apos;s ``preview_act``).</extracomment>
        <translation>Accept (decide after verification)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/decision_step.py" line="90"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/decision_step.py" line="93"/>
        <source>决定理由</source>
        <translation>Reason for the decision</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/decision_step.py" line="95"/>
        <source>不按建议决定时必须填写理由（将记入办件留痕）；建议不予时已预填未通过的理由</source>
        <translation>A decision against the recommendation needs a reason (recorded in the audit trail); a recommended refusal comes with the failed proofs&apos; reasons filled in</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/decision_step.py" line="134"/>
        <source>将打印的内容</source>
        <translation>What will be printed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/decision_step.py" line="233"/>
        <source>{d}必须填写理由</source>
        <translation>{d} needs a reason</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/decision_step.py" line="198"/>
        <source>建议：{d}</source>
        <translation>Recommendation: {d}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/decision_step.py" line="238"/>
        <source>此决定与建议（{r}）不同，请填写理由</source>
        <translation>This differs from the recommendation ({r}): give a reason</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/decision_step.py" line="279"/>
        <source>将打印（{d}）：</source>
        <translation>Will be printed ({d}):</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/decision_step.py" line="286"/>
        <source>（请在上方填写理由：它将作为{d}的理由印在决定书上）</source>
        <translation>(Enter the reason above: it is printed on the decision as the reason for “{d}”)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/decision_step.py" line="333"/>
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
    <name>IdNumberEntry</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/id_entry.py" line="57"/>
        <source>号码有效</source>
        <translation>Number valid</translation>
    </message>
</context>
<context>
    <name>IdentityBanner</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/identity_banner.py" line="115"/>
        <source>改正姓名(&amp;G)</source>
        <translation>Correct the name (&amp;G)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/identity_banner.py" line="115"/>
        <source>改正姓名</source>
        <translation>Correct the name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/identity_banner.py" line="118"/>
        <source>采用登记名称(&amp;D)</source>
        <translation>Use the registered name (&amp;D)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/identity_banner.py" line="118"/>
        <source>采用登记名称</source>
        <translation>Use the registered name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/identity_banner.py" line="121"/>
        <source>说明理由后继续(&amp;L)</source>
        <translation>Continue with a reason (&amp;L)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/identity_banner.py" line="121"/>
        <source>说明理由后继续</source>
        <translation>Continue with a reason</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/identity_banner.py" line="124"/>
        <source>重新核对(&amp;H)</source>
        <translation>Check again (&amp;H)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/identity_banner.py" line="124"/>
        <source>重新核对</source>
        <translation>Check again</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/identity_banner.py" line="129"/>
        <source>改正后的姓名或继续办理的理由</source>
        <translation>Corrected name or reason to continue</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/identity_banner.py" line="131"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/identity_banner.py" line="216"/>
        <source>改正后的姓名</source>
        <translation>Corrected name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/identity_banner.py" line="217"/>
        <source>按证件核对后填写</source>
        <translation>As on the ID document, checked</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/identity_banner.py" line="219"/>
        <source>继续办理的理由</source>
        <translation>Reason to continue</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/identity_banner.py" line="221"/>
        <source>如：证件照片核对无误，户籍信息待更新（将记入办件留痕）</source>
        <translation>E.g. the ID photo matches; the registry is not yet updated (recorded in the audit trail)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/identity_banner.py" line="238"/>
        <source>请填写改正后的姓名</source>
        <translation>Enter the corrected name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/identity_banner.py" line="238"/>
        <source>请填写理由</source>
        <translation>Enter the reason</translation>
    </message>
</context>
<context>
    <name>IdentityPresenter</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/identity_actions.py" line="105"/>
        <source>正在改正姓名…</source>
        <translation>Correcting the name…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/identity_actions.py" line="112"/>
        <source>正在采用登记名称…</source>
        <translation>Adopting the registered name…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/identity_actions.py" line="119"/>
        <source>正在记录理由…</source>
        <translation>Recording the reason…</translation>
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
    <name>NotAcceptedDialog</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="260"/>
        <source>不予受理</source>
        <translation>Do not accept</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="260"/>
        <source>打印决定书</source>
        <translation>Print the decision</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="262"/>
        <source>写明不予受理的理由（打印在不予受理决定书上，并告知复议、诉讼权利）：</source>
        <translation>State the reasons for not accepting (printed on the decision, with the rights of review and appeal):</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="274"/>
        <source>其他理由</source>
        <translation>Other reasons</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="275"/>
        <source>其他理由，每行一条</source>
        <translation>Other reasons, one per line</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="288"/>
        <source>不予受理必须写明理由</source>
        <translation>Not accepting needs a reason</translation>
    </message>
</context>
<context>
    <name>PaperDialog</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="325"/>
        <source>收取纸质证明</source>
        <translation>Take the paper proof</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="325"/>
        <source>确认已核验</source>
        <translation>Confirm checked</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="328"/>
        <source>“{name}”：申请人不能以承诺方式办理，按目录允许提交纸质证明，由窗口核验。</source>
        <translation>“{name}”: the applicant may not pledge; as the catalogue allows, they hand in the paper proof, checked at the counter.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="334"/>
        <source>原件已核验</source>
        <translation>Original checked</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="336"/>
        <source>核验情况</source>
        <translation>What was checked</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="342"/>
        <source>请写明核验情况（例如：原件已核验）</source>
        <translation>Say what was checked (e.g. original checked)</translation>
    </message>
</context>
<context>
    <name>PersonPresentPanel</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="40"/>
        <source>代办人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="41"/>
        <source>监护人</source>
        <translation>Guardian</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="42"/>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="43"/>
        <source>经办人</source>
        <translation>Handler</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="54"/>
        <source>{role} {name}（{ground}）</source>
        <translation>{role} {name} ({ground})</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="76"/>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="77"/>
        <source>办理人</source>
        <translation>Person present</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="85"/>
        <source>读卡</source>
        <translation>Read card</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="104"/>
        <source>与申请人关系</source>
        <translation>Relationship to the applicant</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="107"/>
        <source>已收授权委托书（已核对申请人签章）</source>
        <translation>Power of attorney received (applicant&apos;s signature or seal checked)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="109"/>
        <source>已收授权委托书</source>
        <translation>Power of attorney received</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="111"/>
        <source>办理人的公民身份号码</source>
        <translation>ID number of the person present</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="112"/>
        <source>办理人的姓名</source>
        <translation>Name of the person present</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="113"/>
        <source>读取办理人的身份证</source>
        <translation>Read the ID card of the person present</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="178"/>
        <source>本人办理</source>
        <translation>Applicant in person</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="178"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="270"/>
        <source>企业申请须选择到场办理人：法定代表人，或持授权委托书的经办人</source>
        <translation>A company&apos;s application needs the person at the counter: the legal representative, or an authorised handler with a power of attorney</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="276"/>
        <source>请输入{role}的公民身份号码</source>
        <translation>Enter the {role}&apos;s ID number</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="279"/>
        <source>请填写{role}的姓名</source>
        <translation>Enter the {role}&apos;s name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="281"/>
        <source>请填写{role}与申请人的关系</source>
        <translation>Enter the {role}&apos;s relationship to the applicant</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="284"/>
        <source>{role}须持申请人的授权委托书：收取并核对后请勾选</source>
        <translation>The {role} needs the applicant&apos;s power of attorney: tick once received and checked</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="288"/>
        <source>本事项凡申请人本人以外的人员到场办理，均须持授权委托书（{role}也不例外）：收取并核对后请勾选</source>
        <translation>For this matter anyone other than the applicant needs a power of attorney ({role} included): collect and check it, then tick</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="323"/>
        <source>{role}身份号码</source>
        <translation>{role} ID number</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="324"/>
        <source>{role}姓名</source>
        <translation>{role} name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="325"/>
        <source>{role}的公民身份号码</source>
        <translation>The {role}&apos;s ID number</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="326"/>
        <source>{role}的姓名</source>
        <translation>The {role}&apos;s name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="327"/>
        <source>读取{role}的身份证</source>
        <translation>Read the {role}&apos;s ID card</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/person_present.py" line="328"/>
        <source>18位号码，或点「读卡」</source>
        <translation>18 digits, or press &quot;Read card&quot;</translation>
    </message>
</context>
<context>
    <name>PledgeStep</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="87"/>
        <source>承诺事项</source>
        <translation>Pledges</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="90"/>
        <source>承诺书全文</source>
        <translation>Full pledge text</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="96"/>
        <source>已签署的签名</source>
        <translation>Signed signature</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="225"/>
        <source>申请人承诺</source>
        <translation>Pledge of the applicant</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="226"/>
        <source>虚假承诺的后果</source>
        <translation>Consequences of a false pledge</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="240"/>
        <source>已签字 · {at}
绑定承诺文本摘要 {digest}…</source>
        <translation>Signed · {at}
Bound to the pledge text by hash {digest}…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="271"/>
        <source>收取纸质证明（窗口核验）</source>
        <translation>Take the paper proof (checked at the counter)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="277"/>
        <source>✔ 纸质证明已核验：{check}</source>
        <translation>✔ Paper proof checked: {check}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="282"/>
        <source>目录未允许其他方式，本项无法满足</source>
        <translation>The catalogue allows no other method: this proof cannot be met</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="288"/>
        <source>改为部门核验</source>
        <translation>Ask the department instead</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="289"/>
        <source>改为数据查询</source>
        <translation>Look it up instead</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="309"/>
        <source>签署人：申请人本人 {name}</source>
        <translation>Signed by: the applicant in person, {name}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/pledge_step.py" line="312"/>
        <source>签署人：{role} {name}（代表申请人 {applicant}）</source>
        <translation>Signed by: {role} {name} (for the applicant {applicant})</translation>
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
        <location filename="../../clerkapp/gui/wizard/proofs_board.py" line="41"/>
        <source>直接取消</source>
        <extracomment>(tone, badge background) per status; the tone&apos;s icon carries the meaning without colour.</extracomment>
        <translation>Dropped</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/proofs_board.py" line="42"/>
        <source>申报承诺</source>
        <translation>Pledge</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/proofs_board.py" line="43"/>
        <source>数据查询</source>
        <translation>Data look-up</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/proofs_board.py" line="44"/>
        <source>部门核验</source>
        <translation>Dept. verification</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/proofs_board.py" line="84"/>
        <source>重试 (F5)</source>
        <extracomment>The proof name&apos;s column (px): long names wrap inside it, so the badges stay aligned.</extracomment>
        <translation>Retry (F5)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/proofs_board.py" line="85"/>
        <source>改为部门核验</source>
        <translation>Ask the department instead</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/proofs_board.py" line="86"/>
        <source>改为承诺</source>
        <translation>Pledge instead</translation>
    </message>
</context>
<context>
    <name>RelatedPersonRow</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/related_person.py" line="37"/>
        <source>公民身份号码</source>
        <translation>Resident ID number</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/related_person.py" line="41"/>
        <source>{label}的公民身份号码</source>
        <translation>Resident ID number of the {label}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/related_person.py" line="51"/>
        <source>读卡</source>
        <translation>Read card</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/related_person.py" line="53"/>
        <source>读取{label}的身份证</source>
        <translation>Read the ID card of the {label}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/related_person.py" line="55"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/related_person.py" line="58"/>
        <source>{label}的姓名</source>
        <translation>Name of the {label}</translation>
    </message>
</context>
<context>
    <name>ResumeDialog</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="213"/>
        <source>申请人补正后恢复办理</source>
        <translation>Resume after the applicant&apos;s correction</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="213"/>
        <source>恢复办理</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="220"/>
        <source>补正期限 {due}。告知书所列：
{items}</source>
        <translation>Deadline {due}. Listed in the notice:
{items}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="230"/>
        <source>已收到“{name}”纸质证明并核验</source>
        <translation>Paper proof “{name}” received and checked</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="233"/>
        <source>原件已核验</source>
        <translation>Original checked</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="235"/>
        <source>核验情况</source>
        <translation>What was checked</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="252"/>
        <source>请写明核验情况（例如：原件已核验）</source>
        <translation>Say what was checked (e.g. original checked)</translation>
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
<context>
    <name>WithdrawDialog</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="296"/>
        <source>申请人撤回申请</source>
        <translation>The applicant withdraws the application</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="296"/>
        <source>确认撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="299"/>
        <source>撤回后办件终止，尚未发出的查询和核验请求一并撤回。撤回后打印撤回申请确认书交申请人，申请人扫码查询进度时显示“已撤回”。</source>
        <translation>Withdrawing ends the case; look-ups and verification requests not yet sent are withdrawn too. A withdrawal confirmation is printed for the applicant; their progress page says “withdrawn”.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="309"/>
        <source>撤回原因</source>
        <translation>Reason for withdrawal</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="310"/>
        <source>撤回原因，例如：申请人主动撤回申请</source>
        <translation>Reason, e.g. the applicant no longer wishes to apply</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="316"/>
        <source>撤回须填写原因</source>
        <translation>A withdrawal needs a reason</translation>
    </message>
</context>
<context>
    <name>_WaysDialog</name>
    <message>
        <location filename="../../clerkapp/gui/wizard/case_dialogs.py" line="52"/>
        <source>取消 (Esc)</source>
        <extracomment>The default correction period (working days), the clerk may change it.</extracomment>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
</TS>
