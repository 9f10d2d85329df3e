<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>Accounts</name>
    <message>
        <location filename="../../clerkapp/app/accounts.py" line="95"/>
        <source>用户名只能使用字母、数字和 . _ -（以字母或数字开头，最多 32 个字符）。</source>
        <extracomment>The actor of changes made with ``clerkapp clerks`` (IT staff at the workstation&apos;s shell). A user name: letters, digits and ``._-``, starting with a letter or digit, up to 32.</extracomment>
        <translation>A user name may contain only letters, digits and . _ - (starting with a letter or digit, at most 32 characters).</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/accounts.py" line="103"/>
        <source>用户名 {username} 是保留名称，请换一个。</source>
        <translation>The user name {username} is reserved; please choose another.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/accounts.py" line="109"/>
        <source>请填写姓名。</source>
        <translation>Please enter the name.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/accounts.py" line="117"/>
        <source>账号 {username} 已存在。</source>
        <translation>The account {username} already exists.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/accounts.py" line="132"/>
        <source>本工作站已有账号，请由科室负责人登录后添加。</source>
        <translation>This workstation already has accounts: a supervisor must log in to add one.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/accounts.py" line="181"/>
        <source>没有账号 {username}。</source>
        <translation>There is no account {username}.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/accounts.py" line="199"/>
        <source>{username} 是最后一个启用的科室负责人账号，不能停用或改为窗口人员（科室必须保留一名科室负责人）。请先添加或启用另一名科室负责人。</source>
        <translation>{username} is the last active supervisor account and cannot be disabled or made a counter clerk (the office must keep one supervisor). Add or enable another supervisor first.</translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <location filename="../../clerkapp/app/context.py" line="155"/>
        <source>培训窗口</source>
        <extracomment>Drain in a child process (:mod:`clerkapp.app.sync_process`; the desktop app) rather than on threads of this one: the drain&apos;s Python work then never holds the GUI&apos;s interpreter lock (issue 13). Only with the default clock (the child&apos;s own).</extracomment>
        <translation>Training counter</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/context.py" line="206"/>
        <source>账号管理仅限科室负责人使用。</source>
        <translation>Accounts are for supervisors only.</translation>
    </message>
</context>
<context>
    <name>Approvals</name>
    <message>
        <location filename="../../clerkapp/app/approvals.py" line="94"/>
        <source>文书 {number} 已有待审批的申请，请等待科室负责人审批</source>
        <translation>Document {number} already has a request awaiting approval; please wait for a supervisor to decide on it</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/approvals.py" line="124"/>
        <source>审批队列仅限科室负责人使用</source>
        <translation>The approval queue is for supervisors only</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/approvals.py" line="148"/>
        <source>请填写批准意见</source>
        <translation>Please enter the approval note</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/approvals.py" line="178"/>
        <source>请填写退回理由</source>
        <translation>Please enter the reason for sending it back</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/approvals.py" line="208"/>
        <source>{display_name}不是科室负责人，不能批准{action}</source>
        <translation>{display_name} is not a supervisor and cannot approve a {action}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/approvals.py" line="216"/>
        <source>申请人本人不能批准自己的申请，请另一位科室负责人审批</source>
        <translation>You cannot approve your own request; another supervisor must approve it</translation>
    </message>
</context>
<context>
    <name>AuditAnchor</name>
    <message>
        <location filename="../../clerkapp/app/audit_anchor.py" line="109"/>
        <source>平台已存证的审计链比本机的长：本机审计记录可能被删减，或从旧备份恢复</source>
        <translation>The platform holds a longer audit chain than this workstation: local audit records may have been deleted, or restored from an old backup</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/audit_anchor.py" line="113"/>
        <source>平台已存证的同一位置链头与本机不同：本机审计记录可能被改写</source>
        <translation>The platform holds a different chain head at the same position: local audit records may have been rewritten</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/audit_anchor.py" line="116"/>
        <source>平台未接受本机审计链的存证，本机审计记录的完整性无法由平台证明</source>
        <translation>The platform did not accept this workstation&apos;s audit anchor: the platform cannot vouch for the integrity of the local audit records</translation>
    </message>
</context>
<context>
    <name>Auth</name>
    <message>
        <location filename="../../clerkapp/app/auth.py" line="46"/>
        <source>窗口人员</source>
        <translation>Counter clerk</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/auth.py" line="48"/>
        <source>科室负责人</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/auth.py" line="79"/>
        <source>用户名或密码不正确。</source>
        <extracomment>The one message of every failed log-in: unknown user, wrong password, disabled account, a training account outside training mode (nobody learns which names exist, nor attempts left).</extracomment>
        <translation>Wrong user name or password.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/auth.py" line="81"/>
        <source>登录失败次数过多，请 {minutes} 分钟后再试或联系科室负责人。</source>
        <extracomment>Once :data:`MAX_FAILURES` failures are counted for a name — any name, known or not.</extracomment>
        <translation>Too many failed logins: try again in {minutes} minutes or ask your supervisor.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/auth.py" line="169"/>
        <source>密码至少 {min_password_length} 个字符，且不能与用户名相同。</source>
        <extracomment>User names no account may take (the training accounts and the audit&apos;s unknown actor). How many unknown names&apos; failures are remembered (in memory only, never stored).</extracomment>
        <translation>A password needs at least {min_password_length} characters and must differ from the user name.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/auth.py" line="180"/>
        <source>密码太短。{password_policy}</source>
        <translation>Password too short. {password_policy}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/auth.py" line="292"/>
        <source>演示账号仅在培训模式下可用。</source>
        <translation>Demo accounts are available in training mode only.</translation>
    </message>
</context>
<context>
    <name>CalendarFile</name>
    <message>
        <location filename="../../clerkapp/infra/calendar_io.py" line="52"/>
        <source>节假日覆盖文件有 {count} 个问题：
{listed}</source>
        <translation>The holiday override file has {count} problem(s):
{listed}</translation>
    </message>
</context>
<context>
    <name>Case</name>
    <message>
        <location filename="../../clerkapp/core/case.py" line="204"/>
        <source>全部{length}项证明材料均已满足</source>
        <translation>All {length} proofs are satisfied</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case.py" line="253"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case.py" line="255"/>
        <source>{name}不能改为{method}（目录允许的其他方式：{names}）</source>
        <translation>{name} cannot be changed to {method} (other methods the catalogue allows: {names})</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case.py" line="261"/>
        <source>{name}已经是{method}</source>
        <translation>{name} is already handled by {method}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case.py" line="294"/>
        <source>核验请求已过期，请重新发起或改用其他方式</source>
        <translation>The verification request has expired: send it again or use another method</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case.py" line="330"/>
        <source>申请人在失信名单中，承诺无效</source>
        <translation>The applicant is on the dishonesty list: the pledge is void</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case.py" line="341"/>
        <source>请先完成信用核查，再签署承诺</source>
        <translation>Check the dishonesty list before the pledge is signed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case.py" line="343"/>
        <source>申请人在失信名单中，不能以承诺方式办理</source>
        <translation>The applicant is on the dishonesty list and cannot use a pledge</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case.py" line="360"/>
        <source>还有证明材料未满足，不能作出准予决定：{names}</source>
        <translation>Some proofs are not yet satisfied, so the application cannot be granted: {names}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case.py" line="376"/>
        <source>作出不予决定必须填写理由</source>
        <translation>A refusal must state its reasons</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case.py" line="381"/>
        <source>系统建议为“{label_for}”，作出不同决定须说明理由</source>
        <translation>The system recommends “{label_for}”: a different decision needs a reason</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case.py" line="391"/>
        <source>办件{state}，不能再受理</source>
        <translation>Case status “{state}”: it can no longer be accepted</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case.py" line="398"/>
        <source>有证明材料未通过，应作出不予决定，不能受理</source>
        <translation>A proof did not pass: refuse the application instead of accepting it</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case.py" line="402"/>
        <source>还有证明材料未办理：{names}</source>
        <translation>Some proofs are still being handled: {names}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case.py" line="407"/>
        <source>证明材料已齐，请直接作出决定</source>
        <translation>All proofs are in: make the decision now</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case.py" line="416"/>
        <source>撤回须填写原因</source>
        <translation>A withdrawal needs a reason</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case.py" line="490"/>
        <source>办件{state}，不能再修改</source>
        <translation>Case status “{state}”: it can no longer be changed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case.py" line="501"/>
        <source>本办件没有证明事项 {code}</source>
        <translation>This case has no proof item {code}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case.py" line="504"/>
        <source>{name}的办理方式是{method}，不是{method2}</source>
        <translation>{name} is handled by {method}, not {method2}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case.py" line="510"/>
        <source>{name}当前为“{state}”，不能进行此操作</source>
        <translation>{name} is “{state}”: this cannot be done now</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case.py" line="531"/>
        <source>办件待补正：申请人补正后恢复办理，才能作出决定</source>
        <translation>The case awaits correction: resume it after the applicant&apos;s correction before deciding</translation>
    </message>
