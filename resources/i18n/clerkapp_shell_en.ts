<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AccountForm</name>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="44"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="45"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="47"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="48"/>
        <source>再次输入密码</source>
        <translation>Repeat the password</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="51"/>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="52"/>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="56"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="57"/>
        <source>窗口人员</source>
        <translation>Counter clerk</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="58"/>
        <source>科室负责人</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="59"/>
        <source>角色：</source>
        <translation>Role:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="60"/>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="61"/>
        <source>再次输入：</source>
        <translation>Repeat:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="62"/>
        <source>密码至少 10 个字符，且不能与用户名相同。</source>
        <translation>The password needs at least 10 characters and must not be the user name.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="78"/>
        <source>请填写用户名和姓名。</source>
        <translation>Please fill in the user name and the name.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="80"/>
        <source>两次输入的密码不一致。</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="180"/>
        <source>账号管理</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="188"/>
        <source>账号列表</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="190"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="191"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="192"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="193"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="194"/>
        <source>锁定至</source>
        <translation>Locked until</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="195"/>
        <source>最近登录</source>
        <translation>Last login</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="199"/>
        <source>正在读取账号…</source>
        <translation>Reading the accounts…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="202"/>
        <source>新增账号</source>
        <translation>Add account</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="203"/>
        <source>停用 / 启用</source>
        <translation>Disable / enable</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="204"/>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="205"/>
        <source>更改角色</source>
        <translation>Change role</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="247"/>
        <location filename="../../clerkapp/gui/accounts_page.py" line="276"/>
        <source>启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="247"/>
        <location filename="../../clerkapp/gui/accounts_page.py" line="276"/>
        <source>停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="249"/>
        <source>从未登录</source>
        <translation>Never</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="254"/>
        <source>共 %1 个账号</source>
        <translation>%1 account(s)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="259"/>
        <source>科室负责人</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="259"/>
        <source>窗口人员</source>
        <translation>Counter clerk</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="278"/>
        <source>设为窗口人员</source>
        <translation>Make counter clerk</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="280"/>
        <source>设为科室负责人</source>
        <translation>Make supervisor</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="304"/>
        <source>已启用账号 %1。</source>
        <translation>Account %1 enabled.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="304"/>
        <source>已停用账号 %1。</source>
        <translation>Account %1 disabled.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="313"/>
        <source>账号 %1 的角色已更改。</source>
        <translation>The role of account %1 was changed.</translation>
    </message>
</context>
<context>
    <name>ActDecision</name>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="18"/>
        <source>准予许可</source>
        <translation>Grant licence</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="19"/>
        <source>不予许可</source>
        <translation>Refuse licence</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="20"/>
        <source>给付</source>
        <translation>Grant benefit</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="21"/>
        <source>不予给付</source>
        <translation>Refuse benefit</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="22"/>
        <source>予以确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="23"/>
        <source>不予确认</source>
        <translation>Refuse confirmation</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="24"/>
        <source>予以办理</source>
        <translation>Grant</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="25"/>
        <source>不予办理</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="26"/>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="27"/>
        <source>材料未齐</source>
        <translation>Proofs incomplete</translation>
    </message>
</context>
<context>
    <name>ActWords</name>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="30"/>
        <source>准予许可</source>
        <translation>Licence granted</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="31"/>
        <source>不予许可</source>
        <translation>Licence refused</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="32"/>
        <source>给付</source>
        <translation>Benefit granted</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="33"/>
        <source>不予给付</source>
        <translation>Benefit refused</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="34"/>
        <source>予以确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="35"/>
        <source>不予确认</source>
        <translation>Confirmation refused</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="36"/>
        <source>予以办理</source>
        <translation>Granted</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="37"/>
        <source>不予办理</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/act_words.py" line="38"/>
        <location filename="../../clerkapp/gui/act_words.py" line="68"/>
        <source>已办结（{d}）</source>
        <translation>{d}</translation>
    </message>
