<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>CaseListView</name>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="235"/>
        <source>今日办件</source>
        <translation>Today&apos;s cases</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="171"/>
        <source>搜索办件</source>
        <translation>Search cases</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="167"/>
        <source>办件</source>
        <extracomment>Pixels kept free between the applicant and the status on a case&apos;s second line.</extracomment>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="172"/>
        <source>搜索姓名、事项或证件号后四位…</source>
        <translation>Search name, matter or last 4 of ID…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="176"/>
        <source>办件列表</source>
        <translation>Case list</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="236"/>
        <source>等待中</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="237"/>
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
        <location filename="../../clerkapp/gui/main_window.py" line="86"/>
        <source>ClerkApp 无证明城市 · 窗口办件</source>
        <translation>ClerkApp · Proof-free city counter</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/main_window.py" line="100"/>
        <source>按 Ctrl+N 新建办件，或在左侧选择一个办件继续办理。</source>
        <translation>Press Ctrl+N for a new case, or pick a case on the left to continue it.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/main_window.py" line="189"/>
        <source>科室负责人</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/main_window.py" line="190"/>
        <source>窗口人员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/main_window.py" line="253"/>
        <source>关于 ClerkApp</source>
        <translation>About ClerkApp</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/main_window.py" line="256"/>
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
        <location filename="../../clerkapp/gui/application.py" line="237"/>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="66"/>
        <source>需处理</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="68"/>
        <source>等待答复</source>
        <translation>Awaiting answer</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="70"/>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="71"/>
        <source>等待部门答复</source>
        <translation>Waiting for department</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="72"/>
        <source>已办结</source>
        <translation>Concluded</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="73"/>
        <source>不予许可</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="74"/>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="90"/>
        <source>平台在线</source>
        <translation>Platform online</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="92"/>
        <source>连接中</source>
        <translation>Connecting</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="94"/>
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
