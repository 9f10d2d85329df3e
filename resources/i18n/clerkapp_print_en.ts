<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>DocumentActDialog</name>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="59"/>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="59"/>
        <source>更正</source>
        <translation>Correct</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="60"/>
        <source>%1文书</source>
        <translation>%1 document</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="63"/>
        <source>%1已出具的文书须经科室负责人批准：请科室负责人在本机输入账号密码现场授权，或提交审批队列由科室负责人稍后审批。</source>
        <translation>%1: an issued document can be changed only with a supervisor&apos;s approval. The supervisor either enters their user name and password at this workstation, or approves the request later from the approval queue.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="73"/>
        <source>%1原因</source>
        <translation>Reason (%1)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="75"/>
        <source>文书：</source>
        <translation>Document:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="76"/>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="82"/>
        <source>更正后的申请人</source>
        <translation>Applicant (corrected)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="84"/>
        <source>申请人（更正后）：</source>
        <translation>Applicant (corrected):</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="89"/>
        <source>更正后的联系电话</source>
        <translation>Corrected phone</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="91"/>
        <source>联系电话（更正后）：</source>
        <translation>Phone (corrected):</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="93"/>
        <source>更正后的理由</source>
        <translation>Reasons (corrected)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="95"/>
        <source>不予的理由（更正后）：</source>
        <translation>Reasons for refusal (corrected):</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="96"/>
        <source>科室负责人现场授权</source>
        <translation>Supervisor approves here and now</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="98"/>
        <source>提交审批队列</source>
        <translation>Send to the approval queue</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="101"/>
        <source>科室负责人账号</source>
        <translation>Supervisor&apos;s user name</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="102"/>
        <source>科室负责人密码</source>
        <translation>Supervisor&apos;s password</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="104"/>
        <source>批准意见</source>
        <translation>Approval note</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="106"/>
        <source>负责人账号：</source>
        <translation>Supervisor:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="107"/>
        <source>负责人密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="108"/>
        <source>批准意见：</source>
        <translation>Approval note:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="116"/>
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="119"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>DocumentActsBar</name>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="174"/>
        <source>作废…（需负责人批准）</source>
        <translation>Void… (supervisor approval)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="175"/>
        <source>作废已出具的文书 (Ctrl+Shift+D)</source>
        <translation>Void the issued document (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="179"/>
        <source>更正…（需负责人批准）</source>
        <translation>Correct… (supervisor approval)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="180"/>
        <source>更正已出具的文书，新文号取代原文书 (Ctrl+Shift+E)</source>
        <translation>Correct the issued document: a new number replaces the original (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="247"/>
        <source>正在提交…</source>
        <translation>Submitting…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="260"/>
        <source>已作废</source>
        <translation>voided</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="262"/>
        <source>已更正</source>
        <translation>corrected</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="264"/>
        <source>%1 %2，批准人 %3</source>
        <translation>%1 %2, approved by %3</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="269"/>
        <source>；更正后的文书 %1</source>
        <translation>; corrected document %1</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/document_act_dialog.py" line="273"/>
        <source>已提交审批队列，等待科室负责人审批：%1</source>
        <translation>Sent to the approval queue, awaiting the supervisor: %1</translation>
    </message>
</context>
<context>
    <name>PrintStep</name>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="122"/>
        <source>文书</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="128"/>
        <location filename="../../clerkapp/gui/print_step.py" line="242"/>
        <source>请先作出决定，再打印文书。</source>
        <translation>Decide the case first, then print its documents.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="128"/>
        <source>打印状态</source>
        <translation>Print status</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="132"/>
        <source>文书预览</source>
        <translation>Document preview</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="136"/>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="137"/>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="140"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="141"/>
        <source>打印文书 (Ctrl+P)</source>
        <translation>Print the document (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="142"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="144"/>
        <source>选择打印机…</source>
        <translation>Choose printer…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="146"/>
        <source>打开打印对话框选择打印机 (Ctrl+Shift+P)</source>
        <translation>Open the print dialog to choose a printer (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="148"/>
        <source>一式两份（含存档联）</source>
        <translation>Two copies (with file copy)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="151"/>
        <source>打印原件时同时打印一份标注“存档联”的文书，供归档</source>
        <translation>Print a copy marked “file copy” with the original, for the case file</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="155"/>
        <source>文书：</source>
        <translation>Document:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="157"/>
        <source>打印机：</source>
        <translation>Printer:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="159"/>
        <source>份数：</source>
        <translation>Copies:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="249"/>
        <source>正在准备文书…</source>
        <translation>Preparing the documents…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="262"/>
        <source>本办件尚未作出决定，没有可打印的文书。</source>
        <translation>This case has not been decided yet: there is no document to print.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="274"/>
        <source>正在生成文书…</source>
        <translation>Building the document…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="297"/>
        <source>作废存档联：仅供归档，不计为原件或副本</source>
        <translation>Voided file copy: for the case file only, counted as neither original nor copy</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="299"/>
        <source>副本（第 %1 份）</source>
        <translation>Copy (print no. %1)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="301"/>
        <source>原件</source>
        <translation>original</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="303"/>
        <source>一式两份：另附存档联</source>
        <translation>Two copies: a file copy is printed too</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="305"/>
        <source>临时凭证：平台尚未确认，联网后进度自动同步</source>
        <translation>Provisional: not yet confirmed by the platform; progress syncs once online</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="331"/>
        <location filename="../../clerkapp/gui/print_step.py" line="345"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="356"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="356"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/printer_choice.py" line="54"/>
        <source>系统默认打印机</source>
        <translation>System default printer</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/printer_choice.py" line="60"/>
        <source>%1（未连接）</source>
        <translation>%1 (not connected)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/voided_copy_bar.py" line="35"/>
        <source>打印作废存档联…</source>
        <translation>Print voided file copy…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/voided_copy_bar.py" line="40"/>
        <source>预览并打印已作废文号的存档联（逐页加盖“作废”，不计为原件或副本） (Ctrl+Shift+V)</source>
        <translation>Preview and print the file copy of a voided number (every page stamped VOID; counted as neither original nor copy) (Ctrl+Shift+V)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/voided_copy_bar.py" line="67"/>
        <source>打印作废存档联</source>
        <translation>Print voided file copy</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/voided_copy_bar.py" line="68"/>
        <source>已作废的文号：</source>
        <translation>Voided number:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/voided_copy_bar.py" line="82"/>
        <source>正在生成作废存档联…</source>
        <translation>Building the voided file copy…</translation>
    </message>
</context>
</TS>
