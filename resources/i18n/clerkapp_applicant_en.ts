<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ApplicantScreen</name>
    <message>
        <location filename="../../clerkapp/gui/applicant_screen.py" line="48"/>
        <source>申请人屏</source>
        <translation>Applicant screen</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_screen.py" line="49"/>
        <source>申请人屏 · {centre}</source>
        <translation>Applicant screen · {centre}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_screen.py" line="73"/>
        <source>欢迎您！
请稍候，工作人员正在为您办理。</source>
        <translation>Welcome!
Please wait, the clerk is handling your application.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_screen.py" line="75"/>
        <source>无证明城市 · 少跑腿</source>
        <translation>Proof-free city · fewer trips</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_screen.py" line="163"/>
        <source>请出示身份证件，工作人员正在为您录入。</source>
        <translation>Please show your ID card; the clerk is entering your details.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_screen.py" line="174"/>
        <source>联系电话 {phone}</source>
        <translation>Phone {phone}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_screen.py" line="177"/>
        <source>申请人：{who}</source>
        <translation>Applicant: {who}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_screen.py" line="187"/>
        <source>工作人员正在为您联网查询和核验，请稍候。</source>
        <translation>The clerk is looking up and verifying your records online. Please wait.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_screen.py" line="188"/>
        <source>材料齐了，工作人员正在作出决定。</source>
        <translation>Everything is in place; the clerk is making the decision.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_screen.py" line="212"/>
        <source>申请人承诺</source>
        <translation>Applicant&apos;s pledge</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_pages.py" line="118"/>
        <location filename="../../clerkapp/gui/applicant_pages.py" line="122"/>
        <source>虚假承诺的后果</source>
        <translation>Consequences of a false pledge</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_screen.py" line="219"/>
        <source>您已签字，谢谢。</source>
        <translation>You have signed. Thank you.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_screen.py" line="224"/>
        <source>本项不能以承诺方式办理，请听工作人员说明。</source>
        <translation>This item cannot be pledged; the clerk will explain.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_screen.py" line="227"/>
        <source>正在核查信用记录，请稍候…</source>
        <translation>Checking the credit record, please wait…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_screen.py" line="229"/>
        <source>请阅读承诺内容，在下方白色区域签名，然后按“确认签字”。</source>
        <translation>Please read the pledge, sign in the white area below, then press &quot;Confirm signature&quot;.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="122"/>
        <source>查询码 {code}</source>
        <translation>Tracking code {code}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="124"/>
        <source>扫码或输入查询码查看进度</source>
        <translation>Scan the code or enter the tracking code to follow your case</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_screen.py" line="269"/>
        <source>本办件已评价，感谢您的支持。</source>
        <translation>This case has been rated. Thank you for your support.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_screen.py" line="271"/>
        <location filename="../../clerkapp/gui/applicant_screen.py" line="298"/>
        <source>已评价</source>
        <translation>rated</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_screen.py" line="293"/>
        <source>已更新您的评价，感谢您！</source>
        <translation>Your rating has been updated. Thank you!</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_screen.py" line="295"/>
        <source>感谢您的评价！祝您生活愉快。</source>
        <translation>Thank you for your rating! Have a nice day.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="48"/>
        <source>已取消，无需提供</source>
        <translation>abolished, not needed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="52"/>
        <source>正在联网查询…</source>
        <translation>looking it up online…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="56"/>
        <source>需工作人员与您核对</source>
        <translation>the clerk will check this with you</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="60"/>
        <source>已联网查询，无需提供</source>
        <translation>looked up online, not needed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="64"/>
        <source>已由部门核验，无需提供</source>
        <translation>verified by the department, not needed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="68"/>
        <source>您已签字承诺，无需提供</source>
        <translation>pledged by you, not needed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="71"/>
        <source>无需提供</source>
        <translation>not needed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="73"/>
        <source>由部门核验，无需提供</source>
        <translation>the department verifies it, not needed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="77"/>
        <source>签字承诺即可，无需提供</source>
        <translation>your signed pledge is enough, not needed</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="81"/>
        <source>稍后联网查询</source>
        <translation>to be looked up online</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="93"/>
        <source>共 {n} 项证明材料，已有 {m} 项无需您提供</source>
        <translation>{n} proofs in all; you need not bring {m} of them</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="98"/>
        <source>联网查询 {k} 项</source>
        <translation>{k} looked up online</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="101"/>
        <source>部门核验 {k} 项</source>
        <translation>{k} verified by a department</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="104"/>
        <source>告知承诺 {k} 项</source>
        <translation>{k} pledged</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="107"/>
        <source>直接取消 {k} 项</source>
        <translation>{k} abolished</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="147"/>
        <source>您的申请已办结，请收好决定书。</source>
        <translation>Your application is complete. Please keep the decision.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="153"/>
        <source>工作人员将向您说明理由；不服可依决定书所列途径申请复议或提起诉讼。</source>
        <translation>The clerk will explain why; you may seek review or sue as the decision describes.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="161"/>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="162"/>
        <source>部门核验后即作出决定，您无需再跑一趟，可扫码查询进度。</source>
        <translation>The decision follows the department&apos;s check; no need to come back. Scan the code to follow it.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="167"/>
        <source>已撤回申请</source>
        <translation>Application withdrawn</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="171"/>
        <source>请补正材料</source>
        <translation>Please complete your documents</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="172"/>
        <source>请按补正材料一次性告知书所列，在期限内带齐材料回到窗口，办件将接着办理。</source>
        <translation>Please bring everything listed in the correction notice back to the counter before the deadline; your application will then continue.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="180"/>
        <source>不予受理</source>
        <translation>Application not accepted</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="181"/>
        <source>理由见不予受理决定书；不服可依决定书所列途径申请复议或提起诉讼。</source>
        <translation>The reasons are in the decision not to accept; if you disagree, you may apply for administrative review or bring a lawsuit as the decision explains.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="186"/>
        <source>正在办理</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="192"/>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="193"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="194"/>
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="197"/>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_words.py" line="198"/>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_pages.py" line="87"/>
        <source>证明材料</source>
        <translation>Proofs</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_pages.py" line="132"/>
        <source>承诺书全文</source>
        <translation>Full pledge text</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_pages.py" line="149"/>
        <source>承诺内容</source>
        <translation>What you pledge</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_pages.py" line="165"/>
        <source>已签署的签名</source>
        <translation>Signed signature</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_pages.py" line="227"/>
        <source>办件进度二维码</source>
        <translation>Case progress QR code</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_pages.py" line="275"/>
        <source>请您对本次服务作出评价</source>
        <translation>Please rate our service today</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_pages.py" line="284"/>
        <source>评价：{level}</source>
        <translation>Rate: {level}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_pages.py" line="307"/>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_scroll.py" line="41"/>
        <source>向下还有内容，请滑动查看</source>
        <translation>More below: scroll down</translation>
    </message>
</context>
<context>
    <name>ApplicantScreenHost</name>
    <message>
        <location filename="../../clerkapp/gui/applicant_host.py" line="67"/>
        <source>申请人屏 (Ctrl+Shift+A)</source>
        <translation>Applicant screen (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_host.py" line="69"/>
        <source>申请人屏开关</source>
        <translation>Applicant screen on/off</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_host.py" line="77"/>
        <source>申请人屏大字</source>
        <translation>Large type on the applicant screen</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_host.py" line="83"/>
        <source>申请人屏状态</source>
        <translation>Applicant screen status</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_host.py" line="138"/>
        <source>大字 ×{scale}</source>
        <translation>Large type ×{scale}</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_host.py" line="140"/>
        <source>申请人屏文字放大（适老化），按一下换一档 ({keys})</source>
        <translation>Enlarge the applicant screen&apos;s text (for older applicants); each press goes one step larger ({keys})</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/applicant_host.py" line="195"/>
        <source>申请人{what}</source>
        <translation>Applicant {what}</translation>
    </message>
</context>
</TS>