</context>
<context>
    <name>CasePlatform</name>
    <message>
        <location filename="../../clerkapp/app/case_platform.py" line="143"/>
        <source>该证明事项不能以部门核验方式办理</source>
        <translation>This proof cannot be verified by a department</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_platform.py" line="212"/>
        <source>部门核验属实</source>
        <translation>Confirmed by the department</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_platform.py" line="214"/>
        <source>部门核验不属实</source>
        <translation>Not confirmed by the department</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_platform.py" line="284"/>
        <source>办件未登记{label}的身份信息，无法查询或核验，请改用其他方式</source>
        <translation>The case has no identity details for the {label}: it cannot be looked up or verified; use another method</translation>
    </message>
</context>
<context>
    <name>CaseQuery</name>
    <message>
        <location filename="../../clerkapp/core/case_query.py" line="90"/>
        <source>统一社会信用代码校验不通过：{user_message}</source>
        <translation>Credit code check failed: {user_message}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_query.py" line="140"/>
        <source>号码中有一位或几位输错了，请与证件逐位核对后重新输入</source>
        <translation>One or more digits are mistyped: compare the number with the ID card digit by digit and enter it again</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_query.py" line="143"/>
        <source>身份证号码校验不通过：{detail}。</source>
        <translation>ID number check failed: {detail}.</translation>
    </message>
</context>
<context>
    <name>CaseSearch</name>
    <message>
        <location filename="../../clerkapp/app/case_search.py" line="149"/>
        <source>未能查询其他窗口的办件：{user_message}</source>
        <extracomment>The applicant&apos;s cases at other windows (the platform&apos;s case index; first page of an ID/USCC search only): dicts of :data:`~clerkapp.infra.platform.answers.INDEXED_CASE_FIELDS`. Why the other windows&apos; cases could not be asked for (&quot;&quot; when they were, or not needed). The case list&apos;s date filters: how many days back from the office&apos;s today (0: today only). Asks the platform&apos;s case index for an applicant&apos;s cases at other workstations.</extracomment>
        <translation>Cases of other counters could not be searched: {user_message}</translation>
    </message>
</context>
<context>
    <name>CaseService</name>
    <message>
        <location filename="../../clerkapp/app/case_service.py" line="102"/>
        <source>目录中没有该事项</source>
        <translation>The catalogue has no such matter</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_service.py" line="108"/>
        <source>申请人姓名</source>
        <translation>Applicant&apos;s name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_service.py" line="110"/>
        <source>企业名称</source>
        <translation>Company name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_service.py" line="114"/>
        <source>请填写{who}</source>
        <translation>Please enter the {who}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_service.py" line="202"/>
        <source>该证明事项不能以承诺方式办理</source>
        <translation>This proof cannot be replaced by a pledge</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_service.py" line="207"/>
        <source>请申请人在签名区签名后再确认</source>
        <translation>Ask the applicant to sign in the signature area, then confirm</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_service.py" line="212"/>
        <source>签名图像过大，请清除后重签</source>
        <translation>The signature image is too large: clear it and sign again</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_service.py" line="227"/>
        <source>申请人承诺</source>
        <translation>Applicant&apos;s pledge</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_service.py" line="230"/>
        <source>申请人已签署告知承诺书（签名哈希 {signature_sha256}）</source>
        <translation>The applicant signed the pledge (signature hash {signature_sha256})</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_service.py" line="245"/>
        <source>请填写承诺不实的情况</source>
        <translation>Please describe what was untrue in the pledge</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_service.py" line="253"/>
        <source>该证明事项没有已签署的承诺</source>
        <translation>This proof has no signed pledge</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_service.py" line="296"/>
        <source>请选择准予、不予或受理</source>
        <translation>Please choose grant, refuse or accept</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_service.py" line="303"/>
        <source>系统建议为“{decision}”，作出不同决定须说明理由</source>
        <translation>The system recommends “{decision}”: a different decision needs a reason</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_service.py" line="380"/>
        <source>文书 {number} 已作废或已被更正，不能再打印，请重新生成文书</source>
        <translation>Document {number} has been voided or corrected and can no longer be printed: generate the document again</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_service.py" line="448"/>
        <source>办件尚未作出决定，暂不能评价</source>
        <translation>The case has no decision yet, so it cannot be rated</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_service.py" line="477"/>
        <location filename="../../clerkapp/app/case_service.py" line="502"/>
        <source>{label}的公民身份号码：{user_message}</source>
        <translation>{label}&apos;s ID number: {user_message}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_service.py" line="484"/>
        <source>{label}不能是申请人本人，请核对公民身份号码</source>
        <translation>The {label} cannot be the applicant: check the ID number</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_service.py" line="509"/>
        <source>{label}不能是申请人本人：申请人本人办理请选择“本人办理”</source>
        <translation>The {label} cannot be the applicant: if the applicant comes in person, choose “Applicant in person”</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_base.py" line="296"/>
        <source>目录中没有证明事项 {proof_code}</source>
        <extracomment>The documents the applicant may download from the progress page (issue 9).</extracomment>
        <translation>The catalogue has no proof item {proof_code}</translation>
    </message>
</context>
<context>
    <name>CaseTypes</name>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="43"/>
        <location filename="../../clerkapp/core/case_types.py" line="47"/>
        <source>已办结（{label_for}）</source>
        <translation>Closed ({label_for})</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="64"/>
        <source>办理中</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="65"/>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="66"/>
        <source>已办结（准予许可）</source>
        <translation>Closed (licence granted)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="67"/>
        <source>已办结（不予许可）</source>
        <translation>Closed (licence refused)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="68"/>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="69"/>
        <source>待补正</source>
        <translation>Awaiting correction</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="70"/>
        <source>不予受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="119"/>
        <source>待办理</source>
        <translation>To do</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="120"/>
        <source>查询中…</source>
        <translation>Looking up…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="121"/>
        <source>已排队</source>
        <translation>Queued</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="122"/>
        <source>已查询</source>
        <translation>Looked up</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="123"/>
        <source>未通过</source>
        <translation>Did not pass</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="124"/>
        <source>已承诺</source>
        <translation>Pledged</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="125"/>
        <source>待核验</source>
        <translation>Awaiting verification</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="126"/>
        <source>已核验</source>
        <translation>Verified</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="127"/>
        <source>核验未通过</source>
        <translation>Verification denied</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="128"/>
        <source>无需提供</source>
        <translation>Not needed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="129"/>
        <source>纸质证明已核验</source>
        <translation>Paper proof checked</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="176"/>
        <location filename="../../clerkapp/core/case_types.py" line="198"/>
        <source>准予许可</source>
        <extracomment>The short words of a decision and a refusal by kind of act (the clerk&apos;s buttons, the case list, the progress page); the documents&apos; ``ActWording`` labels say the same.</extracomment>
        <translation>Grant licence</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="177"/>
        <location filename="../../clerkapp/core/case_types.py" line="199"/>
        <source>不予许可</source>
        <translation>Refuse licence</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="180"/>
        <source>给付</source>
        <translation>Grant benefit</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="181"/>
        <source>不予给付</source>
        <translation>Refuse benefit</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="184"/>
        <source>予以确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="185"/>
        <source>不予确认</source>
        <translation>Refuse confirmation</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="188"/>
        <location filename="../../clerkapp/core/case_types.py" line="192"/>
        <source>予以办理</source>
        <translation>Grant</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="189"/>
        <location filename="../../clerkapp/core/case_types.py" line="193"/>
        <source>不予办理</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="200"/>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="201"/>
        <source>材料未齐</source>
        <translation>Materials incomplete</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="278"/>
        <source>企业（统一社会信用代码）</source>
        <translation>Company (unified social credit code)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="280"/>
        <source>个人（公民身份号码）</source>
        <translation>Person (resident ID number)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="284"/>
        <source>该事项的申请人应为{who}</source>
        <translation>The applicant for this matter must be a {who}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="289"/>
        <source>证明事项与事项目录不一致</source>
        <translation>The proof items do not match the catalogue&apos;s matter</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="301"/>
        <source>请填写{role}的公民身份号码</source>
        <translation>Please enter the {role}&apos;s ID number</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="308"/>
        <source>请填写{role}的姓名</source>
        <translation>Please enter the {role}&apos;s name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="316"/>
        <source>该事项没有关系人角色 {unknown}</source>
        <translation>This matter has no related-person role {unknown}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="344"/>
        <source>部门核验属实</source>
        <translation>Confirmed by the department</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="346"/>
        <source>部门核验不属实</source>
        <translation>Not confirmed by the department</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="349"/>
        <source>{verdict}（{note}）</source>
        <translation>{verdict} ({note})</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="418"/>
        <source>无需提供（依据：{basis}）</source>
        <translation>Not needed (basis: {basis})</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="425"/>
        <source>{name}：{value}</source>
        <translation>{name}: {value}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="433"/>
        <source>{name}：申请人在失信名单中，不能以承诺方式办理，请改用其他方式</source>
        <translation>{name}: the applicant is on the dishonesty list and cannot use a pledge; use another method</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="437"/>
        <source>{name}：待签署承诺（须先完成信用核查）</source>
        <translation>{name}: pledge to sign (after the dishonesty-list check)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="441"/>
        <source>（{error}）</source>
        <translation> ({error})</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="445"/>
        <source>{name}：{state}{detail}</source>
        <translation>{name}: {state}{detail}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="452"/>
        <source>{name}：已排队，联网后自动查询</source>
        <translation>{name}: queued, looked up automatically once online</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="455"/>
        <source>{name}：待部门核验</source>
        <translation>{name}: awaiting the department&apos;s verification</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_types.py" line="514"/>
        <location filename="../../clerkapp/core/case_types.py" line="520"/>
        <source>{decision} — {reasons}</source>
        <translation>{decision} — {reasons}</translation>
    </message>
