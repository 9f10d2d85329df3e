<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ActDecision</name>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="17"/>
        <source>准予许可</source>
        <translation>Grant licence</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="18"/>
        <source>不予许可</source>
        <translation>Refuse licence</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="19"/>
        <source>给付</source>
        <translation>Grant benefit</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="20"/>
        <source>不予给付</source>
        <translation>Refuse benefit</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="21"/>
        <source>予以确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="22"/>
        <source>不予确认</source>
        <translation>Refuse confirmation</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="23"/>
        <source>予以办理</source>
        <translation>Grant</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="24"/>
        <source>不予办理</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="25"/>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="26"/>
        <source>材料未齐</source>
        <translation>Proofs incomplete</translation>
    </message>
</context>
<context>
    <name>ActWords</name>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="29"/>
        <source>准予许可</source>
        <translation>Licence granted</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="30"/>
        <source>不予许可</source>
        <translation>Licence refused</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="31"/>
        <source>给付</source>
        <translation>Benefit granted</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="32"/>
        <source>不予给付</source>
        <translation>Benefit refused</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="33"/>
        <source>予以确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="34"/>
        <source>不予确认</source>
        <translation>Confirmation refused</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="35"/>
        <source>予以办理</source>
        <translation>Granted</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="36"/>
        <source>不予办理</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="37"/>
        <location filename="../../clerkapp/gui/act_words.py" line="67"/>
        <source>已办结（{d}）</source>
        <translation>{d}</translation>
    </message>