</context>
<context>
    <name>AnchorWarning</name>
    <message>
        <location filename="../../clerkapp/gui/anchor_warning.py" line="34"/>
        <source>（{at}，共 {count} 条记录）</source>
        <translation> ({at}, {count} records)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/anchor_warning.py" line="40"/>
        <source>平台拒绝了本机审计链的存证{where}：{reason}。{meaning}。请科室负责人立即在本机运行 clerkapp audit verify 核查审计记录，并联系平台管理员；查明原因前不要撤销此项。</source>
        <translation>The platform refused this workstation&apos;s audit anchor{where}: {reason}. {meaning}. The section head should run clerkapp audit verify on this workstation now to check the audit records, and contact the platform administrator; do not dismiss this until the cause is known.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/anchor_warning.py" line="90"/>
        <source>⚠ 审计存证被平台拒绝</source>
        <translation>⚠ Audit anchor refused by the platform</translation>
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
        <location filename="../../clerkapp/gui/approvals_page.py" line="57"/>
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
        <location filename="../../clerkapp/gui/approvals_page.py" line="70"/>
        <source>审批意见</source>
        <translation>Supervisor&apos;s opinion</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="71"/>
        <source>批准意见或退回理由（必填）</source>
        <translation>Reason for approving or sending back (required)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="72"/>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="73"/>
        <source>退回</source>
        <translation>Send back</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="74"/>
        <source>刷新 (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="75"/>
        <source>正在读取审批队列…</source>
        <translation>Reading the approval queue…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="78"/>
        <source>审批意见：</source>
        <translation>Opinion:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="145"/>
        <source>待审批 %1 件</source>
        <translation>%1 request(s) awaiting approval</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/approvals_page.py" line="147"/>
        <source>没有待审批的申请。</source>
        <translation>No requests awaiting approval.</translation>
    </message>
</context>
<context>
    <name>CaseListView</name>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="311"/>
        <source>今日办件</source>
        <translation>Today&apos;s cases</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="220"/>
        <source>搜索办件</source>
        <translation>Search cases</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="216"/>
        <source>办件</source>
        <extracomment>Milliseconds of no typing before the whole-history search runs. The sections the day&apos;s list fills (the others come from the search). Pixels kept free between the applicant and the status on a case&apos;s second line.</extracomment>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="221"/>
        <source>搜索姓名、事项、证件号、文号、查询码或办件编号…</source>
        <translation>Search name, matter, ID number, document no., query code or case no.…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="225"/>
        <source>办件列表</source>
        <translation>Case list</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="312"/>
        <source>等待中</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="313"/>
        <source>需处理</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="314"/>
        <source>全部日期</source>
        <translation>All dates</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="315"/>
        <source>其他窗口办理</source>
        <translation>At other windows</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="413"/>
        <source>更多…</source>
        <translation>More…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_list.py" line="415"/>
        <source>加载更多办件</source>
        <translation>Load more cases</translation>
    </message>
</context>
<context>
    <name>CaseSearchFilters</name>
    <message>
        <location filename="../../clerkapp/gui/case_search.py" line="34"/>
        <source>按状态筛选</source>
        <extracomment>States the filter offers (values of :class:`CaseState`), in the order a clerk looks for them.</extracomment>
        <translation>Filter by state</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_search.py" line="35"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_search.py" line="37"/>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_search.py" line="38"/>
        <source>待补正</source>
        <translation>Awaiting correction</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_search.py" line="39"/>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_search.py" line="40"/>
        <source>已办结（予以办理）</source>
        <translation>Closed (granted)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_search.py" line="41"/>
        <source>已办结（不予办理）</source>
        <translation>Closed (refused)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_search.py" line="42"/>
        <source>不予受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_search.py" line="43"/>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_search.py" line="49"/>
        <source>按日期筛选</source>
        <translation>Filter by date</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_search.py" line="51"/>
        <source>全部日期</source>
        <translation>All dates</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_search.py" line="52"/>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_search.py" line="53"/>
        <source>近7天</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_search.py" line="54"/>
        <source>近30天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/case_search.py" line="55"/>
        <source>近一年</source>
        <translation>Last year</translation>
    </message>
</context>
<context>
    <name>CaseSearchRunner</name>
    <message>
        <location filename="../../clerkapp/gui/case_search_runner.py" line="98"/>
        <source>{0}窗口 · {1} · {2}受理</source>
        <translation>Window {0} · {1} · received {2}</translation>
    </message>
</context>
<context>
    <name>Connectivity</name>
    <message>
        <location filename="../../clerkapp/gui/connectivity.py" line="74"/>
        <source>不到 1 分钟前</source>
        <translation>under a minute ago</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/connectivity.py" line="76"/>
        <source>{0} 分钟前</source>
        <translation>{0} min ago</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/connectivity.py" line="78"/>
        <source>{0} 小时前</source>
        <translation>{0} h ago</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/connectivity.py" line="79"/>
        <source>{0} 天前</source>
        <translation>{0} days ago</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/connectivity.py" line="84"/>
        <source>连接中</source>
        <translation>Connecting</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/connectivity.py" line="85"/>
        <source>平台在线</source>
        <translation>Platform online</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/connectivity.py" line="86"/>
        <source>平台不稳定</source>
        <translation>Platform unstable</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/connectivity.py" line="87"/>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/connectivity.py" line="88"/>
        <source>同步中</source>
        <translation>Syncing</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/connectivity.py" line="94"/>
        <source>正在连接数据共享平台。</source>
        <translation>Connecting to the data-sharing platform.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/connectivity.py" line="95"/>
        <source>数据共享平台可用，办件操作即时发送。</source>
        <translation>The data-sharing platform is available; case operations are sent at once.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/connectivity.py" line="98"/>
        <source>平台响应缓慢或出错：操作可能延迟，失败的会自动重试。</source>
        <translation>The platform answers slowly or with errors: operations may be delayed; failed ones are retried automatically.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/connectivity.py" line="101"/>
        <source>无法连接数据共享平台。可以继续办件：操作已排队，平台恢复后自动发送。</source>
        <translation>The data-sharing platform cannot be reached. Keep working: operations are queued and sent automatically when the platform is back.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/connectivity.py" line="104"/>
        <source>平台已恢复，正在发送排队的操作。</source>
        <translation>The platform is back; sending the queued operations.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/connectivity.py" line="118"/>
        <source>剩余 {0} 项</source>
        <translation>{0} left</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/connectivity.py" line="120"/>
        <source>排队 {0} 项</source>
        <translation>{0} queued</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/connectivity.py" line="123"/>
        <source>最早 {0}</source>
        <translation>oldest {0}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/connectivity.py" line="133"/>
        <source>待发送积压超过设定上限（{0} 项或 {1} 分钟）：请检查网络，或联系信息科；积压的操作不会丢失。</source>
        <translation>The backlog is over its limit ({0} operations or {1} minutes): check the network or call IT; queued operations are not lost.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/connectivity.py" line="141"/>
        <source>注意：培训平台已更换为另一个实例，之前的核验和进度可能查不到。</source>
        <translation>Note: the training platform is another instance now; earlier verifications and progress may not be found.</translation>
    </message>
</context>
<context>
    <name>FirstSupervisorDialog</name>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="130"/>
        <source>创建第一个科室负责人账号</source>
        <translation>Create the first supervisor account</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="134"/>
        <source>本工作站已连接正式平台，还没有任何账号。请先创建科室负责人账号，之后由科室负责人在“账号管理”中为窗口人员开设账号。</source>
        <translation>This workstation is connected to the real platform and has no account yet. Create the supervisor&apos;s account first; the supervisor then opens the clerks&apos; accounts under &quot;Accounts&quot;.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="154"/>
        <source>正在创建…</source>
        <translation>Creating…</translation>
    </message>
</context>
<context>
    <name>HeaderBar</name>
    <message>
        <location filename="../../clerkapp/gui/header.py" line="29"/>
        <source>窗口</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/header.py" line="30"/>
        <location filename="../../clerkapp/gui/header.py" line="71"/>
        <source>未登录</source>
        <translation>Not logged in</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/header.py" line="32"/>
        <source>当前登录人员</source>
        <translation>Logged-in clerk</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/header.py" line="35"/>
        <source>平台状态</source>
        <translation>Platform status</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/header.py" line="38"/>
        <source>待同步数量</source>
        <translation>Operations waiting to sync</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/header.py" line="39"/>
        <source>新建办件 (Ctrl+N)</source>
        <translation>New case (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/header.py" line="41"/>
        <source>新建办件</source>
        <translation>New case</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/header.py" line="44"/>
        <source>锁屏 (Ctrl+L)</source>
        <translation>Lock (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/header.py" line="46"/>
        <source>锁定屏幕</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/header.py" line="107"/>
        <source>待同步 {0}</source>
        <translation>To sync {0}</translation>
    </message>
</context>
<context>
    <name>InsecurePlatformBanner</name>
    <message>
        <location filename="../../clerkapp/gui/insecure_banner.py" line="22"/>
        <source>平台连接未加密警告</source>
        <translation>Unencrypted platform connection warning</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/insecure_banner.py" line="26"/>
        <source>警告：平台地址 {0} 使用未加密的 http（仅限测试环境），个人信息在网络上明文传输。正式使用请改为 https。</source>
        <translation>Warning: the platform address {0} uses unencrypted http (test labs only); personal data crosses the network in clear. Use https for real work.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/insecure_banner.py" line="31"/>
        <source>错误：平台地址 {0} 使用未加密的 http，本工作站不会向其发送任何数据。请用 https:// 地址重新配置平台。</source>
        <translation>Error: the platform address {0} uses unencrypted http; this workstation sends it nothing. Configure the platform again with an https:// address.</translation>
    </message>
</context>
<context>
    <name>LoginView</name>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="59"/>
        <location filename="../../clerkapp/gui/login.py" line="126"/>
        <source>窗口人员登录</source>
        <translation>Clerk login</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="64"/>
        <location filename="../../clerkapp/gui/login.py" line="85"/>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="67"/>
        <location filename="../../clerkapp/gui/login.py" line="86"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="69"/>
        <location filename="../../clerkapp/gui/login.py" line="71"/>
        <location filename="../../clerkapp/gui/login.py" line="127"/>
        <location filename="../../clerkapp/gui/login.py" line="128"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="73"/>
        <source>切换用户 (Ctrl+Shift+L)</source>
        <translation>Switch user (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="75"/>
        <source>切换用户</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="80"/>
        <source>登录提示</source>
        <translation>Login message</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="138"/>
        <source>屏幕已锁定 · {0}</source>
        <translation>Screen locked · {0}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="139"/>
        <location filename="../../clerkapp/gui/login.py" line="140"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="158"/>
        <source>请输入用户名和密码。</source>
        <translation>Please enter your username and password.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="161"/>
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="183"/>
        <source>登录失败次数过多，请 {0} 分钟后再试或联系科室负责人。</source>
        <translation>Too many failed logins: try again in {0} minutes or ask your supervisor.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/login.py" line="188"/>
        <source>用户名或密码不正确。</source>
        <translation>Wrong username or password.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../clerkapp/gui/main_window.py" line="114"/>
        <source>ClerkApp 无证明城市 · 窗口办件</source>
        <extracomment>Opens the supervisor&apos;s approval queue. The queue&apos;s page (and with it the document layer and the platform client) is imported when first opened, never at start-up. Opens the 需人工处理 list (issue 10): operations the platform refused (imported when opened). The windows of the 作废 / 更正 work that a lock closes (by object name: no import needed).</extracomment>
        <translation>ClerkApp · Proof-free city counter</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/main_window.py" line="134"/>
        <source>按 Ctrl+N 新建办件，或在左侧选择一个办件继续办理。</source>
        <translation>Press Ctrl+N for a new case, or pick a case on the left to continue it.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/main_window.py" line="247"/>
        <source>审批队列 (Ctrl+Shift+Q)</source>
        <translation>Approval queue (Ctrl+Shift+Q)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/main_window.py" line="249"/>
        <source>审批队列</source>
        <translation>Approval queue</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/main_window.py" line="347"/>
        <source>科室负责人</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/main_window.py" line="348"/>
        <source>窗口人员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/main_window.py" line="431"/>
        <source>关于 ClerkApp</source>
        <translation>About ClerkApp</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/main_window.py" line="434"/>
        <source>ClerkApp {0} · 无证明城市窗口办件

Ctrl+N 新建办件 · Enter 下一步 · Esc 上一步 · F5 重试查询 · Ctrl+P 打印 · Ctrl+L 锁屏 · Ctrl+Shift+A 申请人屏 · F1 帮助</source>
        <translation>ClerkApp {0} · proof-free city counter

Ctrl+N new case · Enter next · Esc back · F5 retry look-up · Ctrl+P print · Ctrl+L lock · Ctrl+Shift+A applicant screen · F1 help</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/session.py" line="28"/>
        <location filename="../../clerkapp/gui/session.py" line="30"/>
        <source>账号管理</source>
        <extracomment>Opens the supervisor&apos;s account page (账号管理). 注销 / 切换用户: back to the login screen without quitting. The account page&apos;s windows, which a lock closes (a password may be half typed).</extracomment>
        <translation>Accounts</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/session.py" line="31"/>
        <source>注销</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/session.py" line="33"/>
        <source>注销或切换用户</source>
        <translation>Log out or switch user</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/session.py" line="35"/>
        <source>账号管理 (Ctrl+Shift+U)</source>
        <translation>Accounts (Ctrl+Shift+U)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/session.py" line="37"/>
        <source>注销当前用户，回到登录界面（切换用户）(Ctrl+Shift+L)</source>
        <translation>Log out and return to the login screen (switch user) (Ctrl+Shift+L)</translation>
    </message>
</context>
<context>
    <name>NeedsPersonDialog</name>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="53"/>
        <source>需人工处理 · 平台未受理的操作</source>
        <translation>Needs a person · operations the platform refused</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="58"/>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="72"/>
        <source>需人工处理的操作</source>
        <translation>Operations needing a person</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="74"/>
        <source>办件</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="75"/>
        <source>操作</source>
        <translation>Operation</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="76"/>
        <source>证明事项</source>
        <translation>Proof</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="77"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="78"/>
        <source>次数</source>
        <translation>Tries</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="84"/>
        <source>原因与经过</source>
        <translation>Reason and history</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="86"/>
        <source>核验部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="87"/>
        <source>核验问题</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="88"/>
        <source>撤销原因</source>
        <translation>Reason for cancelling</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="89"/>
        <source>撤销原因（必填）</source>
        <translation>Reason for cancelling (required)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="90"/>
        <source>重新发送</source>
        <translation>Send again</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="91"/>
        <source>修改后重新发送</source>
        <translation>Edit and send again</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="92"/>
        <source>撤销</source>
        <translation>Cancel operation</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="93"/>
        <source>刷新 (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="97"/>
        <source>核验部门：</source>
        <translation>Department:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="98"/>
        <source>核验问题：</source>
        <translation>Question:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="113"/>
        <source>撤销原因：</source>
        <translation>Reason for cancelling:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="163"/>
        <source>（无办件）</source>
        <translation>(no case)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="179"/>
        <source>需人工处理 %1 项：平台未受理，请重新发送、修改或撤销</source>
        <translation>%1 operation(s) need a person: the platform refused them; send again, edit or cancel</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="184"/>
        <source>没有需人工处理的事项。</source>
        <translation>Nothing needs a person.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="207"/>
        <source>办件：%1</source>
        <translation>Case: %1</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="208"/>
        <source>操作：%1 · %2</source>
        <translation>Operation: %1 · %2</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="211"/>
        <source>原因：%1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="214"/>
        <source>不能重新发送：%1</source>
        <translation>Cannot send again: %1</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/needs_person_page.py" line="216"/>
        <source>经过：</source>
        <translation>History:</translation>
    </message>
</context>
<context>
    <name>NewAccountDialog</name>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="344"/>
        <source>新增账号</source>
        <translation>Add account</translation>
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
    <name>PreviewZoom</name>
    <message>
        <location filename="../../clerkapp/gui/preview_zoom.py" line="24"/>
        <source>缩小</source>
        <extracomment>The zoom factors stepped through (1.0: the page at its printed size on screen).</extracomment>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/preview_zoom.py" line="27"/>
        <source>缩放比例</source>
        <translation>Zoom level</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/preview_zoom.py" line="30"/>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/preview_zoom.py" line="32"/>
        <source>适合页面</source>
        <translation>Fit page</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="376"/>
        <source>重置密码 · %1</source>
        <translation>Reset password · %1</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="385"/>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="385"/>
        <source>再次输入</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="388"/>
        <source>：</source>
        <translation>:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="389"/>
        <source>密码至少 10 个字符，且不能与用户名相同。</source>
        <translation>The password needs at least 10 characters and must not be the user name.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/accounts_page.py" line="396"/>
        <source>两次输入的密码不一致。</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../../clerkapp/gui/application.py" line="59"/>
        <source>程序遇到意外错误，当前操作未完成。请重试；如果反复出现，请联系信息科（详情已记录在日志中）。</source>
        <translation>An unexpected error stopped the current operation. Please try again; if it keeps happening, call IT support (details are in the log).</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/application.py" line="204"/>
        <source>科室负责人账号已创建，请登录。</source>
        <translation>The supervisor&apos;s account was created. Please log in.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/application.py" line="209"/>
        <source>本工作站还没有账号：请重新启动程序创建科室负责人账号，或由信息科用 clerkapp clerks add 添加。</source>
        <translation>This workstation has no account yet: restart the program to create the supervisor&apos;s account, or have IT add one with clerkapp clerks add.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/application.py" line="240"/>
        <source>节假日覆盖文件有误</source>
        <translation>Holiday override file is broken</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/application.py" line="244"/>
        <source>节假日覆盖文件有 {n} 个问题，已忽略；承诺办结日期按内置的节假日安排计算。请信息技术人员运行 clerkapp calendar check 查看并修正。</source>
        <translation>The holiday override file has {n} problem(s) and was ignored; promised completion dates use the built-in holiday schedule. Ask IT to run clerkapp calendar check to see and fix them.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/application.py" line="262"/>
        <source>审计记录核对未通过</source>
        <translation>Audit record check failed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/application.py" line="265"/>
        <source>启动时核对审计记录发现问题（记录可能被改动，或审计密钥不符）。请科室负责人或信息技术人员运行 clerkapp audit verify 查看详情。</source>
        <translation>The start-up check of the audit records found a problem (records may have been changed, or the audit key does not match). The section head or IT staff should run clerkapp audit verify for details.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/application.py" line="382"/>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="77"/>
        <source>需处理</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="79"/>
        <source>可决定</source>
        <translation>Ready to decide</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="81"/>
        <source>等待答复</source>
        <translation>Awaiting answer</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="84"/>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="86"/>
        <source>等待部门答复</source>
        <translation>Waiting for department</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="91"/>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="94"/>
        <source>待补正</source>
        <translation>Awaiting correction</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="97"/>
        <source>不予受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="121"/>
        <source>平台在线</source>
        <translation>Platform online</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="123"/>
        <source>连接中</source>
        <translation>Connecting</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="125"/>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="127"/>
        <source>平台不稳定</source>
        <translation>Platform unstable</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/theme.py" line="130"/>
        <source>同步中</source>
        <translation>Syncing</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <location filename="../../clerkapp/gui/training.py" line="127"/>
        <source>端口 {0} 被其他程序占用（不是培训平台），培训平台已改用另一个空闲端口启动。</source>
        <translation>Port {0} is used by another program (not the training platform); the training platform was started on another free port.</translation>
    </message>
</context>
<context>
    <name>TrainingBanner</name>
    <message>
        <location filename="../../clerkapp/gui/training.py" line="225"/>
        <source>培训模式提示</source>
        <translation>Training mode notice</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/training.py" line="228"/>
        <source>培训模式 · 演示账号 {0} / {1}（科室负责人 {2} / {3}）· 数据均为虚构</source>
        <translation>Training mode · demo account {0} / {1} (supervisor {2} / {3}) · all data is fictitious</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/training.py" line="232"/>
        <source> · 培训库：不会发送到正式平台</source>
        <translation> · training store: never sent to the real platform</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/training.py" line="236"/>
        <source>培训中的办件和待发送的操作保存在单独的培训库（{0}），只发送到培训沙箱；配置正式平台后使用正式库，培训库原样保留，回到培训模式可继续。</source>
        <translation>Training cases and their queued operations are kept in a separate training store ({0}) and sent only to the training sandbox; once a real platform is configured the production store is used, the training store is kept as it is, and training can go on where it was left.</translation>
    </message>
</context>
</TS>