</context>
<context>
    <name>CaseWays</name>
    <message>
        <location filename="../../clerkapp/app/case_ways.py" line="48"/>
        <source>请至少勾选一项需要补正的材料</source>
        <extracomment>Reasons a clerk picks for 不予受理 (行政许可法 Art. 32(1)(1)(2) and the matter&apos;s conditions); the dialog offers them, the clerk may type others.</extracomment>
        <translation>Tick at least one material to correct</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_ways.py" line="87"/>
        <location filename="../../clerkapp/core/case_ways.py" line="287"/>
        <source>不予受理必须写明理由</source>
        <translation>A decision not to accept must state its reasons</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="45"/>
        <source>纸质证明（窗口核验）</source>
        <extracomment>The longest correction period a clerk may set (working days). Proof states a correction can name: not done, or answered &quot;no&quot; (the applicant may correct the facts at the registry and come back). Where the paper proof of an item that allows it is printed and shown: 纸质证明（窗口核验）.</extracomment>
        <translation>Paper proof (checked at the counter)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="160"/>
        <source>办件{state}，不能再要求补正</source>
        <translation>Case status “{state}”: a correction can no longer be requested</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="166"/>
        <source>本办件已一次性告知过补正内容，不能再次要求补正；仍不符合的，请作出决定</source>
        <translation>The applicant has already been told all corrections at once and cannot be asked again; if the application still falls short, make the decision</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="172"/>
        <source>请至少列出一项需要补正的材料</source>
        <translation>List at least one material to correct</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="175"/>
        <source>补正期限应为 1 至 {max_correction_days} 个工作日</source>
        <translation>The correction deadline must be 1 to {max_correction_days} working days</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="180"/>
        <source>补正期限不能早于今天</source>
        <translation>The correction deadline cannot be before today</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="184"/>
        <source>请填写需要补正的材料名称</source>
        <translation>Please enter the name of the material to correct</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="187"/>
        <source>请写明“{name}”缺少或需要更正的内容</source>
        <translation>Say what is missing or must be corrected in “{name}”</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="194"/>
        <source>“{name}”不是目录中的证明事项，不能要求纸质证明</source>
        <translation>“{name}” is not a proof item of the catalogue: a paper proof cannot be asked for it</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="202"/>
        <source>本办件没有证明事项 {proof_code}</source>
        <translation>This case has no proof item {proof_code}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="207"/>
        <source>{name}重复列出</source>
        <translation>{name} is listed twice</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="211"/>
        <source>{name}当前为“{state}”，无需申请人补正</source>
        <translation>{name} is “{state}”: the applicant need not correct it</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="217"/>
        <location filename="../../clerkapp/core/case_ways.py" line="309"/>
        <source>目录未允许{name}以纸质证明办理</source>
        <translation>The catalogue does not allow a paper proof for {name}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="248"/>
        <source>办件{state}，不是待补正的办件</source>
        <translation>Case status “{state}”: it is not awaiting correction</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="262"/>
        <source>申请人已补正，请重新办理</source>
        <translation>The applicant has corrected this: handle it again</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="276"/>
        <source>办件已受理，不能再作不予受理决定，请依法作出决定</source>
        <translation>The case has been accepted: it can no longer be refused acceptance; make a decision as the law requires</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="281"/>
        <source>办件{state}，不能作不予受理决定</source>
        <translation>Case status “{state}”: it cannot be refused acceptance</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="298"/>
        <source>办件{state}，不能再收取材料</source>
        <translation>Case status “{state}”: no more materials can be received</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="305"/>
        <source>本办件没有证明事项 {code}</source>
        <translation>This case has no proof item {code}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="313"/>
        <source>{name}当前为“{state}”，不能改收纸质证明</source>
        <translation>{name} is “{state}”: a paper proof cannot be taken instead</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="318"/>
        <source>请写明核验情况（例如：原件已核验）</source>
        <translation>Say what was checked (e.g. original checked)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="320"/>
        <source>核验人不明，请重新登录后再收取材料</source>
        <translation>Unknown checker: log in again before receiving materials</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/case_ways.py" line="329"/>
        <source>申请人提交纸质证明，{check}（核验人 {checked_by}）</source>
        <translation>Paper proof submitted by the applicant, {check} (checked by {checked_by})</translation>
    </message>
</context>
<context>
    <name>Catalogue</name>
    <message>
        <location filename="../../clerkapp/core/catalogue.py" line="28"/>
        <source>直接取消</source>
        <translation>Abolished</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/catalogue.py" line="29"/>
        <source>申报承诺</source>
        <translation>Pledge</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/catalogue.py" line="30"/>
        <source>数据查询</source>
        <translation>Data look-up</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/catalogue.py" line="31"/>
        <source>部门核验</source>
        <translation>Dept. verification</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/catalogue.py" line="72"/>
        <source>行政许可</source>
        <translation>Administrative licence</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/catalogue.py" line="73"/>
        <source>行政给付</source>
        <translation>Administrative benefit</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/catalogue.py" line="74"/>
        <source>行政确认</source>
        <translation>Administrative confirmation</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/catalogue.py" line="75"/>
        <source>公共服务</source>
        <translation>Public service</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/catalogue.py" line="76"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>CatalogueFile</name>
    <message>
        <location filename="../../clerkapp/infra/catalogue_io.py" line="55"/>
        <source>目录文件有 {count} 个问题：
{listed}</source>
        <extracomment>The version key as written at the top of a catalogue file (peeked without parsing it all).</extracomment>
        <translation>The catalogue file has {count} problem(s):
{listed}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/catalogue_io.py" line="163"/>
        <source>目录版本 {version} 早于已安装的版本 {previous}，拒绝导入</source>
        <translation>Catalogue version {version} is older than the installed version {previous}: not imported</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/catalogue_io.py" line="171"/>
        <source>目录版本 {version} 已经安装，无需重复导入（内容如有变化，请提高版本号）</source>
        <translation>Catalogue version {version} is already installed; no need to import it again (if its content changed, raise the version number)</translation>
    </message>
</context>
<context>
    <name>Contact</name>
    <message>
        <location filename="../../clerkapp/core/contact.py" line="45"/>
        <source>窗口领取</source>
        <extracomment>The longest postal address kept (characters).</extracomment>
        <translation>Collect at the counter</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/contact.py" line="46"/>
        <source>邮寄</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/contact.py" line="47"/>
        <source>短信通知</source>
        <translation>SMS notice</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/contact.py" line="64"/>
        <source>电话号码只能包含数字和“-”</source>
        <translation>A phone number may contain only digits and “-”</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/contact.py" line="69"/>
        <source>手机号码应为11位数字，现为{length}位</source>
        <translation>A mobile number has 11 digits; this one has {length}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/contact.py" line="74"/>
        <source>手机号码第2位应为3至9，请核对</source>
        <translation>The second digit of a mobile number is 3 to 9: please check it</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/contact.py" line="81"/>
        <source>固定电话格式应为“区号-号码”，如 0579-82345678</source>
        <translation>A landline is written “area code-number”, e.g. 0579-82345678</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/contact.py" line="89"/>
        <source>固定电话的区号应为3至4位、以0开头，如 0579</source>
        <translation>A landline&apos;s area code has 3 or 4 digits and starts with 0, e.g. 0579</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/contact.py" line="92"/>
        <source>固定电话号码（区号后）应为7至8位数字</source>
        <translation>A landline number (after the area code) has 7 or 8 digits</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/contact.py" line="95"/>
        <source>请填写11位手机号码，或带区号的固定电话（如 0579-82345678）</source>
        <translation>Enter an 11-digit mobile number or a landline with its area code (e.g. 0579-82345678)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/contact.py" line="174"/>
        <source>地址不能超过{address_max}个字，现为{length}个字</source>
        <translation>The address may have at most {address_max} characters; it has {length}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/contact.py" line="179"/>
        <source>选择短信通知须填写手机号码</source>
        <translation>An SMS notice needs a mobile number</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/contact.py" line="182"/>
        <source>短信通知须填写手机号码，固定电话收不到短信</source>
        <translation>An SMS notice needs a mobile number: a landline cannot receive text messages</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/contact.py" line="185"/>
        <source>选择邮寄送达须填写邮寄地址</source>
        <translation>Delivery by post needs a postal address</translation>
    </message>