</context>
<context>
    <name>ApprovalsDialog</name>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="49"/>
        <source>审批队列 · 作废与更正</source>
        <translation>Approval queue · voids and corrections</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="56"/>
        <source>待审批申请</source>
        <translation>Requests awaiting approval</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="59"/>
        <source>申请时间</source>
        <translation>Requested at</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="60"/>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="61"/>
        <source>文书</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="62"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="63"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="64"/>
        <source>申请人员</source>
        <translation>Requested by</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="75"/>
        <source>审批意见</source>
        <translation>Supervisor&apos;s opinion</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="76"/>
        <source>批准意见或退回理由（必填）</source>
        <translation>Reason for approving or sending back (required)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="77"/>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="78"/>
        <source>退回</source>
        <translation>Send back</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="79"/>
        <source>刷新 (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="80"/>
        <source>正在读取审批队列…</source>
        <translation>Reading the approval queue…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="83"/>
        <source>审批意见：</source>
        <translation>Opinion:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="150"/>
        <source>待审批 %1 件</source>
        <translation>%1 request(s) awaiting approval</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="152"/>
        <source>没有待审批的申请。</source>
        <translation>No requests awaiting approval.</translation>
    </message>
</context>
<context>
    <name>CaseListView</name>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="239"/>
        <source>今日办件</source>
        <translation>Today&apos;s cases</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="175"/>
        <source>搜索办件</source>
        <translation>Search cases</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="171"/>
        <source>办件</source>
        <extracomment>Pixels kept free between the applicant and the status on a case&apos;s second line.</extracomment>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="176"/>
        <source>搜索姓名、事项或证件号后四位…</source>
        <translation>Search name, matter or last 4 of ID…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="180"/>
        <source>办件列表</source>
        <translation>Case list</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="240"/>
        <source>等待中</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="241"/>
        <source>需处理</source>
        <translation>Needs attention</translation>
    </message>
</context>
<context>
    <name>HeaderBar</name>
    <message>
        <location filename="../../clerkapp/gui/header.py" line="24"/>
        <source>窗口</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/header.py" line="25"/>
        <location filename="../../clerkapp/gui/header.py" line="66"/>
        <source>未登录</source>
        <translation>Not logged in</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/header.py" line="27"/>
        <source>当前登录人员</source>
        <translation>Logged-in clerk</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/header.py" line="30"/>
        <source>平台状态</source>
        <translation>Platform status</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/header.py" line="33"/>
        <source>待同步数量</source>
        <translation>Operations waiting to sync</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/header.py" line="34"/>
        <source>新建办件 (Ctrl+N)</source>
        <translation>New case (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/header.py" line="36"/>
        <source>新建办件</source>
        <translation>New case</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/header.py" line="39"/>
        <source>锁屏 (Ctrl+L)</source>
        <translation>Lock (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/header.py" line="41"/>
        <source>锁定屏幕</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/header.py" line="88"/>
        <source>待同步 {0}</source>
        <translation>To sync {0}</translation>
    </message>
</context>
<context>
    <name>LoginView</name>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="57"/>
        <location filename="../../clerkapp/gui/login.py" line="106"/>
        <source>窗口人员登录</source>
        <translation>Clerk login</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="62"/>
        <location filename="../../clerkapp/gui/login.py" line="78"/>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="65"/>
        <location filename="../../clerkapp/gui/login.py" line="79"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="67"/>
        <location filename="../../clerkapp/gui/login.py" line="69"/>
        <location filename="../../clerkapp/gui/login.py" line="107"/>
        <location filename="../../clerkapp/gui/login.py" line="108"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="73"/>
        <source>登录提示</source>
        <translation>Login message</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="117"/>
        <source>屏幕已锁定 · {0}</source>
        <translation>Screen locked · {0}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="118"/>
        <location filename="../../clerkapp/gui/login.py" line="119"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="136"/>
        <source>请输入用户名和密码。</source>
        <translation>Please enter your username and password.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="139"/>
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="161"/>
        <source>连续输错密码次数过多，账号已锁定，请 {0} 分钟后再试。</source>
        <translation>Too many wrong passwords: the account is locked. Try again in {0} minute(s).</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="166"/>
        <source>用户名或密码不正确。</source>
        <translation>Wrong username or password.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="167"/>
        <source>用户名或密码不正确。再错 {0} 次账号将锁定 5 分钟。</source>
        <translation>Wrong username or password. {0} more wrong attempt(s) lock the account for 5 minutes.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../clerkapp/gui/main_window.py" line="98"/>
        <source>ClerkApp 无证明城市 · 窗口办件</source>
        <extracomment>Opens the supervisor&apos;s approval queue. The queue&apos;s page (and with it the document layer and the platform client) is imported when first opened, never at start-up. The windows of the 作废 / 更正 work that a lock closes (by object name: no import needed).</extracomment>
        <translation>ClerkApp · Proof-free city counter</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/main_window.py" line="112"/>
        <source>按 Ctrl+N 新建办件，或在左侧选择一个办件继续办理。</source>
        <translation>Press Ctrl+N for a new case, or pick a case on the left to continue it.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/main_window.py" line="205"/>
        <source>审批队列 (Ctrl+Shift+Q)</source>
        <translation>Approval queue (Ctrl+Shift+Q)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/main_window.py" line="207"/>
        <source>审批队列</source>
        <translation>Approval queue</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/main_window.py" line="240"/>
        <source>科室负责人</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/main_window.py" line="241"/>
        <source>窗口人员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/main_window.py" line="305"/>
        <source>关于 ClerkApp</source>
        <translation>About ClerkApp</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/main_window.py" line="308"/>
        <source>ClerkApp {0} · 无证明城市窗口办件

Ctrl+N 新建办件 · Enter 下一步 · Esc 上一步 · F5 重试查询 · Ctrl+P 打印 · Ctrl+L 锁屏 · Ctrl+Shift+A 申请人屏 · F1 帮助</source>
        <translation>ClerkApp {0} · proof-free city counter

Ctrl+N new case · Enter next · Esc back · F5 retry look-up · Ctrl+P print · Ctrl+L lock · Ctrl+Shift+A applicant screen · F1 help</translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <location filename="../../clerkapp/gui/ops.py" line="46"/>
        <source>操作没有完成，请重试。如果反复出现，请联系信息科（详情已记录在日志中）。</source>
        <translation>The operation did not finish. Please try again; if it keeps happening, call IT support (details are in the log).</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/ops.py" line="49"/>
        <source>操作未完成</source>
        <translation>Operation not completed</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../../clerkapp/gui/application.py" line="55"/>
        <source>程序遇到意外错误，当前操作未完成。请重试；如果反复出现，请联系信息科（详情已记录在日志中）。</source>
        <translation>An unexpected error stopped the current operation. Please try again; if it keeps happening, call IT support (details are in the log).</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/application.py" line="240"/>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="71"/>
        <source>需处理</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="73"/>
        <source>等待答复</source>
        <translation>Awaiting answer</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="75"/>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="76"/>
        <source>等待部门答复</source>
        <translation>Waiting for department</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="79"/>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="81"/>
        <source>待补正</source>
        <translation>Awaiting correction</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="83"/>
        <source>不予受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="103"/>
        <source>平台在线</source>
        <translation>Platform online</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="105"/>
        <source>连接中</source>
        <translation>Connecting</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="107"/>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
</context>
<context>
    <name>TrainingBanner</name>
    <message>
        <location filename="../../clerkapp/gui/training.py" line="186"/>
        <source>培训模式提示</source>
        <translation>Training mode notice</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/training.py" line="189"/>
        <source>培训模式 · 演示账号 {0} / {1}（科室负责人 {2} / {3}）· 数据均为虚构</source>
        <translation>Training mode · demo account {0} / {1} (supervisor {2} / {3}) · all data is fictitious</translation>
    </message>
</context>
</TS>
