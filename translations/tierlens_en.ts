<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AssertionEvaluator</name>
    <message numerus="yes">
        <source>contains all %n value(s)</source>
        <translation>
            <numerusform>contains all %n value</numerusform>
            <numerusform>contains all %n values</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CliCommands</name>
    <message numerus="yes">
        <source>warning: %1: %n assertion(s) of types Tierlens cannot check were left out: %2</source>
        <translation>
            <numerusform>warning: %1: %n assertion of types Tierlens cannot check was left out: %2</numerusform>
            <numerusform>warning: %1: %n assertions of types Tierlens cannot check were left out: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>run %1: %n result(s) checked</source>
        <translation>
            <numerusform>run %1: %n result checked</numerusform>
            <numerusform>run %1: %n results checked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>settling %1 (look %2): %n prompt(s) for %3</source>
        <translation>
            <numerusform>settling %1 (look %2): %n prompt for %3</numerusform>
            <numerusform>settling %1 (look %2): %n prompts for %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>run %1 was judged already (judge run %2: %n call(s), %3); judging it again sends them all again and costs about as much: add --again to do so</source>
        <translation>
            <numerusform>run %1 was judged already (judge run %2: %n call, %3); judging it again sends it again and costs about as much: add --again to do so</numerusform>
            <numerusform>run %1 was judged already (judge run %2: %n calls, %3); judging it again sends them all again and costs about as much: add --again to do so</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>estimate: %n judge call(s), %1 to %2 before retries%3</source>
        <translation>
            <numerusform>estimate: %n judge call, %1 to %2 before retries%3</numerusform>
            <numerusform>estimate: %n judge calls, %1 to %2 before retries%3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n prompt(s) written to %1</source>
        <translation>
            <numerusform>%n prompt written to %1</numerusform>
            <numerusform>%n prompts written to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CostEstimator</name>
    <message numerus="yes">
        <source>measured: mean of %n earlier result(s)</source>
        <translation>
            <numerusform>measured: mean of %n earlier result</numerusform>
            <numerusform>measured: mean of %n earlier results</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PolicySettle</name>
    <message numerus="yes">
        <source>; %n were sent before</source>
        <translation>
            <numerusform>; %n was sent before</numerusform>
            <numerusform>; %n were sent before</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoutingPolicy</name>
    <message numerus="yes">
        <source>a policy chooses between models: the runs have %n</source>
        <translation>
            <numerusform>a policy chooses between models: the runs have %n model</numerusform>
            <numerusform>a policy chooses between models: the runs have %n models</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunReasons</name>
    <message numerus="yes">
        <source>%n failed item(s) of %1</source>
        <translation>
            <numerusform>%n failed item of %1</numerusform>
            <numerusform>%n failed items of %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Store</name>
    <message numerus="yes">
        <source>recording %n attempts of run %1</source>
        <translation>
            <numerusform>recording %n attempt of run %1</numerusform>
            <numerusform>recording %n attempts of run %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>recording the checks of %n result(s)</source>
        <translation>
            <numerusform>recording the checks of %n result</numerusform>
            <numerusform>recording the checks of %n results</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>recording %n judge verdict(s)</source>
        <translation>
            <numerusform>recording %n judge verdict</numerusform>
            <numerusform>recording %n judge verdicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>adding %n prompt(s) to prompt set %1</source>
        <translation>
            <numerusform>adding %n prompt to prompt set %1</numerusform>
            <numerusform>adding %n prompts to prompt set %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tierlens::AnswerPane</name>
    <message numerus="yes">
        <source>Reasoning (%n character(s))</source>
        <translation>
            <numerusform>Reasoning (%n character)</numerusform>
            <numerusform>Reasoning (%n characters)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Latency %1 ms · TTFT %2 ms · %n attempt(s) · cost %3</source>
        <translation>
            <numerusform>Latency %1 ms · TTFT %2 ms · %n attempt · cost %3</numerusform>
            <numerusform>Latency %1 ms · TTFT %2 ms · %n attempts · cost %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tierlens::DashboardPage</name>
    <message numerus="yes">
        <source>%n result(s) in %1 run(s), computed in %2 ms.</source>
        <translation>
            <numerusform>%n result in %1 run(s), computed in %2 ms.</numerusform>
            <numerusform>%n results in %1 run(s), computed in %2 ms.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tierlens::JudgeDialog</name>
    <message numerus="yes">
        <source>Run %1 was judged already (judge run %2: %n call(s), %3). Judging it again sends them all again and costs about as much.</source>
        <translation>
            <numerusform>Run %1 was judged already (judge run %2: %n call, %3). Judging it again sends them all again and costs about as much.</numerusform>
            <numerusform>Run %1 was judged already (judge run %2: %n calls, %3). Judging it again sends them all again and costs about as much.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tierlens::PolicyPage</name>
    <message numerus="yes">
        <source>Settling: run %1 sends %n prompt(s) of %2 to the policy&apos;s models.</source>
        <translation>
            <numerusform>Settling: run %1 sends %n prompt of %2 to the policy&apos;s models.</numerusform>
            <numerusform>Settling: run %1 sends %n prompts of %2 to the policy&apos;s models.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tierlens::PolicyRoutesModel</name>
    <message numerus="yes">
        <source>%1: %2% of %n prompt(s), %3</source>
        <translation>
            <numerusform>%1: %2% of %n prompt, %3</numerusform>
            <numerusform>%1: %2% of %n prompts, %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tierlens::PromptSetsPage</name>
    <message numerus="yes">
        <source>%1
%n prompt(s) · %2</source>
        <translation>
            <numerusform>%1
%n prompt · %2</numerusform>
            <numerusform>%1
%n prompts · %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tierlens::PromptTableModel</name>
    <message numerus="yes">
        <source>(%n message(s))</source>
        <translation>
            <numerusform>(%n message)</numerusform>
            <numerusform>(%n messages)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tierlens::RunPage</name>
    <message numerus="yes">
        <source>%1 (%n prompt(s))</source>
        <translation>
            <numerusform>%1 (%n prompt)</numerusform>
            <numerusform>%1 (%n prompts)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Run %1 cost %2&lt;/b&gt; (%n result(s)); estimated before it: %3.</source>
        <translation>
            <numerusform>&lt;b&gt;Run %1 cost %2&lt;/b&gt; (%n result); estimated before it: %3.</numerusform>
            <numerusform>&lt;b&gt;Run %1 cost %2&lt;/b&gt; (%n results); estimated before it: %3.</numerusform>
        </translation>
    </message>
</context>
</TS>