</context>
<context>
    <name>ContactChange</name>
    <message>
        <location filename="../../clerkapp/app/case_contact.py" line="41"/>
        <source>办件已办结，不能再修改联系方式：决定书已按登记的联系电话和送达方式出具，改动办件记录会使其与已出具的文书不一致。文书上的联系电话有误的，请对该文书申请“更正”（须负责人审批，更正后的文书载明正确的联系电话）；申请人仍可凭查询码在办件进度页查询和下载决定书</source>
        <extracomment>The notice the new number receives (clerkapp.app.notifications.NOTICE_WORDS).</extracomment>
        <translation>The case is decided: its contact can no longer be changed. The decision was issued with the registered phone and delivery method, and changing the case record would make it differ from the issued document. If the phone on the document is wrong, apply for a “Correction” of that document (supervisor approval; the corrected document carries the right phone); the applicant can still follow the case and download the decision with the query code</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_contact.py" line="48"/>
        <source>办件{state}，已经终止，不再送达任何文书，联系方式不能也无需修改；申请人重新申请的，在新办件中登记正确的联系方式</source>
        <translation>The case is {state} and has ended: no more documents are delivered, so the contact cannot and need not be changed; if the applicant applies again, register the right contact in the new case</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/case_contact.py" line="78"/>
        <source>联系方式没有改变</source>
        <translation>The contact has not changed</translation>
    </message>
</context>
<context>
    <name>DocumentActs</name>
    <message>
        <location filename="../../clerkapp/app/document_acts.py" line="51"/>
        <location filename="../../clerkapp/app/document_acts.py" line="130"/>
        <source>作废</source>
        <translation>void</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/document_acts.py" line="53"/>
        <location filename="../../clerkapp/app/document_acts.py" line="132"/>
        <source>更正</source>
        <translation>correction</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/document_acts.py" line="59"/>
        <source>申请人姓名（名称）</source>
        <translation>Applicant&apos;s name (company name)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/document_acts.py" line="60"/>
        <source>不予的理由</source>
        <translation>Reasons for refusal</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/document_acts.py" line="62"/>
        <source>联系电话</source>
        <translation>phone</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/document_acts.py" line="121"/>
        <source>文书 {document_number} 尚未出具，无需{action}</source>
        <translation>Document {document_number} has not been issued: no {action} is needed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/document_acts.py" line="136"/>
        <source>文书 {number} 已{done}，不能再次作废或更正</source>
        <translation>Document {number} has already been {done}: it cannot be voided or corrected again</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/document_acts.py" line="144"/>
        <source>请填写{action}原因</source>
        <translation>Please enter the reason for the {action}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/document_acts.py" line="151"/>
        <source>原因过长（最多 500 字）</source>
        <translation>The reason is too long (at most 500 characters)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/document_acts.py" line="158"/>
        <source>作废不修改文书内容</source>
        <translation>A void does not change the document&apos;s content</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/document_acts.py" line="167"/>
        <source>告知承诺书由申请人本人签署，不能更正；如有错误请作废后由申请人重新签署</source>
        <translation>The pledge is signed by the applicant in person and cannot be corrected; if it is wrong, void it and have the applicant sign again</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/document_acts.py" line="181"/>
        <source>{title_zh}上没有可更正的“{value}”</source>
        <translation>The {title_zh} has no “{value}” to correct</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/document_acts.py" line="188"/>
        <source>请填写更正后的{label}</source>
        <translation>Please enter the corrected {label}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/document_acts.py" line="195"/>
        <source>{label}过长</source>
        <translation>The {label} is too long</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/document_acts.py" line="204"/>
        <source>请填写更正后的内容（与原文书相同，无需更正）</source>
        <translation>Please enter the corrected content (it is the same as the document&apos;s: nothing to correct)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/document_acts.py" line="223"/>
        <source>本办件另有已出具的文书 {names} 印有申请人姓名，请先将其作废（或更正）后再更正本文书</source>
        <translation>Other issued documents of this case ({names}) bear the applicant&apos;s name: void (or correct) them first, then correct this one</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/document_acts.py" line="316"/>
        <source>{state_words}（原{title} {number} 已作废，以重新出具的文书为准）</source>
        <translation>{state_words} (the original {title} {number} was voided; the reissued document stands)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/document_acts.py" line="321"/>
        <source>{state_words}（{title} {number} 已更正，以 {new_number} 为准）</source>
        <translation>{state_words} ({title} {number} was corrected; {new_number} stands)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/document_acts.py" line="345"/>
        <source>更正后的名称“{name}”与登记的“{registered_name}”不一致，不能更正为登记以外的名称；请核对证件</source>
        <translation>The corrected name “{name}” differs from the registered “{registered_name}”: a name other than the registered one cannot be used; check the ID</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/document_acts.py" line="360"/>
        <source>更正后的联系电话：{message}</source>
        <translation>Corrected phone: {message}</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <location filename="../../clerkapp/app/documents.py" line="238"/>
        <location filename="../../clerkapp/app/documents.py" line="311"/>
        <source>文书 {number} 未作废，不能打印作废存档联</source>
        <translation>Document {number} has not been voided: no voided file copy can be printed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/documents.py" line="257"/>
        <location filename="../../clerkapp/app/documents.py" line="275"/>
        <source>无法重建已作废的文书 {number}，请查阅其存档件</source>
        <translation>The voided document {number} cannot be rebuilt: see its archived copy</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/documents.py" line="326"/>
        <source>文书 {number} 没有存档件</source>
        <translation>Document {number} has no archived copy</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/documents/fonts.py" line="172"/>
        <source>无法打印：缺少字体文件 {filename}，请重新安装本程序</source>
        <translation>Cannot print: the font file {filename} is missing; please reinstall the program</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/documents/fonts.py" line="209"/>
        <source>无法打印：字符 “{char}”（U+{cp:04X}）没有可用字体</source>
        <translation>Cannot print: no font has the character “{char}” (U+{cp:04X})</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/documents/from_case.py" line="99"/>
        <source>办件{state}，没有可打印的决定书或回执</source>
        <translation>Case status “{state}”: there is no decision or receipt to print</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/documents/from_case.py" line="288"/>
        <source>无法打印：事项目录中没有事项 {matter_code}</source>
        <translation>Cannot print: the catalogue has no matter {matter_code}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/documents/from_case.py" line="366"/>
        <source>办件{state}，没有撤回，不能打印撤回申请确认书</source>
        <extracomment>The documents that print how the applicant is reached (issue 9).</extracomment>
        <translation>Case status “{state}”: it was not withdrawn, so no withdrawal confirmation can be printed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/documents/from_case.py" line="383"/>
        <source>办件没有不予受理的理由，不能打印不予受理决定书</source>
        <translation>The case has no reasons for not accepting it: the decision not to accept cannot be printed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/documents/from_case.py" line="393"/>
        <source>办件没有补正内容，不能打印补正材料一次性告知书</source>
        <translation>The case has no correction: the correction notice cannot be printed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/documents/qr.py" line="35"/>
        <source>无法打印：办件进度查询地址无效，请联系管理员检查平台地址配置</source>
        <translation>Cannot print: the progress address is invalid; ask the administrator to check the platform address</translation>
    </message>
