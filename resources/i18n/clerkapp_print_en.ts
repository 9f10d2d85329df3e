<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>PrintStep</name>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="66"/>
        <source>审批决定书</source>
        <translation>Approval decision</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="67"/>
        <source>受理回执</source>
        <translation>Acceptance receipt</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="68"/>
        <source>不予许可决定书</source>
        <translation>Refusal notice</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="69"/>
        <source>告知承诺书</source>
        <translation>Pledge letter</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="149"/>
        <source>文书</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="155"/>
        <source>请先作出决定，再打印文书。</source>
        <translation>Decide the case first, then print its documents.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="155"/>
        <source>打印状态</source>
        <translation>Print status</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="159"/>
        <source>文书预览</source>
        <translation>Document preview</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="163"/>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="164"/>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="167"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="168"/>
        <source>打印文书 (Ctrl+P)</source>
        <translation>Print the document (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="169"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="173"/>
        <source>文书：</source>
        <translation>Document:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="175"/>
        <source>打印机：</source>
        <translation>Printer:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="177"/>
        <source>份数：</source>
        <translation>Copies:</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="213"/>
        <source>系统默认打印机</source>
        <translation>System default printer</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="218"/>
        <source>%1（未连接）</source>
        <translation>%1 (not connected)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="247"/>
        <source>正在准备文书…</source>
        <translation>Preparing the documents…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="255"/>
        <source>本办件尚未作出决定，没有可打印的文书。</source>
        <translation>This case has not been decided yet: there is no document to print.</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="267"/>
        <source>正在生成文书…</source>
        <translation>Building the document…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="285"/>
        <source>副本（第 %1 份）</source>
        <translation>Copy (print no. %1)</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="287"/>
        <source>临时凭证：平台尚未确认，联网后进度自动同步</source>
        <translation>Provisional: not yet confirmed by the platform; progress syncs once online</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="331"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="340"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../clerkapp/gui/print_step.py" line="340"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
</TS>