</context>
<context>
    <name>IdNumber</name>
    <message>
        <location filename="../../clerkapp/core/idnumber.py" line="47"/>
        <source>身份证号码校验不通过：有数字输错，请对照证件逐位核对</source>
        <translation>ID number check failed: a digit is mistyped; compare the number with the ID card digit by digit</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/idnumber.py" line="85"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/idnumber.py" line="87"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/idnumber.py" line="192"/>
        <source>地址码 {code} 不在已知行政区划代码中</source>
        <translation>Region code {code} is not a known administrative division code</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/idnumber.py" line="199"/>
        <source>省外号码（{region}），地址码未核对</source>
        <translation>Number from outside the province ({region}): region code not checked</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/idnumber.py" line="208"/>
        <source>{year}年{month}月{day}日</source>
        <translation>{year}-{month}-{day}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/idnumber.py" line="215"/>
        <source>第7-14位出生日期 {shown} 不存在</source>
        <translation>Digits 7–14: the date of birth {shown} does not exist</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/idnumber.py" line="225"/>
        <source>出生日期 {shown} 晚于今天</source>
        <translation>The date of birth {shown} is later than today</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/idnumber.py" line="233"/>
        <source>出生日期 {shown} 早于1900年</source>
        <translation>The date of birth {shown} is before 1900</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/idnumber.py" line="249"/>
        <source>请输入18位公民身份号码</source>
        <translation>Enter the 18-digit resident ID number</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/idnumber.py" line="254"/>
        <source>第{index}位不能是 X（X 只能出现在第18位）</source>
        <translation>Digit {index} cannot be X (X may only be the 18th character)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/idnumber.py" line="258"/>
        <source>第{index}位“{char}”不是数字</source>
        <translation>Digit {index} “{char}” is not a digit</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/idnumber.py" line="266"/>
        <source>号码有{length}位，多了{count}位</source>
        <translation>The number has {length} digits, {count} too many</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/idnumber.py" line="275"/>
        <source>这是15位旧号码，对应18位号码为 {equivalent}，请与证件核对后使用18位号码</source>
        <translation>This is an old 15-digit number; its 18-digit form is {equivalent}: check it against the ID card and use the 18-digit number</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/idnumber.py" line="288"/>
        <source>已输入{length}位，还差{missing}位</source>
        <translation>{length} digits entered, {missing} to go</translation>
    </message>
</context>
<context>
    <name>Identity</name>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="193"/>
        <source>申请人姓名</source>
        <extracomment>The pseudo proof code under which the identity look-up travels through the outbox and the look-up fan-out (no catalogue proof code starts with &quot;@&quot;). What is asked, per applicant kind: (information item, fields). Only what the check needs. Business statuses under which a company may act (存续; some registries say 在业 / 开业).</extracomment>
        <translation>Applicant&apos;s name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="193"/>
        <source>户籍登记</source>
        <translation>household registration</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="196"/>
        <source>企业名称</source>
        <translation>Company name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="196"/>
        <source>市场主体登记</source>
        <translation>market entity registration</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="206"/>
        <source>申请人身份尚未核对（办件建立于身份核对启用之前），打开办件时自动核对，核对前不能作出决定</source>
        <translation>The applicant&apos;s identity has not been checked (the case was opened before identity checks existed); it is checked automatically when the case is opened, and no decision can be made before</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="210"/>
        <source>正在核对申请人身份…核对前不能作出决定</source>
        <translation>Checking the applicant&apos;s identity… no decision can be made before it is done</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="213"/>
        <source>身份核对已排队，平台恢复后自动核对，核对前不能作出决定</source>
        <translation>The identity check is queued and runs once the platform is back; no decision can be made before</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="216"/>
        <source>身份核对未完成（{value}），请重新核对，核对前不能作出决定</source>
        <translation>The identity check did not complete ({value}): check again; no decision can be made before</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="218"/>
        <source>平台拒绝了查询</source>
        <translation>the platform refused the look-up</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="219"/>
        <source>{what}与{registry}一致：{registered_name}</source>
        <translation>{what} matches the {registry}: {registered_name}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="222"/>
        <source>{what}与{registry}不一致：填写 {typed_name}，登记 {registered_name}</source>
        <translation>{what} differs from the {registry}: entered {typed_name}, registered {registered_name}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="231"/>
        <source>户籍登记中查无此公民身份号码，请核对证件</source>
        <translation>The household registration has no such ID number: check the ID card</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="233"/>
        <source>市场主体登记中查无此统一社会信用代码，请核对营业执照</source>
        <translation>The market entity registration has no such credit code: check the business licence</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="237"/>
        <source>户籍登记显示该公民已死亡，不能以其名义作出准予或受理决定</source>
        <translation>The household registration records this citizen as deceased: no grant or acceptance can be made in their name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="240"/>
        <source>市场主体登记状态为“{value}”，不能以该企业名义作出准予或受理决定</source>
        <translation>The market entity registration status is “{value}”: no grant or acceptance can be made in this company&apos;s name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="242"/>
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="255"/>
        <source>{finding}；请改正名称或说明理由后继续</source>
        <translation>{finding}; correct the name or give a reason to go on</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="268"/>
        <source>无法打印：{finding}</source>
        <translation>Cannot print: {finding}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="373"/>
        <source>请填写改正后的名称</source>
        <translation>Please enter the corrected name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="375"/>
        <source>名称没有改变</source>
        <translation>The name has not changed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="389"/>
        <source>只有企业可以采用登记名称；个人姓名请核对证件后改正</source>
        <translation>Only a company can take the registered name; for a person, check the ID card and correct the name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="393"/>
        <source>尚无市场主体登记名称可采用</source>
        <translation>There is no registered company name to take yet</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="395"/>
        <source>企业名称已与登记名称一致</source>
        <translation>The company name already matches the registered name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="407"/>
        <source>身份核对没有需要说明理由的问题</source>
        <translation>The identity check has no finding that needs a reason</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="410"/>
        <source>请填写继续办理的理由</source>
        <translation>Please enter the reason to go on</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/identity.py" line="421"/>
        <source>办件{state}，不能再更改申请人身份核对</source>
        <translation>Case status “{state}”: the applicant&apos;s identity check can no longer be changed</translation>
    </message>
</context>
<context>
    <name>Lookups</name>
    <message>
        <location filename="../../clerkapp/app/lookups.py" line="95"/>
        <source>查询失败，请稍后重试</source>
        <translation>The look-up failed; please try again later</translation>
    </message>
</context>
<context>
    <name>MatterSearch</name>
    <message>
        <location filename="../../clerkapp/core/search.py" line="384"/>
        <source>即办件</source>
        <extracomment>Abbreviations clerks and applicants type for the long official words. The layout of :meth:`CatalogueIndex.cached`&apos;s data: bump when the index changes.</extracomment>
        <translation>decided at the counter</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/search.py" line="386"/>
        <source>{time_limit_days} 个工作日</source>
        <translation>{time_limit_days} working days</translation>
    </message>
</context>
<context>
    <name>NeedsPerson</name>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="44"/>
        <source>数据查询</source>
        <translation>Data look-up</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="45"/>
        <source>部门核验申请</source>
        <translation>Verification request</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="46"/>
        <source>核验结果查询</source>
        <translation>Verification result query</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="47"/>
        <source>办件进度登记</source>
        <translation>Case progress registration</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="48"/>
        <source>办件进度更新</source>
        <translation>Case progress update</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="49"/>
        <source>失信信息报送</source>
        <translation>Dishonesty report</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="50"/>
        <source>审计链存证</source>
        <translation>Audit chain anchoring</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="51"/>
        <source>短信通知</source>
        <translation>SMS notice</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="52"/>
        <source>决定书上传</source>
        <translation>Decision upload</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="53"/>
        <source>监管数据报送</source>
        <translation>Supervision report</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="56"/>
        <source>平台未受理</source>
        <translation>Refused by the platform</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="57"/>
        <source>重新发送</source>
        <translation>Sent again</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="58"/>
        <source>修改后重新发送</source>
        <translation>Corrected and sent again</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="59"/>
        <source>撤销</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="64"/>
        <source>核验部门</source>
        <extracomment>What a person may edit, per kind (field → the clerk&apos;s word).</extracomment>
        <translation>Verifying department</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="65"/>
        <source>核验问题</source>
        <translation>Verification question</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="108"/>
        <source>本条记录无法发送（{value}），请撤销后重新办理</source>
        <translation>This record cannot be sent ({value}): cancel it and handle the case again</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="110"/>
        <source>原因不明</source>
        <translation>reason unknown</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="169"/>
        <source>{kind}不能修改，可重新发送或撤销</source>
        <translation>A {kind} cannot be edited: send it again or cancel it</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="179"/>
        <source>不能修改{field}</source>
        <translation>{field} cannot be edited</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="187"/>
        <source>{field}不能为空，且不超过 {text_limit} 字</source>
        <translation>{field} must not be empty and may have at most {text_limit} characters</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="197"/>
        <source>没有修改任何内容</source>
        <translation>Nothing was changed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="209"/>
        <source>请填写撤销原因（不超过 {text_limit} 字）</source>
        <translation>Please enter the reason for cancelling (at most {text_limit} characters)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="252"/>
        <source>该记录已不在需人工处理列表中（可能已被他人处理），请刷新。</source>
        <translation>This record is no longer on the needs-a-person list (someone may have handled it): please refresh.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="276"/>
        <source>申请人身份核对</source>
        <translation>Applicant identity check</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="288"/>
        <source>写入待发送队列</source>
        <translation>Queued for sending</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="294"/>
        <source>{what}（第 {attempt} 次发送）：{reason}</source>
        <translation>{what} (attempt {attempt}): {reason}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="303"/>
        <source>{what}：修改了{fields}</source>
        <translation>{what}: changed {fields}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="307"/>
        <source>{what}：{reason}</source>
        <translation>{what}: {reason}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="330"/>
        <source>找不到该记录所属的办件，请撤销此项</source>
        <translation>The case of this record cannot be found: cancel it</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="332"/>
        <source>办件已办结或终止，不能再向平台查询或核验，请撤销此项</source>
        <translation>The case is closed or ended: nothing more can be looked up or verified for it; cancel this item</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="339"/>
        <source>申请人身份核对已有结果，无需重新发送，请撤销此项</source>
        <translation>The applicant&apos;s identity check already has a result: no need to send it again; cancel this item</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="344"/>
        <source>办件中已没有该证明事项，请撤销此项</source>
        <translation>The case no longer has this proof item: cancel this item</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="361"/>
        <source>“{name}”已另行办理（{state}），无需重新发送，请撤销此项</source>
        <translation>“{name}” was handled otherwise ({state}): no need to send it again; cancel this item</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="388"/>
        <source>身份核对请求已撤销：{note}，请重新核对</source>
        <translation>Identity check request cancelled: {note}; check the identity again</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="404"/>
        <source>查询已撤销：{note}，请重新查询或改用其他方式</source>
        <translation>Look-up cancelled: {note}; look it up again or use another method</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/needs_person.py" line="415"/>
        <source>部门核验请求已撤销：{note}，请重新发起、改用其他方式或收取纸质证明</source>
        <translation>Department verification request cancelled: {note}; ask again, use another method or take a paper proof</translation>
    </message>
</context>
<context>
    <name>OutboxSend</name>
    <message>
        <location filename="../../clerkapp/app/outbox_send.py" line="113"/>
        <source>此操作是在培训模式中排队的，不发送到正式平台（可在培训模式中继续，或取消）</source>
        <extracomment>The system purpose of the platform&apos;s case index (issue 9; docs/platform-api.md). The system purpose of case summaries and the office figures (issue 12).</extracomment>
        <translation>This operation was queued in training mode and is not sent to the real platform (continue in training mode, or cancel it)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/outbox_send.py" line="118"/>
        <source>此操作是为正式平台排队的，不发送到培训沙箱</source>
        <translation>This operation was queued for the real platform and is not sent to the training sandbox</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/outbox_send.py" line="120"/>
        <source>无法确定此操作排队时所用的平台（升级前的记录），不自动发送：请核对后取消或重新办理</source>
        <translation>The platform this operation was queued for is unknown (a record from before an upgrade); it is not sent automatically: check it, then cancel it or handle the case again</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/outbox_send.py" line="125"/>
        <source>此操作是为另一平台（{queued_for}）排队的，不发送到当前平台</source>
        <translation>This operation was queued for another platform ({queued_for}) and is not sent to the current one</translation>
    </message>
</context>
<context>
    <name>PlatformErrors</name>
    <message>
        <location filename="../../clerkapp/infra/platform/errors.py" line="18"/>
        <location filename="../../clerkapp/infra/platform/errors.py" line="19"/>
        <source>户籍库</source>
        <translation>household registry</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/platform/errors.py" line="20"/>
        <source>婚姻登记库</source>
        <translation>marriage registry</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/platform/errors.py" line="21"/>
        <source>不动产登记库</source>
        <translation>real estate registry</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/platform/errors.py" line="22"/>
        <location filename="../../clerkapp/infra/platform/errors.py" line="23"/>
        <source>社保参保库</source>
        <translation>social insurance registry</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/platform/errors.py" line="24"/>
        <source>人事档案库</source>
        <translation>personnel file registry</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/platform/errors.py" line="25"/>
        <source>车辆登记库</source>
        <translation>vehicle registry</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/platform/errors.py" line="26"/>
        <source>家庭经济状况核对库</source>
        <translation>family economic status registry</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/platform/errors.py" line="27"/>
        <source>市场主体登记库</source>
        <translation>market entity registry</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/platform/errors.py" line="28"/>
        <source>部门核验服务</source>
        <translation>department verification service</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/platform/errors.py" line="29"/>
        <source>办件进度登记</source>
        <translation>Case progress registration</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/platform/errors.py" line="30"/>
        <source>失信名单库</source>
        <translation>dishonesty list</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/platform/errors.py" line="31"/>
        <source>数据共享平台</source>
        <translation>data-sharing platform</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/platform/errors.py" line="120"/>
        <source>{name}暂时无法访问，可重试，或改为部门核验、申请人承诺（以目录允许为准）</source>
        <translation>The {name} cannot be reached right now: try again, or switch to department verification or the applicant&apos;s pledge (as the catalogue allows)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/platform/errors.py" line="139"/>
        <source>工作站身份、经办人或用途未通过平台校验</source>
        <translation>The workstation, the official or the purpose did not pass the platform&apos;s check</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/platform/errors.py" line="144"/>
        <source>{name}拒绝了本次查询：{reason}。请联系系统管理员处理</source>
        <translation>The {name} refused this look-up: {reason}. Please ask the system administrator</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/platform/errors.py" line="165"/>
        <source>请求内容不被接受</source>
        <translation>the request was not accepted</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/platform/errors.py" line="169"/>
        <source>{name}未受理本次请求：{reason}</source>
        <translation>The {name} did not accept this request: {reason}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/platform/errors.py" line="190"/>
        <source>{name}返回的数据格式有误，未采用；可重试，或改用其他方式</source>
        <translation>The {name} returned malformed data, which was not used; try again or use another method</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/platform/client.py" line="474"/>
        <source>平台地址使用未加密的 http，已拒绝发送（个人信息不得明文传输）。请用 https:// 地址重新配置平台</source>
        <extracomment>What a case summary carries (issue 12; docs/CONTRACTS.md &quot;Case summaries&quot;).</extracomment>
        <translation>The platform address uses unencrypted http: nothing was sent (personal data must not travel in clear). Configure the platform again with an https:// address</translation>
    </message>
</context>
<context>
    <name>PresentPerson</name>
    <message>
        <location filename="../../clerkapp/core/present.py" line="55"/>
        <source>代办人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="56"/>
        <source>监护人</source>
        <translation>Guardian</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="57"/>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="58"/>
        <source>经办人</source>
        <translation>Authorised handler</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="64"/>
        <location filename="../../clerkapp/core/present.py" line="74"/>
        <source>子女</source>
        <translation>Child</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="65"/>
        <location filename="../../clerkapp/core/present.py" line="75"/>
        <source>配偶</source>
        <translation>Spouse</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="66"/>
        <location filename="../../clerkapp/core/present.py" line="73"/>
        <source>父母</source>
        <translation>Parent</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="67"/>
        <source>兄弟姐妹</source>
        <translation>Sibling</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="68"/>
        <source>其他亲属</source>
        <translation>Other relative</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="69"/>
        <source>朋友</source>
        <translation>Friend</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="70"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="76"/>
        <source>其他近亲属</source>
        <translation>Other close relative</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="77"/>
        <source>村（居）民委员会</source>
        <translation>Residents&apos; (villagers&apos;) committee</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="78"/>
        <source>民政部门</source>
        <translation>Civil affairs department</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="109"/>
        <source>{name} {number}（{ground}）</source>
        <translation>{name} {number} ({ground})</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="115"/>
        <source>{role}：{display}</source>
        <translation>{role}: {display}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="124"/>
        <source>监护关系：{relationship}，持授权委托书</source>
        <translation>Guardianship: {relationship}, with a power of attorney</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="127"/>
        <source>监护关系：{relationship}</source>
        <translation>Guardianship: {relationship}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="132"/>
        <source>依法代表企业，持授权委托书</source>
        <translation>Represents the company by law, with a power of attorney</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="133"/>
        <source>依法代表企业</source>
        <translation>Represents the company by law</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="135"/>
        <source>持授权委托书</source>
        <translation>With a power of attorney</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="138"/>
        <source>{relationship}，{attorney}</source>
        <translation>{relationship}, {attorney}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="180"/>
        <source>法定代表人与市场监管登记不一致：填写 {present}，登记 {registered}。请核对营业执照；非法定代表人本人的，请改为经办人并收取授权委托书</source>
        <translation>The legal representative differs from the market registration: entered {present}, registered {registered}. Check the business licence; anyone else must act as authorised handler with a power of attorney</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="193"/>
        <source>企业申请须登记到场办理人：法定代表人本人到场的选择“法定代表人”并核对营业执照；他人到场的选择“经办人”，并收取加盖企业公章的授权委托书</source>
        <translation>A company&apos;s application must name who is at the counter: choose “Legal representative” if they came in person and check the business licence; anyone else is the “Authorised handler” and must hand in a power of attorney bearing the company seal</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="212"/>
        <source>企业</source>
        <translation>company</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="214"/>
        <source>个人</source>
        <translation>person</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="218"/>
        <source>{label}不能代{who}申请人办理</source>
        <translation>A {label} cannot act for a {who} applicant</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="225"/>
        <source>请填写{label}的姓名</source>
        <translation>Please enter the {label}&apos;s name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="232"/>
        <source>请填写{label}与申请人的关系</source>
        <translation>Please enter the {label}&apos;s relationship to the applicant</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="239"/>
        <source>{label}须持申请人的授权委托书：请收取并核对后勾选“已收授权委托书”</source>
        <translation>The {label} must bring the applicant&apos;s power of attorney: receive and check it, then tick “Power of attorney received”</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/present.py" line="246"/>
        <source>本事项凡申请人本人以外的人员到场办理，均须持申请人的授权委托书（{label}也不例外）：请收取并核对后勾选“已收授权委托书”</source>
        <translation>For this matter anyone at the counter other than the applicant needs the applicant&apos;s power of attorney ({label} included): collect and check it, then tick “Power of attorney received”</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../clerkapp/infra/printing.py" line="25"/>
        <source>文书无法打开，未能打印，请重新生成</source>
        <translation>The document cannot be opened and was not printed: build it again</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/printing.py" line="26"/>
        <source>打印机无法开始打印，请检查打印机</source>
        <translation>The printer cannot start printing: please check the printer</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/printing.py" line="27"/>
        <source>没有可用的打印机</source>
        <translation>No printer is available</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/printing.py" line="28"/>
        <source>无法保存文件，请换一个位置或文件名</source>
        <translation>The file cannot be saved: choose another folder or file name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/printing.py" line="69"/>
        <source>本机未安装 CUPS 打印系统，无法直接打印</source>
        <translation>CUPS is not installed on this computer: cannot print directly</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/printing.py" line="71"/>
        <source>默认打印机</source>
        <translation>the default printer</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/printing.py" line="89"/>
        <source>打印系统无响应，未能打印到{where}，请检查打印机</source>
        <translation>The printing system does not respond: nothing was printed on {where}; please check the printer</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/printing.py" line="97"/>
        <source>打印机“{where}”未接受打印任务：{value}</source>
        <translation>The printer “{where}” did not accept the print job: {value}</translation>
    </message>
</context>
<context>
    <name>Rules</name>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="27"/>
        <source>等于</source>
        <translation>equal to</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="28"/>
        <source>不等于</source>
        <translation>not equal to</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="29"/>
        <source>小于</source>
        <translation>less than</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="30"/>
        <source>不大于</source>
        <translation>at most</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="31"/>
        <source>大于</source>
        <translation>greater than</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="32"/>
        <source>不小于</source>
        <translation>at least</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="33"/>
        <source>属于</source>
        <translation>one of</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="34"/>
        <source>不属于</source>
        <translation>none of</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="35"/>
        <source>为“是”</source>
        <translation>“yes”</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="36"/>
        <source>为“否”</source>
        <translation>“no”</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="83"/>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="83"/>
        <source>否</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="85"/>
        <source>空</source>
        <translation>empty</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="87"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="92"/>
        <source>{field} 应{op_words} {shown}</source>
        <translation>{field} should be {op_words} {shown}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="95"/>
        <source>{text}（{why}）</source>
        <translation>{text} ({why})</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="102"/>
        <source>平台未返回字段 {field}</source>
        <translation>The platform did not return the field {field}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="108"/>
        <source>平台返回的字段 {field} 为空，无法判断</source>
        <translation>The platform returned the field {field} empty: cannot judge</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="111"/>
        <source>平台返回的字段 {field} 取值“{shown}”无法用于判断</source>
        <translation>The platform returned “{shown}” for the field {field}, which cannot be judged</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="123"/>
        <source>视为符合条件</source>
        <translation>treated as meeting the conditions</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="125"/>
        <source>不符合条件</source>
        <translation>does not meet the conditions</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="129"/>
        <source>{registry}未查到记录</source>
        <translation>No record found in the {registry}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="135"/>
        <source>{summary}，{verdict}</source>
        <translation>{summary}, {verdict}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="155"/>
        <source>符合条件</source>
        <translation>Meets the conditions</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="173"/>
        <location filename="../../clerkapp/core/rules.py" line="247"/>
        <source>名下无登记车辆</source>
        <translation>No registered vehicles</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="175"/>
        <source>名下有车辆 {count} 辆</source>
        <translation>{count} vehicle(s) registered</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="182"/>
        <location filename="../../clerkapp/core/rules.py" line="248"/>
        <source>名下无登记不动产</source>
        <translation>No registered real estate</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="183"/>
        <source>名下不动产 {count} 处，共 {area} 平方米</source>
        <translation>{count} property(ies), {area} m² in total</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="190"/>
        <source>未参加社会保险</source>
        <translation>Not insured</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="191"/>
        <source>参保中，累计缴费 {months} 个月</source>
        <translation>Insured, {months} months of contributions</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="202"/>
        <source>参保职工 {employees} 人，{arrears}</source>
        <translation>{employees} insured employees, {arrears}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="209"/>
        <source>家庭月人均收入 {income} 元{low}</source>
        <translation>Monthly income per family member {income} yuan{low}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="235"/>
        <source>户内共 {members} 人</source>
        <translation>{members} people in the household</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="238"/>
        <source>人事档案存放于{custodian}</source>
        <translation>Personnel file kept by {custodian}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="241"/>
        <source>营业执照登记状态：{status}</source>
        <translation>Business licence status: {status}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="198"/>
        <source>有欠缴</source>
        <translation>contributions in arrears</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="200"/>
        <source>无欠缴</source>
        <translation>no arrears</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="208"/>
        <source>，属低收入家庭</source>
        <translation>, a low-income family</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="215"/>
        <source>已婚</source>
        <translation>Married</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="216"/>
        <source>未婚</source>
        <translation>Single</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="217"/>
        <source>离婚</source>
        <translation>Divorced</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="218"/>
        <source>丧偶</source>
        <translation>Widowed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="227"/>
        <source>婚姻状况：{marital}</source>
        <translation>Marital status: {marital}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="231"/>
        <source>户籍信息已核实</source>
        <translation>Household registration confirmed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="233"/>
        <source>户籍登记为已死亡</source>
        <translation>Registered as deceased</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="249"/>
        <source>无婚姻登记记录</source>
        <translation>No marriage registration record</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="250"/>
        <source>无社会保险参保记录</source>
        <translation>No social insurance record</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="251"/>
        <source>无单位参保记录</source>
        <translation>No employer insurance record</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="252"/>
        <location filename="../../clerkapp/core/rules.py" line="253"/>
        <source>无户籍登记记录</source>
        <translation>No household registration record</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="254"/>
        <source>无人事档案存放记录</source>
        <translation>No personnel file record</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="255"/>
        <source>无家庭经济状况核对记录</source>
        <translation>No family economic status record</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/rules.py" line="256"/>
        <source>无市场主体登记记录</source>
        <translation>No market entity registration record</translation>
    </message>
</context>
<context>
    <name>Satisfaction</name>
    <message>
        <location filename="../../clerkapp/core/satisfaction.py" line="32"/>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/satisfaction.py" line="33"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/satisfaction.py" line="34"/>
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/satisfaction.py" line="35"/>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/satisfaction.py" line="36"/>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
</context>
<context>
    <name>SecretVault</name>
    <message>
        <location filename="../../clerkapp/infra/secret_vault.py" line="122"/>
        <source>无法读取本工作站保存的密钥（密钥环中已没有它，或配置是在其他电脑上复制的）</source>
        <translation>The key saved by this workstation cannot be read (it is gone from the keyring, or the configuration was copied from another computer)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/secret_vault.py" line="186"/>
        <source>审计密钥记录无法读取：{path}</source>
        <translation>The audit key record cannot be read: {path}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/secret_vault.py" line="205"/>
        <source>审计密钥已损坏</source>
        <translation>The audit key is damaged</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../clerkapp/infra/settings.py" line="112"/>
        <source>工作站配置文件无法读取：{display_path}: {location}: {value}: {message}</source>
        <translation>The workstation configuration file cannot be read: {display_path}: {location}: {value}: {message}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/settings.py" line="124"/>
        <source>工作站配置文件格式有误</source>
        <translation>The workstation configuration file is malformed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/settings.py" line="181"/>
        <source>工作站配置的办公时区“{name}”无效，应为 IANA 时区名，如 Asia/Shanghai</source>
        <translation>The office time zone “{name}” in the workstation configuration is invalid; it must be an IANA time zone name such as Asia/Shanghai</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/settings.py" line="228"/>
        <source>请填写平台地址（http:// 或 https:// 开头）、工作站编号和密钥</source>
        <translation>Enter the platform address (starting with http:// or https://), the workstation ID and the secret</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/settings.py" line="305"/>
        <source>无法读取本工作站的平台密钥（可能是在其他电脑上复制的配置），请重新配置平台</source>
        <translation>This workstation&apos;s platform secret cannot be read (the configuration may have been copied from another computer): configure the platform again</translation>
    </message>
</context>
<context>
    <name>Store</name>
    <message>
        <location filename="../../clerkapp/infra/store/approvals.py" line="36"/>
        <source>待审批</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/store/approvals.py" line="37"/>
        <source>已批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/store/approvals.py" line="38"/>
        <source>已退回</source>
        <translation>Sent back</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/store/approvals.py" line="107"/>
        <source>审批申请不存在</source>
        <translation>The approval request does not exist</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/store/approvals.py" line="139"/>
        <source>该审批申请已处理，无需再次审批</source>
        <translation>This approval request has already been dealt with</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/store/cases.py" line="318"/>
        <source>找不到办件 {case_id}。</source>
        <translation>Case {case_id} cannot be found.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/store/clerks.py" line="74"/>
        <source>账号 {username} 已存在。</source>
        <extracomment>The audit&apos;s actor of a failed log-in whose typed name is no account (the typed text may be a password typed into the wrong box: it is never stored).</extracomment>
        <translation>The account {username} already exists.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/store/clerks.py" line="118"/>
        <location filename="../../clerkapp/infra/store/clerks.py" line="183"/>
        <source>账号 {username} 不存在。</source>
        <translation>The account {username} does not exist.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/store/outbox.py" line="391"/>
        <source>待发送记录不存在。</source>
        <translation>The queued record does not exist.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/store/outbox_people.py" line="94"/>
        <source>该记录已不在需人工处理列表中。</source>
        <extracomment>The audit actions that make up an outbox row&apos;s history.</extracomment>
        <translation>This record is no longer on the needs-a-person list.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/process_lock.py" line="56"/>
        <source>无法打开同步锁文件（{path}）：{strerror}</source>
        <translation>The sync lock file cannot be opened ({path}): {strerror}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/store/audit.py" line="266"/>
        <source>本地数据库的审计链格式标记缺失（数据库被改动），不能再记录操作。请运行 clerkapp audit verify 并联系技术支持。</source>
        <translation>The audit chain&apos;s format mark is missing from the local database (the database was altered): no more actions can be recorded. Run clerkapp audit verify and contact technical support.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/store/audit.py" line="282"/>
        <source>本机审计密钥与本地数据库的审计链不符（密钥丢失或数据库来自其他工作站），不能再记录操作。请联系技术支持。</source>
        <translation>This computer&apos;s audit key does not match the local database&apos;s audit chain (the key was lost or the database comes from another workstation): no more actions can be recorded. Please contact technical support.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/store/db.py" line="112"/>
        <source>无法打开本地数据库（{path}）：{exc}</source>
        <extracomment>Told, after a transaction committed, the ids of the cases it changed (on the committing thread; must be quick and must not use the store).</extracomment>
        <translation>The local database cannot be opened ({path}): {exc}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/store/db.py" line="134"/>
        <source>无法打开本地数据库（{path}）：文件损坏或不是数据库。</source>
        <translation>The local database cannot be opened ({path}): the file is damaged or not a database.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/store/migrations.py" line="415"/>
        <source>本地数据库版本（{version}）比本程序新（{latest}），请升级 ClerkApp 后再打开。</source>
        <translation>The local database version ({version}) is newer than this program&apos;s ({latest}): upgrade ClerkApp, then open it.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/infra/store/migrations.py" line="432"/>
        <source>本地数据库升级失败（第 {number} 步），数据未改动。请联系技术支持。</source>
        <translation>The local database upgrade failed (step {number}); no data was changed. Please contact technical support.</translation>
    </message>
</context>
<context>
    <name>SyncRun</name>
    <message>
        <location filename="../../clerkapp/app/sync_run.py" line="95"/>
        <source>平台无法连接（{base_url}）：{user_message}</source>
        <translation>The platform cannot be reached ({base_url}): {user_message}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/sync_run.py" line="100"/>
        <source>{base_url} 上运行的不是培训沙箱，培训数据不发送</source>
        <translation>{base_url} does not run the training sandbox: training data is not sent</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/sync_run.py" line="128"/>
        <source>另一个程序正在同步本工作站的数据，请稍后再试</source>
        <translation>Another program is syncing this workstation&apos;s data; please try again later</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/sync_run.py" line="189"/>
        <source>平台无法连接</source>
        <translation>The platform cannot be reached</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/sync_run.py" line="191"/>
        <source>等待部门答复</source>
        <translation>Waiting for the department&apos;s answer</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/sync_run.py" line="193"/>
        <source>等待同一办件的前序操作</source>
        <translation>Waiting for earlier operations of the same case</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/sync_run.py" line="196"/>
        <source>，{show_time} 后重试</source>
        <translation>, retried after {show_time}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/sync_run.py" line="202"/>
        <source>上次发送失败（{reason_of}）{when}</source>
        <translation>The last attempt failed ({reason_of}){when}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/sync_run.py" line="209"/>
        <source>{show_time} 后发送</source>
        <translation>Sent after {show_time}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/app/sync_run.py" line="211"/>
        <source>待发送</source>
        <translation>Waiting to be sent</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../clerkapp/core/texts.py" line="89"/>
        <source>{text}（{note}）</source>
        <translation>{text} ({note})</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/texts.py" line="91"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/texts.py" line="93"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/texts.py" line="95"/>
        <source>&#x3000;｜&#x3000;</source>
        <translation> | </translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/texts.py" line="97"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/texts.py" line="99"/>
        <source>：</source>
        <translation>: </translation>
    </message>
</context>
<context>
    <name>Uscc</name>
    <message>
        <location filename="../../clerkapp/core/uscc.py" line="35"/>
        <source>统一社会信用代码校验不通过：有字符输错，请对照营业执照逐位核对</source>
        <translation>Credit code check failed: a character is mistyped; compare the code with the business licence character by character</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/uscc.py" line="164"/>
        <source>请输入18位统一社会信用代码</source>
        <translation>Enter the 18-character unified social credit code</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/uscc.py" line="169"/>
        <source>（代码不使用字母 I、O、S、V、Z）</source>
        <translation> (the code never uses the letters I, O, S, V, Z)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/uscc.py" line="173"/>
        <source>第{index}位“{char}”不是统一社会信用代码允许的字符{hint}</source>
        <translation>Character {index} “{char}” is not allowed in a unified social credit code{hint}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/uscc.py" line="178"/>
        <source>代码有{length}位，多了{count}位</source>
        <translation>The code has {length} characters, {count} too many</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/uscc.py" line="185"/>
        <source>第1位登记管理部门代码“{code}”不存在</source>
        <translation>Character 1: registering authority code “{code}” does not exist</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/uscc.py" line="190"/>
        <source>第2位机构类别“{code}”不属于登记管理部门{department}（{code2}）</source>
        <translation>Character 2: organisation type “{code}” does not belong to the registering authority {department} ({code2})</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/uscc.py" line="201"/>
        <source>已输入{length}位，还差{count}位</source>
        <translation>{length} characters entered, {count} to go</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/uscc.py" line="214"/>
        <source>第3-8位登记管理机关行政区划码“{region_code}”应为6位数字</source>
        <translation>Characters 3–8: the registering office&apos;s region code “{region_code}” must be 6 digits</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/uscc.py" line="222"/>
        <source>省外（{region}）</source>
        <translation>Outside the province ({region})</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/uscc.py" line="224"/>
        <source>未知地区</source>
        <translation>Unknown region</translation>
    </message>
    <message>
        <location filename="../../clerkapp/core/uscc.py" line="226"/>
        <source>{where}登记机关代码 {region_code}，未核对</source>
        <translation>{where} registering office code {region_code}: not checked</translation>
    </message>
</context>
</TS>
