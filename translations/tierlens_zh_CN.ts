<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Agreement</name>
    <message>
        <source>undefined</source>
        <translation>无法确定</translation>
    </message>
    <message>
        <source>poor agreement</source>
        <translation>一致性差</translation>
    </message>
    <message>
        <source>slight agreement</source>
        <translation>轻微一致</translation>
    </message>
    <message>
        <source>fair agreement</source>
        <translation>一般一致</translation>
    </message>
    <message>
        <source>moderate agreement</source>
        <translation>中等一致</translation>
    </message>
    <message>
        <source>substantial agreement</source>
        <translation>高度一致</translation>
    </message>
    <message>
        <source>almost perfect agreement</source>
        <translation>几乎完全一致</translation>
    </message>
</context>
<context>
    <name>Assertion</name>
    <message>
        <source>expected an object like {&quot;type&quot;: &quot;contains&quot;, &quot;value&quot;: &quot;...&quot;}</source>
        <translation>应为形如 {&quot;type&quot;: &quot;contains&quot;, &quot;value&quot;: &quot;...&quot;} 的对象</translation>
    </message>
    <message>
        <source>unknown assertion type &quot;%1&quot;</source>
        <translation>未知的断言类型 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>expected a number of 0 or more</source>
        <translation>应为大于或等于 0 的数</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a string value</source>
        <translation>&quot;%1&quot; 需要一个字符串值</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a non-empty list of strings</source>
        <translation>&quot;%1&quot; 需要一个非空的字符串列表</translation>
    </message>
    <message>
        <source>not a valid regular expression: %1</source>
        <translation>不是有效的正则表达式：%1</translation>
    </message>
    <message>
        <source>&quot;json-schema&quot; needs a schema object</source>
        <translation>&quot;json-schema&quot; 需要一个 schema 对象</translation>
    </message>
    <message>
        <source>&quot;tool-call&quot; takes the expected function name, or {&quot;name&quot;: ...}</source>
        <translation>&quot;tool-call&quot; 的值应为期望的函数名，或 {&quot;name&quot;: ...}</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a number of 0 or more</source>
        <translation>&quot;%1&quot; 需要一个大于或等于 0 的数</translation>
    </message>
    <message>
        <source>&quot;finish-reason&quot; needs a string such as &quot;stop&quot;</source>
        <translation>&quot;finish-reason&quot; 需要一个字符串，例如 &quot;stop&quot;</translation>
    </message>
    <message>
        <source>&quot;llm-rubric&quot; needs the rubric as text</source>
        <translation>&quot;llm-rubric&quot; 需要以文本形式给出评分标准</translation>
    </message>
    <message>
        <source>expected a number</source>
        <translation>需要一个数字</translation>
    </message>
    <message>
        <source>the judge grades the answer as given: &quot;llm-rubric&quot; takes no transform</source>
        <translation>评审按模型给出的原样评分回答：&quot;llm-rubric&quot; 不接受 transform</translation>
    </message>
    <message>
        <source>expected the number of a conversation&apos;s turn, from 1</source>
        <translation>需要对话中某一轮的序号，从 1 开始</translation>
    </message>
</context>
<context>
    <name>AssertionEvaluator</name>
    <message>
        <source>the answer is empty</source>
        <translation>回答为空</translation>
    </message>
    <message>
        <source>not JSON: %1 near character %2</source>
        <translation>不是 JSON：%1（位于第 %2 个字符附近）</translation>
    </message>
    <message>
        <source>waiting for the judge</source>
        <translation>正在等待评审模型</translation>
    </message>
    <message>
        <source>no answer: %1 (%2)</source>
        <translation>没有回答：%1（%2）</translation>
    </message>
    <message>
        <source>not: %1</source>
        <translation>取反：%1</translation>
    </message>
    <message>
        <source>equals the expected text</source>
        <translation>与期望文本一致</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not &quot;%2&quot;</source>
        <translation>&quot;%1&quot; 不等于 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>contains &quot;%1&quot;</source>
        <translation>包含 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>does not contain &quot;%1&quot;</source>
        <translation>不包含 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>contains none of %1</source>
        <translation>不包含 %1 中的任何一项</translation>
    </message>
    <message numerus="yes">
        <source>contains all %n value(s)</source>
        <translation>
            <numerusform>包含全部 %n 个值</numerusform>
        </translation>
    </message>
    <message>
        <source>missing %1</source>
        <translation>缺少 %1</translation>
    </message>
    <message>
        <source>matches /%1/</source>
        <translation>匹配 /%1/</translation>
    </message>
    <message>
        <source>does not match /%1/</source>
        <translation>不匹配 /%1/</translation>
    </message>
    <message>
        <source>starts with &quot;%1&quot;</source>
        <translation>以 &quot;%1&quot; 开头</translation>
    </message>
    <message>
        <source>starts with &quot;%1&quot; instead</source>
        <translation>实际以 &quot;%1&quot; 开头</translation>
    </message>
    <message>
        <source>valid JSON</source>
        <translation>是有效的 JSON</translation>
    </message>
    <message>
        <source>the answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>latency unknown</source>
        <translation>延迟未知</translation>
    </message>
    <message>
        <source>latency %1 ms, limit %2 ms</source>
        <translation>延迟 %1 ms，上限 %2 ms</translation>
    </message>
    <message>
        <source>cost unknown: the provider reported no usage</source>
        <translation>费用未知：服务商未返回用量（usage）</translation>
    </message>
    <message>
        <source>cost $%1, limit $%2</source>
        <translation>费用 $%1，上限 $%2</translation>
    </message>
    <message>
        <source>output tokens unknown: the provider reported no usage</source>
        <translation>输出 token 数未知：服务商未返回用量（usage）</translation>
    </message>
    <message>
        <source>%1 output tokens, limit %2</source>
        <translation>输出 %1 个 token，上限 %2</translation>
    </message>
    <message>
        <source>finish reason &quot;%1&quot;, expected &quot;%2&quot;</source>
        <translation>结束原因为 &quot;%1&quot;，期望 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>unknown assertion type &quot;%1&quot;</source>
        <translation>未知的断言类型 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the schema itself is invalid: %1</source>
        <translation>schema 本身无效：%1</translation>
    </message>
    <message>
        <source>%1 matches the schema</source>
        <translation>%1 符合 schema</translation>
    </message>
    <message>
        <source>%1 does not match the schema: %2</source>
        <translation>%1 不符合 schema：%2</translation>
    </message>
    <message>
        <source>no tool was called</source>
        <translation>没有调用任何工具</translation>
    </message>
    <message>
        <source>the arguments of %1 are not a JSON object: %2</source>
        <translation>%1 的参数不是 JSON 对象：%2</translation>
    </message>
    <message>
        <source>the arguments of %1</source>
        <translation>%1 的参数</translation>
    </message>
    <message>
        <source>%1 was called with %2, expected %3</source>
        <translation>调用 %1 时传入了 %2，期望 %3</translation>
    </message>
    <message>
        <source>%1 called with valid arguments</source>
        <translation>%1 以有效参数被调用</translation>
    </message>
    <message>
        <source>%1 was not called (called: %2)</source>
        <translation>未调用 %1（实际调用：%2）</translation>
    </message>
    <message>
        <source>the test&apos;s transform failed: %1</source>
        <translation>测试的 transform 失败：%1</translation>
    </message>
    <message>
        <source>the test&apos;s transform returned nothing</source>
        <translation>测试的 transform 没有返回值</translation>
    </message>
    <message>
        <source>the transform failed: %1</source>
        <translation>transform 失败：%1</translation>
    </message>
    <message>
        <source>the transform returned nothing</source>
        <translation>transform 没有返回值</translation>
    </message>
    <message>
        <source>the JavaScript threw: %1</source>
        <translation>JavaScript 抛出异常：%1</translation>
    </message>
    <message>
        <source>the transformed answer: %1</source>
        <translation>变换后的回答：%1</translation>
    </message>
</context>
<context>
    <name>ChartFactory</name>
    <message>
        <source>%1: nothing to show for these filters</source>
        <translation>%1：在这些筛选条件下没有可显示的内容</translation>
    </message>
    <message>
        <source>%1 (no data: %2)</source>
        <translation>%1（无数据：%2）</translation>
    </message>
</context>
<context>
    <name>ChatResponseParser</name>
    <message>
        <source>(no message)</source>
        <translation>（无消息）</translation>
    </message>
    <message>
        <source>the response body is empty (%1 bytes of whitespace)</source>
        <translation>响应体为空（仅有 %1 字节空白）</translation>
    </message>
    <message>
        <source>invalid JSON near byte %1 of the response body: %2</source>
        <translation>响应体第 %1 字节附近的 JSON 无效：%2</translation>
    </message>
    <message>
        <source>the response body is a JSON array, not an object</source>
        <translation>响应体是 JSON 数组，而不是对象</translation>
    </message>
    <message>
        <source>the response body has no &quot;choices&quot; array</source>
        <translation>响应体中没有 &quot;choices&quot; 数组</translation>
    </message>
    <message>
        <source>the response body&apos;s &quot;choices&quot; array is empty</source>
        <translation>响应体中的 &quot;choices&quot; 数组为空</translation>
    </message>
    <message>
        <source>choices[0] of the response body has no &quot;message&quot; object</source>
        <translation>响应体的 choices[0] 中没有 &quot;message&quot; 对象</translation>
    </message>
    <message>
        <source>choices[0].message.%1 is not a string</source>
        <translation>choices[0].message.%1 不是字符串</translation>
    </message>
    <message>
        <source>choices[0].message.tool_calls is not an array</source>
        <translation>choices[0].message.tool_calls 不是数组</translation>
    </message>
    <message>
        <source>HTTP %1 with an empty body</source>
        <translation>HTTP %1，响应体为空</translation>
    </message>
</context>
<context>
    <name>ChatStreamAssembler</name>
    <message>
        <source>SSE event %1: %2 (payload starts: %3)</source>
        <translation>SSE 事件 %1：%2（负载开头：%3）</translation>
    </message>
    <message>
        <source>error event in the stream: %1</source>
        <translation>流中出现错误事件：%1</translation>
    </message>
    <message>
        <source>invalid JSON (%1)</source>
        <translation>JSON 无效（%1）</translation>
    </message>
    <message>
        <source>the payload is not a JSON object</source>
        <translation>负载不是 JSON 对象</translation>
    </message>
    <message>
        <source>a chunk with neither &quot;choices&quot; nor &quot;usage&quot;</source>
        <translation>数据块中既没有 &quot;choices&quot; 也没有 &quot;usage&quot;</translation>
    </message>
    <message>
        <source>&quot;choices&quot; is not an array</source>
        <translation>&quot;choices&quot; 不是数组</translation>
    </message>
    <message>
        <source>a choice is not an object</source>
        <translation>某个 choice 不是对象</translation>
    </message>
    <message>
        <source>choices[].index is not an integer</source>
        <translation>choices[].index 不是整数</translation>
    </message>
    <message>
        <source>choices[0].finish_reason is not a string</source>
        <translation>choices[0].finish_reason 不是字符串</translation>
    </message>
    <message>
        <source>choices[0].delta is not an object</source>
        <translation>choices[0].delta 不是对象</translation>
    </message>
    <message>
        <source>choices[0].delta.reasoning_content is not a string</source>
        <translation>choices[0].delta.reasoning_content 不是字符串</translation>
    </message>
    <message>
        <source>choices[0].delta.content is not a string</source>
        <translation>choices[0].delta.content 不是字符串</translation>
    </message>
    <message>
        <source>choices[0].delta.tool_calls is not an array</source>
        <translation>choices[0].delta.tool_calls 不是数组</translation>
    </message>
    <message>
        <source>a tool-call piece is not an object with an integer index</source>
        <translation>某个工具调用片段不是带整数 index 的对象</translation>
    </message>
    <message>
        <source>the stream ended in the middle of an event, without data: [DONE], after %1 events</source>
        <translation>流在某个事件中途结束，没有收到 data: [DONE]，此前共 %1 个事件</translation>
    </message>
    <message>
        <source>the stream ended without data: [DONE] after %1 events</source>
        <translation>流在 %1 个事件后结束，没有收到 data: [DONE]</translation>
    </message>
</context>
<context>
    <name>CliCommands</name>
    <message>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>--%1 %2: expected LABEL=VALUE with LABEL one of %3</source>
        <translation>--%1 %2：应为 标签=值，其中标签为 %3 之一</translation>
    </message>
    <message>
        <source>--%1 expects a positive whole number, not &quot;%2&quot;</source>
        <translation>--%1 需要一个正整数，而不是 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>expected one RUN_ID (see &apos;tierlens-cli runs&apos;)</source>
        <translation>需要一个 运行ID（参见 &apos;tierlens-cli runs&apos;）</translation>
    </message>
    <message>
        <source>A model under test, repeatable.</source>
        <translation>一个被测模型，可重复指定。</translation>
    </message>
    <message>
        <source>LABEL=BASE_URL#MODEL_ID</source>
        <translation>标签=BASE_URL#模型ID</translation>
    </message>
    <message>
        <source>In-flight cap of a model (default: its limit in the price book).</source>
        <translation>某个模型同时进行中请求数的上限（默认：价格表中该模型的限制）。</translation>
    </message>
    <message>
        <source>LABEL=N</source>
        <translation>标签=N</translation>
    </message>
    <message>
        <source>Send every prompt K times to every model.</source>
        <translation>将每条提示词向每个模型各发送 K 次。</translation>
    </message>
    <message>
        <source>K</source>
        <translation>K</translation>
    </message>
    <message>
        <source>Stream answers (the default).</source>
        <translation>以流式方式接收回答（默认）。</translation>
    </message>
    <message>
        <source>Ask for whole answers instead of streams.</source>
        <translation>请求完整回答，而不是流式回答。</translation>
    </message>
    <message>
        <source>Attempts per item, the first included.</source>
        <translation>每个条目的尝试次数（含首次）。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Environment variable holding a model&apos;s API key (default DEEPSEEK_API_KEY).</source>
        <translation>保存某个模型 API 密钥的环境变量（默认 DEEPSEEK_API_KEY）。</translation>
    </message>
    <message>
        <source>LABEL=VAR</source>
        <translation>标签=变量名</translation>
    </message>
    <message>
        <source>Price book to bill a model with (default: from its base URL).</source>
        <translation>为某个模型计费所用的价格表（默认：根据其 base URL 推断）。</translation>
    </message>
    <message>
        <source>LABEL=NAME</source>
        <translation>标签=名称</translation>
    </message>
    <message>
        <source>Thinking mode of a model: on or off.</source>
        <translation>某个模型的思考模式：on 或 off。</translation>
    </message>
    <message>
        <source>LABEL=on|off</source>
        <translation>标签=on|off</translation>
    </message>
    <message>
        <source>Reasoning effort of a model: high or max.</source>
        <translation>某个模型的推理强度：high 或 max。</translation>
    </message>
    <message>
        <source>LABEL=EFFORT</source>
        <translation>标签=推理强度</translation>
    </message>
    <message>
        <source>max_tokens of a model.</source>
        <translation>某个模型的 max_tokens。</translation>
    </message>
    <message>
        <source>Time limit of one attempt.</source>
        <translation>单次尝试的时间上限。</translation>
    </message>
    <message>
        <source>MS</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>First retry delay, doubled per attempt.</source>
        <translation>首次重试的延迟，之后每次尝试翻倍。</translation>
    </message>
    <message>
        <source>Write the run&apos;s JSON summary to FILE (- for stdout).</source>
        <translation>将本次运行的 JSON 摘要写入文件（- 表示标准输出）。</translation>
    </message>
    <message>
        <source>Continue an interrupted or cancelled run.</source>
        <translation>继续一次被中断或被取消的运行。</translation>
    </message>
    <message>
        <source>RUN_ID</source>
        <translation>运行ID</translation>
    </message>
    <message>
        <source>Folder of price books that override the bundled ones.</source>
        <translation>存放价格表的文件夹，其中的价格表会覆盖内置价格表。</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>No progress line.</source>
        <translation>不显示进度行。</translation>
    </message>
    <message>
        <source>Send a prompt set to every model and record every attempt.</source>
        <translation>将提示词集发送给每个模型，并记录每一次尝试。</translation>
    </message>
    <message>
        <source>--resume expects a run id, not &quot;%1&quot;</source>
        <translation>--resume 需要一个运行 ID，而不是 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>--resume continues a run as it was configured: leave out --prompts and --model</source>
        <translation>--resume 会按原有配置继续运行：请不要同时指定 --prompts 和 --model</translation>
    </message>
    <message>
        <source>--prompts FILE is required (or --resume RUN_ID)</source>
        <translation>必须指定 --prompts 文件（或 --resume 运行ID）</translation>
    </message>
    <message>
        <source>at least one --model LABEL=BASE_URL#MODEL_ID is required</source>
        <translation>至少需要一个 --model 标签=BASE_URL#模型ID</translation>
    </message>
    <message>
        <source>not a positive whole number</source>
        <translation>不是正整数</translation>
    </message>
    <message>
        <source>expected on or off</source>
        <translation>应为 on 或 off</translation>
    </message>
    <message>
        <source>expected a whole number from 1 to 393216</source>
        <translation>应为 1 到 393216 之间的整数</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>run %1 %2; continue it with --resume %1</source>
        <translation>运行 %1 状态为 %2；可使用 --resume %1 继续</translation>
    </message>
    <message>
        <source>run %1 %2: %3</source>
        <translation>运行 %1 状态为 %2：%3</translation>
    </message>
    <message>
        <source>run %1 completed</source>
        <translation>运行 %1 已完成</translation>
    </message>
    <message>
        <source>List the runs in a database, newest first, one a line, its id first.</source>
        <translation>列出数据库中的运行，最新的在前，每行一个，行首为运行 ID。</translation>
    </message>
    <message>
        <source>%1 results</source>
        <translation>%1 条结果</translation>
    </message>
    <message>
        <source>The run to report on.</source>
        <translation>要生成报告的运行。</translation>
    </message>
    <message>
        <source>The run to export.</source>
        <translation>要导出的运行。</translation>
    </message>
    <message>
        <source>csv or jsonl.</source>
        <translation>csv 或 jsonl。</translation>
    </message>
    <message>
        <source>FORMAT</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Write to FILE instead of stdout.</source>
        <translation>写入文件，而不是标准输出。</translation>
    </message>
    <message>
        <source>Write a run&apos;s results, one line per item with its final attempt.</source>
        <translation>导出某次运行的结果，每个条目一行，取其最后一次尝试。</translation>
    </message>
    <message>
        <source>--format expects csv or jsonl, not &quot;%1&quot;</source>
        <translation>--format 只接受 csv 或 jsonl，而不是 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>cannot write to standard output</source>
        <translation>无法写入标准输出</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message numerus="yes">
        <source>warning: %1: %n assertion(s) of types Tierlens cannot check were left out: %2</source>
        <translation>
            <numerusform>警告：%1：%n 条 Tierlens 无法检查的类型的断言已略去：%2</numerusform>
        </translation>
    </message>
    <message>
        <source>Prompt set to send: JSONL, CSV, a promptfoo configuration (YAML) or OpenAI Evals JSONL.</source>
        <translation>要发送的提示词集：JSONL、CSV、promptfoo 配置（YAML）或 OpenAI Evals JSONL。</translation>
    </message>
    <message>
        <source>Take the assertions from this prompt set file (matched by prompt id) first.</source>
        <translation>先从此提示词集文件中读取断言（按提示 id 匹配）。</translation>
    </message>
    <message>
        <source>The run whose results to check.</source>
        <translation>要检查其结果的运行。</translation>
    </message>
    <message>
        <source>Check a run&apos;s stored results again, without calling the models.</source>
        <translation>重新检查运行已存储的结果，不再调用模型。</translation>
    </message>
    <message numerus="yes">
        <source>run %1: %n result(s) checked</source>
        <translation>
            <numerusform>运行 %1：已检查 %n 个结果</numerusform>
        </translation>
    </message>
    <message>
        <source>Judge with this model of the run (default: the one whose id names &quot;pro&quot;, else the last).</source>
        <translation>用运行中的此模型担任评审（默认：id 含 &quot;pro&quot; 的模型，否则为最后一个）。</translation>
    </message>
    <message>
        <source>LABEL</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Judge with a model outside the run.</source>
        <translation>用运行之外的模型担任评审。</translation>
    </message>
    <message>
        <source>BASE_URL#MODEL_ID</source>
        <translation>基础URL#模型ID</translation>
    </message>
    <message>
        <source>Environment variable holding the judge&apos;s API key (with --judge-model).</source>
        <translation>保存评审模型 API 密钥的环境变量（与 --judge-model 一起使用）。</translation>
    </message>
    <message>
        <source>VAR</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>Price book to bill the judge with.</source>
        <translation>为评审计费所用的价格表。</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Skip the pairwise comparisons.</source>
        <translation>跳过成对比较。</translation>
    </message>
    <message>
        <source>Skip the llm-rubric gradings.</source>
        <translation>跳过 llm-rubric 评分。</translation>
    </message>
    <message>
        <source>In-flight cap of the judge (default: its limit in the price book).</source>
        <translation>评审的并发上限（默认：价格表中的限制）。</translation>
    </message>
    <message>
        <source>Attempts per judge call, the first included.</source>
        <translation>每次评审调用的尝试次数（含第一次）。</translation>
    </message>
    <message>
        <source>The shadow run to judge.</source>
        <translation>要评审的影子运行。</translation>
    </message>
    <message>
        <source>Ask a judge model to compare the run&apos;s answers pairwise (both orders) and to grade them against the prompts&apos; llm-rubric assertions.</source>
        <translation>请评审模型成对比较运行的回答（两种顺序各问一次），并按提示中的 llm-rubric 断言为回答评分。</translation>
    </message>
    <message>
        <source>give --judge or --judge-model, not both</source>
        <translation>请给出 --judge 或 --judge-model，不要同时给出</translation>
    </message>
    <message>
        <source>--judge-model %1: expected BASE_URL#MODEL_ID</source>
        <translation>--judge-model %1：应为 基础URL#模型ID</translation>
    </message>
    <message>
        <source>pairwise: %1 pairs decided: %2 wins %3, %4 wins %5, %6 ties; %7 undecided</source>
        <translation>成对比较：已判定 %1 对：%2 胜 %3 次，%4 胜 %5 次，平局 %6 次；未判定 %7 对</translation>
    </message>
    <message>
        <source>rubric: %1 answers scored, %2 unreadable</source>
        <translation>评分标准：已评分 %1 个回答，%2 个无法读取</translation>
    </message>
    <message>
        <source>judge run %1 completed</source>
        <translation>评审运行 %1 已完成</translation>
    </message>
    <message>
        <source>continuing judge run %1 as it was set up (--again starts a new one)</source>
        <translation>按原设置继续评审运行 %1（--again 开始新的运行）</translation>
    </message>
    <message>
        <source>judge run %1 %2%3; run &apos;tierlens-cli judge %4&apos; again to continue it</source>
        <translation>评审运行 %1 状态为 %2%3；再次运行 &apos;tierlens-cli judge %4&apos; 以继续</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>Confidence level of the comparison (default 0.95).</source>
        <translation>比较的置信水平（默认 0.95）。</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>Quality sources in order of precedence (default human,assertions,judge).</source>
        <translation>按优先顺序排列的质量来源（默认 human,assertions,judge）。</translation>
    </message>
    <message>
        <source>LIST</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>Write to FILE (default: stdout).</source>
        <translation>写入文件（默认：标准输出）。</translation>
    </message>
    <message>
        <source>The shadow run to derive the policy from.</source>
        <translation>用于推导策略的影子运行。</translation>
    </message>
    <message>
        <source>cannot write the summary: %1</source>
        <translation>无法写入摘要：%1</translation>
    </message>
    <message>
        <source>json (the Tierlens policy file, default) or litellm (a LiteLLM proxy config.yaml).</source>
        <translation>json（Tierlens 策略文件，默认）或 litellm（LiteLLM 代理的 config.yaml）。</translation>
    </message>
    <message>
        <source>Route CATEGORY to MODEL by hand (kept and marked as an override); repeatable.</source>
        <translation>手动将某个类别路由到某个模型（保留并标记为手动覆盖）；可重复指定。</translation>
    </message>
    <message>
        <source>CATEGORY=MODEL</source>
        <translation>类别=模型</translation>
    </message>
    <message>
        <source>--format takes json or litellm, not &quot;%1&quot;</source>
        <translation>--format 只接受 json 或 litellm，而不是 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>--override %1: expected CATEGORY=MODEL</source>
        <translation>--override %1：应为 类别=模型</translation>
    </message>
    <message>
        <source>--override %1=%2: the category must be one of %3 and the model one of %4</source>
        <translation>--override %1=%2：类别必须是 %3 之一，模型必须是 %4 之一</translation>
    </message>
    <message>
        <source>The older policy file (JSON).</source>
        <translation>较旧的策略文件（JSON）。</translation>
    </message>
    <message>
        <source>The newer policy file (JSON).</source>
        <translation>较新的策略文件（JSON）。</translation>
    </message>
    <message>
        <source>Show what changed between two policy files: routes, categories, default model, settings, models, escalation rules. Exit code 0 when they route the same way, 1 when they differ.</source>
        <translation>显示两个策略文件之间的变化：路由、类别、默认模型、设置、模型、升级规则。两者路由方式相同时退出码为 0，不同时为 1。</translation>
    </message>
    <message>
        <source>expected two policy files: BEFORE AFTER</source>
        <translation>需要两个策略文件：旧文件 新文件</translation>
    </message>
    <message>
        <source>The policy file (JSON) to replay.</source>
        <translation>要重放的策略文件（JSON）。</translation>
    </message>
    <message>
        <source>Requests per day in CATEGORY, for the monthly cost; repeatable.</source>
        <translation>某个类别的每日请求数，用于计算月度费用；可重复指定。</translation>
    </message>
    <message>
        <source>CATEGORY=REQ_PER_DAY</source>
        <translation>类别=每日请求数</translation>
    </message>
    <message>
        <source>Days in a month (default 30.4).</source>
        <translation>每月天数（默认 30.4）。</translation>
    </message>
    <message>
        <source>DAYS</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>text (default) or json.</source>
        <translation>text（默认）或 json。</translation>
    </message>
    <message>
        <source>The shadow run whose results are replayed.</source>
        <translation>要重放其结果的影子运行。</translation>
    </message>
    <message>
        <source>Replay a run&apos;s recorded results under a policy and each model alone: quality, cost, and the monthly cost of a traffic mix.</source>
        <translation>按策略以及单独使用每个模型的方式重放运行已记录的结果：质量、费用，以及某种流量构成下的月度费用。</translation>
    </message>
    <message>
        <source>--format takes text or json, not &quot;%1&quot;</source>
        <translation>--format 只接受 text 或 json，而不是 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>--policy FILE is required</source>
        <translation>必须指定 --policy 文件</translation>
    </message>
    <message>
        <source>--days-per-month takes a number above 0, not &quot;%1&quot;</source>
        <translation>--days-per-month 需要一个大于 0 的数，而不是 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>--traffic %1: expected CATEGORY=REQ_PER_DAY with a number of 0 or more</source>
        <translation>--traffic %1：应为 类别=每日请求数，且请求数大于或等于 0</translation>
    </message>
    <message>
        <source>text, json or html (default: text).</source>
        <translation>text、json 或 html（默认：text）。</translation>
    </message>
    <message>
        <source>IDS</source>
        <translation>ID列表</translation>
    </message>
    <message>
        <source>Only this prompt category (repeat for several).</source>
        <translation>只统计此提示词类别（可重复指定多个）。</translation>
    </message>
    <message>
        <source>Where an item&apos;s pass/fail comes from, first that has a verdict wins (default: human,assertions,judge).</source>
        <translation>条目通过/失败的判定来源，按顺序取第一个有判定的来源（默认：human,assertions,judge）。</translation>
    </message>
    <message>
        <source>SOURCES</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Confidence of the intervals (default 0.95).</source>
        <translation>区间的置信水平（默认 0.95）。</translation>
    </message>
    <message>
        <source>Print a run&apos;s report: per model and per category, with intervals and paired tests.</source>
        <translation>打印某次运行的报告：按模型和按类别统计，附置信区间和配对检验。</translation>
    </message>
    <message>
        <source>--format expects text, json or html, not &quot;%1&quot;</source>
        <translation>--format 只接受 text、json 或 html，而不是 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>--confidence expects a number between 0 and 1, not &quot;%1&quot;</source>
        <translation>--confidence 需要一个介于 0 和 1 之间的数，而不是 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the HTML report needs the charts&apos; QApplication</source>
        <translation>HTML 报告需要图表所用的 QApplication</translation>
    </message>
    <message>
        <source>refusing to send an API key unencrypted: use https://, or pass --allow-insecure-http to send it anyway</source>
        <translation>拒绝以未加密方式发送 API 密钥：请使用 https://，或传入 --allow-insecure-http 以仍然发送</translation>
    </message>
    <message>
        <source>warning: sending it anyway (--allow-insecure-http)</source>
        <translation>警告：仍然发送（--allow-insecure-http）</translation>
    </message>
    <message>
        <source>Send API keys over plain http:// to a host that is not this machine (refused otherwise).</source>
        <translation>通过明文 http:// 向非本机的主机发送 API 密钥（否则拒绝发送）。</translation>
    </message>
    <message>
        <source>Send the judge&apos;s API key over plain http:// to a host that is not this machine.</source>
        <translation>通过明文 http:// 向非本机的主机发送评审模型的 API 密钥。</translation>
    </message>
    <message>
        <source>The database: a SQLite file (default: %1) or postgresql://USER@HOST:PORT/DATABASE, the password in PGPASSWORD or ~/.pgpass.</source>
        <translation>数据库：SQLite 文件（默认：%1）或 postgresql://USER@HOST:PORT/DATABASE，密码放在 PGPASSWORD 或 ~/.pgpass 中。</translation>
    </message>
    <message>
        <source>FILE|URL</source>
        <translation>文件|URL</translation>
    </message>
    <message>
        <source>The history to copy: sqlite:FILE (or a path) or a PostgreSQL URL.</source>
        <translation>要复制的历史记录：sqlite:FILE（或一个路径）或 PostgreSQL URL。</translation>
    </message>
    <message>
        <source>LOCATION</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>The database to copy into, e.g. postgresql://USER@HOST:PORT/DATABASE (it must exist; its tables are created or brought up to date).</source>
        <translation>要复制到的数据库，例如 postgresql://USER@HOST:PORT/DATABASE（该数据库必须已存在；其中的表会被创建或更新到最新结构）。</translation>
    </message>
    <message>
        <source>Copy only this run (with the runs it judged or that judged it); repeatable.</source>
        <translation>只复制此运行（连同它所评审的运行或评审它的运行）；可重复指定。</translation>
    </message>
    <message>
        <source>Copy the runs of one history into another, e.g. a personal SQLite file into the team&apos;s PostgreSQL database: prompt sets (reused by name and content hash), runs, attempts, results, checks, ratings and judge verdicts, under new ids. Runs the target already holds are left alone, so running it again copies only what is new.</source>
        <translation>将一份历史记录中的运行复制到另一份中，例如从个人的 SQLite 文件复制到团队的 PostgreSQL 数据库：包括提示词集（按名称和内容哈希复用）、运行、尝试、结果、检查、评分和评审结论，并分配新的 id。目标中已有的运行保持不变，因此再次执行只会复制新增的内容。</translation>
    </message>
    <message>
        <source>--from LOCATION and --to LOCATION are required</source>
        <translation>必须指定 --from 位置 和 --to 位置</translation>
    </message>
    <message>
        <source>--run expects a run id, not &quot;%1&quot;</source>
        <translation>--run 需要一个运行 ID，而不是 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>run %1: already there as run %2</source>
        <translation>运行 %1：目标中已存在，即运行 %2</translation>
    </message>
    <message>
        <source>run %1 -&gt; run %2</source>
        <translation>运行 %1 -&gt; 运行 %2</translation>
    </message>
    <message>
        <source>%1 run(s) copied, %2 already there</source>
        <translation>已复制 %1 个运行，%2 个已存在</translation>
    </message>
    <message>
        <source>HTTP version of a model: auto (HTTP/2 where https:// offers it and this libcurl multiplexes reliably, 8.1.0 or newer; HTTP/1.1 otherwise) or prior-knowledge (HTTP/2 on http:// from the first byte).</source>
        <translation>模型的 HTTP 版本：auto（https:// 提供 HTTP/2 且本机 libcurl 能可靠复用连接（8.1.0 或更新）时用 HTTP/2，否则用 HTTP/1.1）或 prior-knowledge（在 http:// 上从第一个字节起使用 HTTP/2）。</translation>
    </message>
    <message>
        <source>LABEL=auto|prior-knowledge</source>
        <translation>标签=auto|prior-knowledge</translation>
    </message>
    <message>
        <source>expected auto or prior-knowledge</source>
        <translation>应为 auto 或 prior-knowledge</translation>
    </message>
    <message>
        <source>Stop the run when a model&apos;s last N results failed the same way that no retry helps (a model id that does not exist, ...); 0 never stops (default 5). A refused key or an empty account stops it at once.</source>
        <translation>当某个模型最近 N 个结果都以同一种重试无济于事的方式失败时（例如模型 ID 不存在）停止运行；0 表示从不停止（默认 5）。密钥被拒或账户余额不足时立即停止。</translation>
    </message>
    <message>
        <source>--stop-after-errors expects a whole number, 0 or more, not &quot;%1&quot;</source>
        <translation>--stop-after-errors 需要一个大于或等于 0 的整数，而不是“%1”</translation>
    </message>
    <message>
        <source>run %1 completed, but %2 (tierlens-cli report %1 shows the errors)</source>
        <translation>运行 %1 已完成，但%2（tierlens-cli report %1 可查看这些错误）</translation>
    </message>
    <message>
        <source>%1: %2 of %3 items passed, %4% [%5, %6] over %7 prompts</source>
        <translation>%1：%3 个条目中通过 %2 个，%4% [%5, %6]，基于 %7 个提示词</translation>
    </message>
    <message>
        <source>%1: %2 more have no verdict yet (tierlens-cli judge %3, or rate them)</source>
        <translation>%1：还有 %2 个尚无判定（运行 tierlens-cli judge %3，或人工评分）</translation>
    </message>
    <message>
        <source>--runs: &quot;%1&quot; is not a run id</source>
        <translation>--runs：“%1”不是运行 ID</translation>
    </message>
    <message>
        <source>--runs: run %1 is a %2 run, run %3 a %4 run</source>
        <translation>--runs：运行 %1 是 %2 运行，运行 %3 是 %4 运行</translation>
    </message>
    <message>
        <source>, undecided</source>
        <translation>，未定</translation>
    </message>
    <message>
        <source>saves $%1 a request</source>
        <translation>每个请求节省 $%1</translation>
    </message>
    <message>
        <source>costs $%1 a request more</source>
        <translation>每个请求多花 $%1</translation>
    </message>
    <message>
        <source>cost difference unknown</source>
        <translation>费用差异未知</translation>
    </message>
    <message>
        <source>; against %1: pass rate %2 points [%3, %4], %5</source>
        <translation>；对比 %1：通过率差 %2 个百分点 [%3, %4]，%5</translation>
    </message>
    <message>
        <source>; about %1 more distinct prompts per model would settle it</source>
        <translation>；每个模型约再需 %1 个不同的提示词即可定论</translation>
    </message>
    <message>
        <source>; no answer has a verdict yet (assertions, the judge or ratings)</source>
        <translation>；尚无任何回答有判定（断言、评审或人工评分）</translation>
    </message>
    <message>
        <source>; no number of prompts settles it at this difference</source>
        <translation>；在此差异下，再多提示词也无法定论</translation>
    </message>
    <message>
        <source>default -&gt; %1 (%2)</source>
        <translation>默认 -&gt; %1（%2）</translation>
    </message>
    <message>
        <source>More shadow runs to derive from with RUN_ID, comma separated; a prompt sent in several counts once.</source>
        <translation>与 RUN_ID 一起用于推导的更多影子运行，以逗号分隔；在多个运行中发送的同一提示词只计一次。</translation>
    </message>
    <message>
        <source>cheaper-unless-worse (default: a pricier model only where it is shown better by more than the tolerance) or pricier-unless-good-enough (the cheapest model shown within the tolerance of the best, else the best).</source>
        <translation>cheaper-unless-worse（默认：仅当更贵的模型被证明好于容差以上时才用它）或 pricier-unless-good-enough（被证明与最佳模型相差在容差内的最便宜模型，否则用最佳模型）。</translation>
    </message>
    <message>
        <source>RULE</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>The pass-rate difference that matters (default 0.05).</source>
        <translation>有意义的通过率差异（默认 0.05）。</translation>
    </message>
    <message>
        <source>Distinct prompts with a verdict per model and category before a difference is trusted (default 30; repeats of a prompt count once).</source>
        <translation>在信任差异之前，每个模型和类别需要的有判定的不同提示词数（默认 30；同一提示词的重复只计一次）。</translation>
    </message>
    <message>
        <source>Derive a routing policy: per category, the model the rule chooses, with the evidence and what it trades.</source>
        <translation>推导路由策略：每个类别由规则选出的模型，附证据及其取舍。</translation>
    </message>
    <message>
        <source>--tolerance and --confidence take numbers, --min-prompts a whole number</source>
        <translation>--tolerance 和 --confidence 取数字，--min-prompts 取整数</translation>
    </message>
    <message>
        <source>--rule takes cheaper-unless-worse or pricier-unless-good-enough, not &quot;%1&quot;</source>
        <translation>--rule 取 cheaper-unless-worse 或 pricier-unless-good-enough，而不是“%1”</translation>
    </message>
    <message>
        <source>The policy file (JSON) to settle.</source>
        <translation>要定论的策略文件（JSON）。</translation>
    </message>
    <message>
        <source>More prompts: those in the policy&apos;s undecided categories that its runs did not send are sent to the same models.</source>
        <translation>更多提示词：其中属于策略未定类别、且其运行未发送过的提示词将发送给相同的模型。</translation>
    </message>
    <message>
        <source>Write the settled policy to FILE (default: over POLICY).</source>
        <translation>将定论后的策略写入 FILE（默认：覆盖 POLICY）。</translation>
    </message>
    <message>
        <source>Settle a policy: send the prompts of FILE that its undecided categories lack to the policy&apos;s models (once each), then derive the policy again from every run at the next look, so that looking again does not raise the error rate.</source>
        <translation>定论策略：将 FILE 中其未定类别所缺的提示词发送给策略的模型（每个一次），然后在下一次查看时从所有运行重新推导策略，使再次查看不会提高错误率。</translation>
    </message>
    <message>
        <source>expected one POLICY file</source>
        <translation>需要一个 POLICY 文件</translation>
    </message>
    <message numerus="yes">
        <source>settling %1 (look %2): %n prompt(s) for %3</source>
        <translation>
            <numerusform>正在定论 %1（第 %2 次查看）：为 %3 发送 %n 个提示词</numerusform>
        </translation>
    </message>
    <message>
        <source>More runs to replay with RUN_ID, comma separated.</source>
        <translation>与 RUN_ID 一起重放的更多运行，以逗号分隔。</translation>
    </message>
    <message>
        <source>More runs to pool with RUN_ID, comma separated (a prompt sent in several counts once); the trend follows them in time.</source>
        <translation>与 RUN_ID 合并的更多运行，以逗号分隔（在多个运行中发送的同一提示词只计一次）；趋势按时间排列。</translation>
    </message>
    <message>
        <source>A settle run sent already (one that was interrupted, then completed with run --resume RUN_ID): derive the policy with it, send nothing.</source>
        <translation>已发送的定论运行（中断后用 run --resume RUN_ID 完成的运行）：用它重新推导策略，不再发送任何请求。</translation>
    </message>
    <message>
        <source>give either --prompts FILE or --run RUN_ID</source>
        <translation>请给出 --prompts FILE 或 --run RUN_ID 之一</translation>
    </message>
    <message>
        <source>--run: &quot;%1&quot; is not a run id</source>
        <translation>--run：“%1”不是运行编号</translation>
    </message>
    <message>
        <source>run %1 is %2: complete it first (tierlens-cli run --resume %1)</source>
        <translation>运行 %1 的状态为 %2：请先完成它（tierlens-cli run --resume %1）</translation>
    </message>
    <message>
        <source>once run %1 is complete, settle with it: tierlens-cli settle %2 --run %1</source>
        <translation>运行 %1 完成后，用它定论：tierlens-cli settle %2 --run %1</translation>
    </message>
    <message>
        <source>Start a new judge run, paying for every call again, even if the run was judged already or an earlier judge run was interrupted.</source>
        <translation>开始新的评审运行（每次调用都会重新付费），即使该运行已评审过或先前的评审运行被中断。</translation>
    </message>
    <message numerus="yes">
        <source>run %1 was judged already (judge run %2: %n call(s), %3); judging it again sends them all again and costs about as much: add --again to do so</source>
        <translation>
            <numerusform>运行 %1 已评审过（评审运行 %2：%n 次调用，%3）；再次评审会重新发送全部调用，费用大致相同：如确需如此请加 --again</numerusform>
        </translation>
    </message>
    <message>
        <source>no cost reported</source>
        <translation>未报告费用</translation>
    </message>
    <message>
        <source>List the failed items and why each failed (every assertion&apos;s reason, the judge&apos;s, people&apos;s ratings) instead of the report.</source>
        <translation>列出失败的条目及各自失败的原因（每条断言的理由、评审的理由、人工评分），而不是输出报告。</translation>
    </message>
    <message>
        <source>With --failures: only this model (repeat for several).</source>
        <translation>与 --failures 一起使用：只看该模型（可重复指定多个）。</translation>
    </message>
    <message>
        <source>--failures lists the items of one run, as text</source>
        <translation>--failures 以文本列出单个运行的条目</translation>
    </message>
    <message>
        <source>--model %1: run %2 has no model of that label</source>
        <translation>--model %1：运行 %2 没有该标签的模型</translation>
    </message>
    <message>
        <source>--model goes with --failures</source>
        <translation>--model 需与 --failures 一起使用</translation>
    </message>
    <message numerus="yes">
        <source>estimate: %n judge call(s), %1 to %2 before retries%3</source>
        <translation>
            <numerusform>估算：%n 次评审调用，重试前 %1 至 %2%3</numerusform>
        </translation>
    </message>
    <message>
        <source>The run whose prompts to draw from.</source>
        <translation>要从中抽取提示的运行。</translation>
    </message>
    <message>
        <source>Prompts to draw from each category (a smaller category comes whole).</source>
        <translation>每个类别抽取的提示数(较小的类别全部取用)。</translation>
    </message>
    <message>
        <source>The prompt set file to write (JSONL).</source>
        <translation>要写入的提示集文件(JSONL)。</translation>
    </message>
    <message>
        <source>Another seed draws other prompts (default 1).</source>
        <translation>换一个种子会抽到其他提示(默认 1)。</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>Draw up to N prompts of each category from the prompts a run answered, the same ones for a seed, and write them as a prompt set file.</source>
        <translation>从运行已回答的提示中,每个类别最多抽取 N 个(同一种子抽到相同的提示),写成提示集文件。</translation>
    </message>
    <message>
        <source>--per-category is required</source>
        <translation>需要 --per-category</translation>
    </message>
    <message>
        <source>--seed expects a whole number, not &quot;%1&quot;</source>
        <translation>--seed 需要一个整数,而不是“%1”</translation>
    </message>
    <message>
        <source>--out is required</source>
        <translation>需要 --out</translation>
    </message>
    <message>
        <source>run %1 has no results to draw prompts from</source>
        <translation>运行 %1 没有可抽取提示的结果</translation>
    </message>
    <message>
        <source>%1, %2 a category from run %3</source>
        <translation>%1,每类 %2 个,取自运行 %3</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1:%3 个中的 %2 个</translation>
    </message>
    <message numerus="yes">
        <source>%n prompt(s) written to %1</source>
        <translation>
            <numerusform>已将 %n 个提示写入 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>--%1 %2: expected LABEL=BASE_URL#MODEL_ID</source>
        <translation>--%1 %2：应为 LABEL=BASE_URL#MODEL_ID</translation>
    </message>
    <message>
        <source>Address and port to listen on (default 127.0.0.1:8788; port 0: any free one).</source>
        <translation>监听的地址和端口（默认 127.0.0.1:8788；端口为 0 时使用任意空闲端口）。</translation>
    </message>
    <message>
        <source>ADDRESS:PORT</source>
        <translation>ADDRESS:PORT</translation>
    </message>
    <message>
        <source>The model the application uses today: its answers go back to the client, which keeps its own Authorization header for it.</source>
        <translation>应用程序目前使用的模型：它的回答返回给客户端，客户端发给它的请求仍使用客户端自己的 Authorization 请求头。</translation>
    </message>
    <message>
        <source>A candidate that gets a copy of the chat requests, repeatable.</source>
        <translation>接收聊天请求副本的候选模型，可重复指定。</translation>
    </message>
    <message>
        <source>Environment variable holding a candidate&apos;s API key (default DEEPSEEK_API_KEY).</source>
        <translation>保存某个候选模型 API 密钥的环境变量（默认 DEEPSEEK_API_KEY）。</translation>
    </message>
    <message>
        <source>Share of chat requests mirrored, 0 to 1 (default 1).</source>
        <translation>被镜像的聊天请求所占比例，0 到 1（默认 1）。</translation>
    </message>
    <message>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <source>Mirrors in flight to each candidate at most; a request beyond it is not mirrored (default 8).</source>
        <translation>每个候选模型同时进行中的镜像请求数上限；超出上限的请求不做镜像（默认 8）。</translation>
    </message>
    <message>
        <source>Stop mirroring once the candidates have cost this much.</source>
        <translation>候选模型的费用达到此金额后停止镜像。</translation>
    </message>
    <message>
        <source>USD</source>
        <translation>USD</translation>
    </message>
    <message>
        <source>Category of requests whose last user message matches REGEX (first match wins; the X-Tierlens-Category header overrides), repeatable.</source>
        <translation>最后一条用户消息匹配 REGEX 的请求归入的类别（以第一个匹配的规则为准；X-Tierlens-Category 请求头优先），可重复指定。</translation>
    </message>
    <message>
        <source>REGEX=CATEGORY</source>
        <translation>REGEX=CATEGORY</translation>
    </message>
    <message>
        <source>Mask what matches REGEX before anything is stored, repeatable.</source>
        <translation>在存储任何内容之前遮蔽匹配 REGEX 的内容，可重复指定。</translation>
    </message>
    <message>
        <source>REGEX</source>
        <translation>REGEX</translation>
    </message>
    <message>
        <source>Token clients must send in X-Tierlens-Token (required when listening beyond loopback).</source>
        <translation>客户端必须在 X-Tierlens-Token 中发送的令牌（监听非回环地址时必需）。</translation>
    </message>
    <message>
        <source>TOKEN</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Forward an application&apos;s requests to its model and mirror them to candidates, recording both in a live run. Ctrl-C ends the session.</source>
        <translation>将应用程序的请求转发给其模型，并镜像给候选模型，两者的回答都记录在一个实时运行中。按 Ctrl-C 结束会话。</translation>
    </message>
    <message>
        <source>--primary LABEL=BASE_URL#MODEL_ID is required</source>
        <translation>需要 --primary LABEL=BASE_URL#MODEL_ID</translation>
    </message>
    <message>
        <source>at least one --shadow LABEL=BASE_URL#MODEL_ID is required</source>
        <translation>至少需要一个 --shadow LABEL=BASE_URL#MODEL_ID</translation>
    </message>
    <message>
        <source>--sample expects a share from 0 to 1, not &quot;%1&quot;</source>
        <translation>--sample 需要一个 0 到 1 之间的比例，而不是 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>--max-shadow-usd expects an amount, not &quot;%1&quot;</source>
        <translation>--max-shadow-usd 需要一个金额，而不是 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>live run %1: %2</source>
        <translation>实时运行 %1：%2</translation>
    </message>
    <message>
        <source>live run %1 ended; compare it with: tierlens-cli report %1</source>
        <translation>实时运行 %1 已结束；可用以下命令查看比较结果：tierlens-cli report %1</translation>
    </message>
    <message>
        <source>%1: %2 sent, %3 answered, %4 failed, cost %5</source>
        <translation>%1：已发送 %2，已回答 %3，失败 %4，费用 %5</translation>
    </message>
    <message>
        <source>%1 requests (%2 chat completions), %3 mirrored; %4</source>
        <translation>%1 个请求（其中 %2 个聊天补全），已镜像 %3 个；%4</translation>
    </message>
    <message>
        <source>Time limit of one request in milliseconds (default 900000: 15 minutes).</source>
        <translation>单个请求的时间上限，单位为毫秒（默认 900000，即 15 分钟）。</translation>
    </message>
    <message>
        <source>--%1 %2: expected LABEL=VALUE, LABEL the label of --primary or of a --shadow model</source>
        <translation>--%1 %2：应为 LABEL=VALUE，其中 LABEL 为 --primary 或某个 --shadow 模型的标签</translation>
    </message>
    <message>
        <source>--%1 %2: expected LABEL=VALUE, LABEL the label of a --shadow model</source>
        <translation>--%1 %2：应为 LABEL=VALUE，其中 LABEL 为某个 --shadow 模型的标签</translation>
    </message>
    <message>
        <source>--listen: %1</source>
        <translation>--listen：%1</translation>
    </message>
</context>
<context>
    <name>CostEstimator</name>
    <message>
        <source>No price book to price %1 with.</source>
        <translation>没有可为 %1 计价的价格表。</translation>
    </message>
    <message>
        <source>%1 is not in the %2 price book.</source>
        <translation>%2 价格表中没有 %1。</translation>
    </message>
    <message>
        <source>No time to price %1 at.</source>
        <translation>没有可用于为 %1 计价的时间。</translation>
    </message>
    <message>
        <source>The %1 price book has no price for %2 at %3.</source>
        <translation>%1 价格表中没有 %2 在 %3 时的价格。</translation>
    </message>
    <message numerus="yes">
        <source>measured: mean of %n earlier result(s)</source>
        <translation>
            <numerusform>实测：此前 %n 个结果的平均值</numerusform>
        </translation>
    </message>
    <message>
        <source>partly a guess: some models have no earlier results</source>
        <translation>部分为估计：有些模型还没有此前的结果</translation>
    </message>
    <message>
        <source>guess: %1 tokens per request, nothing measured yet</source>
        <translation>估计：每个请求 %1 个 token，尚无实测数据</translation>
    </message>
</context>
<context>
    <name>CsvImporter</name>
    <message>
        <source>the file contains no prompts</source>
        <translation>文件中没有任何提示词</translation>
    </message>
    <message>
        <source>column %1 of the header has no name</source>
        <translation>表头第 %1 列没有名称</translation>
    </message>
    <message>
        <source>the header names this column twice</source>
        <translation>表头中此列名称重复</translation>
    </message>
    <message>
        <source>the header row needs a &quot;prompt&quot; column</source>
        <translation>表头行必须包含 &quot;prompt&quot; 列</translation>
    </message>
    <message>
        <source>the row has %1 fields but the header has %2</source>
        <translation>该行有 %1 个字段，但表头有 %2 个</translation>
    </message>
    <message>
        <source>empty: every row needs a prompt</source>
        <translation>为空：每一行都必须有提示词</translation>
    </message>
    <message>
        <source>invalid JSON at column %1: %2</source>
        <translation>第 %1 列处的 JSON 无效：%2</translation>
    </message>
    <message>
        <source>expected a JSON object of request fields</source>
        <translation>应为由请求字段组成的 JSON 对象</translation>
    </message>
    <message>
        <source>duplicate id &quot;%1&quot; (first used on line %2)</source>
        <translation>id &quot;%1&quot; 重复（首次出现在第 %2 行）</translation>
    </message>
    <message>
        <source>the file has a header but no prompts</source>
        <translation>文件只有表头，没有提示词</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is an assertion type Tierlens cannot check</source>
        <translation>“%1”是 Tierlens 无法检查的断言类型</translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <source>a quote inside an unquoted field (quote the whole field and write &quot;&quot; for a quote inside it)</source>
        <translation>未加引号的字段中出现了引号（请给整个字段加上引号，并将字段内的引号写作 &quot;&quot;）</translation>
    </message>
    <message>
        <source>unexpected text after a closing quote</source>
        <translation>右引号之后出现了多余的文本</translation>
    </message>
    <message>
        <source>unterminated quoted field (the quote opens on this line)</source>
        <translation>带引号的字段没有结束（左引号位于此行）</translation>
    </message>
</context>
<context>
    <name>CurlTransfer</name>
    <message>
        <source>%1 (after %2 bytes of the response)</source>
        <translation>%1（已收到 %2 字节响应之后）</translation>
    </message>
    <message>
        <source>cancelled before the answer was complete</source>
        <translation>在回答完成之前被取消</translation>
    </message>
    <message>
        <source>the answer is larger than %1 MiB, the limit of every answer; the transfer was stopped after %2 bytes</source>
        <translation>回答超过 %1 MiB，即每个回答的上限；传输在 %2 字节后被停止</translation>
    </message>
</context>
<context>
    <name>EvalStatistics</name>
    <message>
        <source>no run to analyse</source>
        <translation>没有可分析的运行</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
</context>
<context>
    <name>GettingStarted</name>
    <message>
        <source>&lt;ol&gt;&lt;li&gt;&lt;b&gt;Import&lt;/b&gt; a prompt set that looks like your traffic (&lt;i&gt;Prompt sets&lt;/i&gt;, Ctrl+I): Tierlens JSONL or CSV, a promptfoo configuration, OpenAI Evals samples or MT-Bench questions.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Run&lt;/b&gt; it against both models (&lt;i&gt;Run&lt;/i&gt;): base URL, model id and the variable that holds the key for each; the estimate says what it will cost before anything is sent.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Judge and rate&lt;/b&gt; (&lt;i&gt;Compare&lt;/i&gt;): read the answers side by side, blind if you like, rate with the keys (J/K, 1-5, P/F, A/D/S), or let an LLM judge do it with &lt;i&gt;Judge this run...&lt;/i&gt;&lt;/li&gt;&lt;li&gt;&lt;b&gt;Look&lt;/b&gt; at the figures (&lt;i&gt;Dashboard&lt;/i&gt;): pass rate with its interval, cost, latency and time to first token per model and category.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Decide&lt;/b&gt; (&lt;i&gt;Policy&lt;/i&gt;): the route per category, where the cheaper model is not shown worse; what it saves; what it would take to settle an undecided category.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Export&lt;/b&gt; the policy file or the LiteLLM configuration (&lt;i&gt;Policy&lt;/i&gt;), and the report (&lt;i&gt;History&lt;/i&gt;) for review.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;ol&gt;&lt;li&gt;&lt;b&gt;导入&lt;/b&gt;与实际流量相似的提示集（&lt;i&gt;提示集&lt;/i&gt;，Ctrl+I）：Tierlens JSONL 或 CSV、promptfoo 配置、OpenAI Evals 样本或 MT-Bench 问题。&lt;/li&gt;&lt;li&gt;对两个模型&lt;b&gt;运行&lt;/b&gt;（&lt;i&gt;运行&lt;/i&gt;）：各自的基础 URL、模型 ID 和存放密钥的变量；发送前的估算会告诉你费用。&lt;/li&gt;&lt;li&gt;&lt;b&gt;评审与评分&lt;/b&gt;（&lt;i&gt;比较&lt;/i&gt;）：并排阅读回答，可选盲评，用按键评分（J/K、1-5、P/F、A/D/S），或用&lt;i&gt;评审此运行...&lt;/i&gt;交给 LLM 评审。&lt;/li&gt;&lt;li&gt;&lt;b&gt;查看&lt;/b&gt;数据（&lt;i&gt;仪表板&lt;/i&gt;）：各模型和类别的通过率及其区间、费用、延迟和首 token 时间。&lt;/li&gt;&lt;li&gt;&lt;b&gt;决策&lt;/b&gt;（&lt;i&gt;策略&lt;/i&gt;）：每个类别的路由——在未证明更差时用更便宜的模型；能省多少；要确定未决类别还需要什么。&lt;/li&gt;&lt;li&gt;&lt;b&gt;导出&lt;/b&gt;策略文件或 LiteLLM 配置（&lt;i&gt;策略&lt;/i&gt;），以及供审阅的报告（&lt;i&gt;历史&lt;/i&gt;）。&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
</context>
<context>
    <name>GuardedFiles</name>
    <message>
        <source>%1 belongs to the workspace that is open: only the database may open it (opening it as another file would end the database&apos;s locks)</source>
        <translation>%1 属于当前打开的工作区：只有数据库可以打开它（把它当作其他文件打开会解除数据库的锁）</translation>
    </message>
</context>
<context>
    <name>HtmlReport</name>
    <message>
        <source>Tierlens report: run %1</source>
        <translation>Tierlens 报告：运行 %1</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>prompt set</source>
        <translation>提示词集</translation>
    </message>
    <message>
        <source>created (UTC)</source>
        <translation>创建时间（UTC）</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>repeats</source>
        <translation>重复次数</translation>
    </message>
    <message>
        <source>price book</source>
        <translation>价格表</translation>
    </message>
    <message>
        <source>models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Only these categories: %1</source>
        <translation>仅限以下类别：%1</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Written by Tierlens %1 on %2.</source>
        <translation>由 Tierlens %1 于 %2 生成。</translation>
    </message>
    <message>
        <source>Run %1: %2</source>
        <translation>运行 %1：%2</translation>
    </message>
    <message>
        <source>cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>judge&apos;s cost</source>
        <translation>评审费用</translation>
    </message>
</context>
<context>
    <name>ImportError</name>
    <message>
        <source>field &quot;%1&quot;: </source>
        <translation>字段 &quot;%1&quot;：</translation>
    </message>
</context>
<context>
    <name>ItemQualities</name>
    <message>
        <source>unknown quality source &quot;%1&quot;; use %2</source>
        <translation>未知的质量来源“%1”；请使用 %2</translation>
    </message>
</context>
<context>
    <name>JavaScriptSandbox</name>
    <message>
        <source>%1 (line %2)</source>
        <translation>%1（第 %2 行）</translation>
    </message>
    <message>
        <source>the JavaScript is empty</source>
        <translation>JavaScript 代码为空</translation>
    </message>
    <message>
        <source>expected {&quot;file&quot;: ..., &quot;source&quot;: ...} as the import writes it for a file:// script</source>
        <translation>需要导入时为 file:// 脚本写入的 {&quot;file&quot;: ..., &quot;source&quot;: ...}</translation>
    </message>
    <message>
        <source>&quot;function&quot; must be the name of an exported function</source>
        <translation>&quot;function&quot; 必须是一个导出函数的名称</translation>
    </message>
    <message>
        <source>expected JavaScript code as a string</source>
        <translation>需要字符串形式的 JavaScript 代码</translation>
    </message>
    <message>
        <source>%1 exports no function &quot;%2&quot;</source>
        <translation>%1 没有导出函数“%2”</translation>
    </message>
    <message>
        <source>%1 must export a function (module.exports = (output, context) =&gt; ...)</source>
        <translation>%1 必须导出一个函数（module.exports = (output, context) =&gt; ...）</translation>
    </message>
    <message>
        <source>stopped after %1 ms (the time limit of a script)</source>
        <translation>%1 毫秒后已停止（脚本的时间上限）</translation>
    </message>
    <message>
        <source>the JavaScript passed</source>
        <translation>JavaScript 判定通过</translation>
    </message>
    <message>
        <source>the JavaScript returned %1</source>
        <translation>JavaScript 返回了 %1</translation>
    </message>
    <message>
        <source>the JavaScript returned %1, not a finite score</source>
        <translation>JavaScript 返回了 %1，不是有限的分数</translation>
    </message>
    <message>
        <source>score %1 against the threshold %2</source>
        <translation>分数 %1，阈值 %2</translation>
    </message>
    <message>
        <source>score %1 (passes above 0)</source>
        <translation>分数 %1（大于 0 即通过）</translation>
    </message>
    <message>
        <source>the JavaScript returned an object whose pass is not a boolean or whose score is not a finite number: %1</source>
        <translation>JavaScript 返回的对象中 pass 不是布尔值或 score 不是有限数字：%1</translation>
    </message>
    <message>
        <source>score %1 is under the threshold %2%3</source>
        <translation>分数 %1 低于阈值 %2%3</translation>
    </message>
    <message>
        <source>the JavaScript failed</source>
        <translation>JavaScript 判定失败</translation>
    </message>
    <message>
        <source>the JavaScript must return a boolean, a number or {pass, score, reason}; it returned %1</source>
        <translation>JavaScript 必须返回布尔值、数字或 {pass, score, reason}；它返回了 %1</translation>
    </message>
    <message>
        <source>JavaScript is unavailable: the time-limit thread could not start (%1)</source>
        <translation>JavaScript 不可用：无法启动时间限制线程（%1）</translation>
    </message>
    <message>
        <source>threw %1</source>
        <translation>抛出了 %1</translation>
    </message>
    <message>
        <source>compiling took longer than %1 ms</source>
        <translation>编译超过 %1 毫秒</translation>
    </message>
    <message>
        <source>loading %1 took longer than %2 ms</source>
        <translation>加载 %1 超过 %2 毫秒</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>the value cannot be written as JSON: %1</source>
        <translation>该值无法写成 JSON：%1</translation>
    </message>
</context>
<context>
    <name>JsonSchema</name>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>%1 is not of type %2</source>
        <translation>%1 的类型不是 %2</translation>
    </message>
    <message>
        <source>%1 is not one of %2</source>
        <translation>%1 不是 %2 之一</translation>
    </message>
    <message>
        <source>%1 is not the constant %2</source>
        <translation>%1 不等于常量 %2</translation>
    </message>
    <message>
        <source>%1 is not a multiple of %2</source>
        <translation>%1 不是 %2 的倍数</translation>
    </message>
    <message>
        <source>%1 is greater than the maximum %2</source>
        <translation>%1 大于最大值 %2</translation>
    </message>
    <message>
        <source>%1 is not less than the exclusive maximum %2</source>
        <translation>%1 不小于排他最大值 %2</translation>
    </message>
    <message>
        <source>%1 is less than the minimum %2</source>
        <translation>%1 小于最小值 %2</translation>
    </message>
    <message>
        <source>%1 is not greater than the exclusive minimum %2</source>
        <translation>%1 不大于排他最小值 %2</translation>
    </message>
    <message>
        <source>the string has %1 characters, more than the maximum %2</source>
        <translation>字符串有 %1 个字符，超过最大值 %2</translation>
    </message>
    <message>
        <source>the string has %1 characters, fewer than the minimum %2</source>
        <translation>字符串有 %1 个字符，少于最小值 %2</translation>
    </message>
    <message>
        <source>%1 does not match the pattern %2</source>
        <translation>%1 不匹配模式 %2</translation>
    </message>
    <message>
        <source>the array has %1 items, more than the maximum %2</source>
        <translation>数组有 %1 项，超过最大值 %2</translation>
    </message>
    <message>
        <source>the array has %1 items, fewer than the minimum %2</source>
        <translation>数组有 %1 项，少于最小值 %2</translation>
    </message>
    <message>
        <source>items %1 and %2 are equal</source>
        <translation>第 %1 项和第 %2 项相同</translation>
    </message>
    <message>
        <source>the object has %1 properties, more than the maximum %2</source>
        <translation>对象有 %1 个属性，超过最大值 %2</translation>
    </message>
    <message>
        <source>the object has %1 properties, fewer than the minimum %2</source>
        <translation>对象有 %1 个属性，少于最小值 %2</translation>
    </message>
    <message>
        <source>the required property &quot;%1&quot; is missing</source>
        <translation>缺少必需属性 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the property &quot;%1&quot; is required when &quot;%2&quot; is present</source>
        <translation>存在 &quot;%2&quot; 时必须提供属性 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>no schema at this location</source>
        <translation>此位置没有 schema</translation>
    </message>
    <message>
        <source>a schema must be an object or a boolean, not %1</source>
        <translation>schema 必须是对象或布尔值，而不是 %1</translation>
    </message>
    <message>
        <source>expected a URI reference (a string)</source>
        <translation>应为 URI 引用（字符串）</translation>
    </message>
    <message>
        <source>expected an array of schemas</source>
        <translation>应为由 schema 组成的数组</translation>
    </message>
    <message>
        <source>expected an object whose values are schemas</source>
        <translation>应为值均为 schema 的对象</translation>
    </message>
    <message>
        <source>invalid regular expression &quot;%1&quot;: %2 at offset %3</source>
        <translation>正则表达式 &quot;%1&quot; 无效：%2（偏移量 %3）</translation>
    </message>
    <message>
        <source>unknown type %1</source>
        <translation>未知类型 %1</translation>
    </message>
    <message>
        <source>expected an array of values</source>
        <translation>应为由值组成的数组</translation>
    </message>
    <message>
        <source>expected a number, not %1</source>
        <translation>应为数字，而不是 %1</translation>
    </message>
    <message>
        <source>expected a non-negative integer, not %1</source>
        <translation>应为非负整数，而不是 %1</translation>
    </message>
    <message>
        <source>must be greater than 0</source>
        <translation>必须大于 0</translation>
    </message>
    <message>
        <source>expected a regular expression (a string)</source>
        <translation>应为正则表达式（字符串）</translation>
    </message>
    <message>
        <source>expected a boolean</source>
        <translation>应为布尔值</translation>
    </message>
    <message>
        <source>expected an array of property names</source>
        <translation>应为由属性名组成的数组</translation>
    </message>
    <message>
        <source>expected an object of property name arrays</source>
        <translation>应为值为属性名数组的对象</translation>
    </message>
    <message>
        <source>expected an object</source>
        <translation>应为对象</translation>
    </message>
    <message>
        <source>expected an array of property names or a schema</source>
        <translation>应为由属性名组成的数组或一个 schema</translation>
    </message>
    <message>
        <source>this property is not allowed</source>
        <translation>不允许此属性</translation>
    </message>
    <message>
        <source>this item is not allowed</source>
        <translation>不允许此项</translation>
    </message>
    <message>
        <source>no value is allowed here (the schema is false)</source>
        <translation>此处不允许任何值（schema 为 false）</translation>
    </message>
    <message>
        <source>the schema refers to itself without end at this location</source>
        <translation>schema 在此位置无限递归地引用自身</translation>
    </message>
    <message>
        <source>the value matches none of the %1 alternatives</source>
        <translation>该值不匹配 %1 个备选 schema 中的任何一个</translation>
    </message>
    <message>
        <source>the value matches alternatives %1 and %2, but must match exactly one</source>
        <translation>该值同时匹配备选 schema %1 和 %2，但只能恰好匹配一个</translation>
    </message>
    <message>
        <source>the value must not match the &quot;not&quot; schema</source>
        <translation>该值不得匹配 &quot;not&quot; schema</translation>
    </message>
    <message>
        <source>%1 items match the &quot;contains&quot; schema, fewer than the minimum %2</source>
        <translation>有 %1 项匹配 &quot;contains&quot; schema，少于最小值 %2</translation>
    </message>
    <message>
        <source>no item matches the &quot;contains&quot; schema</source>
        <translation>没有任何项匹配 &quot;contains&quot; schema</translation>
    </message>
    <message>
        <source>%1 items match the &quot;contains&quot; schema, more than the maximum %2</source>
        <translation>有 %1 项匹配 &quot;contains&quot; schema，超过最大值 %2</translation>
    </message>
    <message>
        <source>the property name &quot;%1&quot; does not match the &quot;propertyNames&quot; schema</source>
        <translation>属性名 &quot;%1&quot; 不匹配 &quot;propertyNames&quot; schema</translation>
    </message>
    <message>
        <source>cannot resolve &quot;%1&quot;: no schema is known as &quot;%2&quot;</source>
        <translation>无法解析 &quot;%1&quot;：没有名为 &quot;%2&quot; 的已知 schema</translation>
    </message>
    <message>
        <source>cannot resolve &quot;%1&quot;: &quot;%2&quot; is not a valid JSON pointer</source>
        <translation>无法解析 &quot;%1&quot;：&quot;%2&quot; 不是有效的 JSON Pointer</translation>
    </message>
    <message>
        <source>cannot resolve &quot;%1&quot;: nothing at &quot;%2&quot; in &quot;%3&quot;</source>
        <translation>无法解析 &quot;%1&quot;：&quot;%3&quot; 中的 &quot;%2&quot; 处没有内容</translation>
    </message>
    <message>
        <source>cannot resolve &quot;%1&quot;: no anchor &quot;%2&quot; in &quot;%3&quot;</source>
        <translation>无法解析 &quot;%1&quot;：&quot;%3&quot; 中没有锚点 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>%1: cannot open: %2</source>
        <translation>%1：无法打开：%2</translation>
    </message>
    <message>
        <source>%1: invalid JSON at byte %2: %3</source>
        <translation>%1：第 %2 字节处的 JSON 无效：%3</translation>
    </message>
    <message>
        <source>%1: no such folder</source>
        <translation>%1：文件夹不存在</translation>
    </message>
</context>
<context>
    <name>JsonlImporter</name>
    <message>
        <source>expected a JSON object on each line</source>
        <translation>每一行都应为一个 JSON 对象</translation>
    </message>
    <message>
        <source>invalid JSON at column %1: %2</source>
        <translation>第 %1 列处的 JSON 无效：%2</translation>
    </message>
    <message>
        <source>expected a JSON object on each line, found an array</source>
        <translation>每一行都应为一个 JSON 对象，但此行是数组</translation>
    </message>
    <message>
        <source>duplicate id &quot;%1&quot; (first used on line %2)</source>
        <translation>id &quot;%1&quot; 重复（首次出现在第 %2 行）</translation>
    </message>
    <message>
        <source>the file contains no prompts</source>
        <translation>文件中没有任何提示词</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <source>missing: every line needs an id (a string or a number)</source>
        <translation>缺失：每一行都需要一个 id（字符串或数字）</translation>
    </message>
    <message>
        <source>expected a string or a number</source>
        <translation>应为字符串或数字</translation>
    </message>
    <message>
        <source>expected a string</source>
        <translation>应为字符串</translation>
    </message>
    <message>
        <source>expected a non-empty string</source>
        <translation>应为非空字符串</translation>
    </message>
    <message>
        <source>expected an object of request fields</source>
        <translation>应为由请求字段组成的对象</translation>
    </message>
    <message>
        <source>expected an array of {role, content} objects</source>
        <translation>应为由 {role, content} 对象组成的数组</translation>
    </message>
    <message>
        <source>expected a {role, content} object</source>
        <translation>应为 {role, content} 对象</translation>
    </message>
    <message>
        <source>missing or not a string</source>
        <translation>缺失或不是字符串</translation>
    </message>
    <message>
        <source>unknown role &quot;%1&quot; (expected system, user, assistant or tool)</source>
        <translation>未知角色 &quot;%1&quot;（应为 system、user、assistant 或 tool）</translation>
    </message>
    <message>
        <source>a tool message needs the id of the call it answers</source>
        <translation>tool 消息需要给出它所回应的调用的 id</translation>
    </message>
    <message>
        <source>a leading system message and a &quot;system&quot; field cannot both be given</source>
        <translation>不能同时给出开头的 system 消息和 &quot;system&quot; 字段</translation>
    </message>
    <message>
        <source>needs at least one message besides the system prompt</source>
        <translation>除系统提示词外，至少还需要一条消息</translation>
    </message>
    <message>
        <source>expected an array of assertions like [{&quot;type&quot;: &quot;contains&quot;, &quot;value&quot;: &quot;...&quot;}]</source>
        <translation>应为断言数组，例如 [{&quot;type&quot;: &quot;contains&quot;, &quot;value&quot;: &quot;...&quot;}]</translation>
    </message>
    <message>
        <source>a second defaults line (the first is line %1)</source>
        <translation>第二个默认值行（第一个在第 %1 行）</translation>
    </message>
    <message>
        <source>expected a line of the form {&quot;defaults&quot;: {&quot;assert&quot;: [...]}}</source>
        <translation>应为 {&quot;defaults&quot;: {&quot;assert&quot;: [...]}} 形式的行</translation>
    </message>
    <message>
        <source>unknown default; only &quot;assert&quot; is known</source>
        <translation>未知的默认值；只支持 &quot;assert&quot;</translation>
    </message>
    <message>
        <source>expected an object of values scripts read as context.vars</source>
        <translation>需要一个对象，其值供脚本以 context.vars 读取</translation>
    </message>
    <message>
        <source>give one of &quot;prompt&quot;, &quot;messages&quot; or &quot;turns&quot;, not several</source>
        <translation>请只给出 &quot;prompt&quot;、&quot;messages&quot; 或 &quot;turns&quot; 中的一个</translation>
    </message>
    <message>
        <source>missing: every line needs &quot;prompt&quot; (a string), &quot;messages&quot; (an array) or &quot;turns&quot; (the user turns of a conversation)</source>
        <translation>缺失：每行都需要 &quot;prompt&quot;（字符串）、&quot;messages&quot;（数组）或 &quot;turns&quot;（对话中用户的各轮）</translation>
    </message>
    <message>
        <source>expected the user turns of a conversation, a non-empty array of strings</source>
        <translation>需要对话中用户的各轮：一个非空的字符串数组</translation>
    </message>
    <message>
        <source>expected one reference answer per turn, an array of strings</source>
        <translation>需要每轮一个参考答案：一个字符串数组</translation>
    </message>
    <message>
        <source>expected one reference answer per turn: %1 turns, %2 references</source>
        <translation>需要每轮一个参考答案：%1 轮，%2 个参考答案</translation>
    </message>
</context>
<context>
    <name>JudgeRunner</name>
    <message>
        <source>run %1 is itself a judge run; judge the run it judged (%2)</source>
        <translation>运行 %1 本身是评审运行；请评审它所评审的运行（%2）</translation>
    </message>
    <message>
        <source>judge of run %1</source>
        <translation>运行 %1 的评审</translation>
    </message>
    <message>
        <source>run %1 has nothing to judge: no two models answered the same prompt and no answer has an llm-rubric assertion</source>
        <translation>运行 %1 没有可评审的内容：没有两个模型回答同一提示，也没有回答带 llm-rubric 断言</translation>
    </message>
    <message>
        <source>run %1 is not a judge run</source>
        <translation>运行 %1 不是评审运行</translation>
    </message>
    <message>
        <source>the judge call failed (%1)</source>
        <translation>评审调用失败（%1）</translation>
    </message>
    <message>
        <source>--judge %1: run %2 has no model of that label</source>
        <translation>--judge %1：运行 %2 没有该标签的模型</translation>
    </message>
    <message>
        <source>run %1 has no models</source>
        <translation>运行 %1 没有模型</translation>
    </message>
</context>
<context>
    <name>JudgeVerdict</name>
    <message>
        <source>the reply holds no JSON object</source>
        <translation>回复中没有 JSON 对象</translation>
    </message>
    <message>
        <source>the reply holds %1 JSON objects; expected exactly one</source>
        <translation>回复中有 %1 个 JSON 对象；应恰好只有一个</translation>
    </message>
    <message>
        <source>field &quot;winner&quot; is missing</source>
        <translation>缺少字段 &quot;winner&quot;</translation>
    </message>
    <message>
        <source>field &quot;winner&quot;: expected &quot;A&quot;, &quot;B&quot; or &quot;tie&quot;, got %1</source>
        <translation>字段 &quot;winner&quot;：应为 &quot;A&quot;、&quot;B&quot; 或 &quot;tie&quot;，实际为 %1</translation>
    </message>
    <message>
        <source>field &quot;score&quot; is missing</source>
        <translation>缺少字段 &quot;score&quot;</translation>
    </message>
    <message>
        <source>field &quot;score&quot;: expected a whole number from 1 to 5, got %1</source>
        <translation>字段 &quot;score&quot;：应为 1 到 5 之间的整数，实际为 %1</translation>
    </message>
</context>
<context>
    <name>LiteLlmExport</name>
    <message>
        <source>model &quot;%1&quot;: the API key variable must be a variable&apos;s name, not &quot;%2&quot;</source>
        <translation>模型 &quot;%1&quot;：API 密钥变量必须是变量名，而不是 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>the route group needs a name</source>
        <translation>路由组需要一个名称</translation>
    </message>
    <message>
        <source>two LiteLLM model groups would be called &quot;%1&quot;; rename a model or choose another route group</source>
        <translation>会有两个 LiteLLM 模型组都叫 &quot;%1&quot;；请重命名某个模型或换一个路由组</translation>
    </message>
    <message>
        <source>model group &quot;%1&quot; routes to &quot;%2&quot;, which the policy does not list</source>
        <translation>模型组 &quot;%1&quot; 路由到 &quot;%2&quot;，但策略中没有列出该模型</translation>
    </message>
    <message>
        <source>Start it with: litellm --config FILE. API keys are read from the environment variables named in api_key; none is written here.</source>
        <translation>启动方式：litellm --config FILE。API 密钥从 api_key 中指定的环境变量读取；此文件中不写入任何密钥。</translation>
    </message>
    <message>
        <source>Send a request&apos;s category as its model: &quot;%1/&lt;category&gt;&quot;; &quot;%1&quot; serves every other category (default: %2).</source>
        <translation>将请求的类别作为其模型名发送：&quot;%1/&lt;类别&gt;&quot;；其他所有类别使用 &quot;%1&quot;（默认：%2）。</translation>
    </message>
    <message>
        <source>Routes:</source>
        <translation>路由：</translation>
    </message>
    <message>
        <source>, set by hand</source>
        <translation>，手动设置</translation>
    </message>
    <message>
        <source>Escalation: after a final error LiteLLM retries on the fallback model (router_settings.fallbacks).</source>
        <translation>升级：出现最终错误后，LiteLLM 会在回退模型上重试（router_settings.fallbacks）。</translation>
    </message>
    <message>
        <source>Escalation: the policy does not retry after a final error, so there are no fallbacks.</source>
        <translation>升级：策略在出现最终错误后不重试，因此没有 fallbacks。</translation>
    </message>
    <message>
        <source>The policy also retries on the fallback model after %1: LiteLLM cannot see those, so the client must check the answer and resend it to the model named in fallbacks.</source>
        <translation>策略在 %1 之后也会在回退模型上重试：LiteLLM 无法识别这些情况，因此客户端必须自行检查回答，并将请求重新发送给 fallbacks 中指定的模型。</translation>
    </message>
    <message>
        <source>cannot write the LiteLLM configuration: %1</source>
        <translation>无法写入 LiteLLM 配置：%1</translation>
    </message>
    <message>
        <source>LiteLLM proxy configuration from a Tierlens routing policy (run(s) %1, prompt set(s) %2, created %3).</source>
        <translation>由 Tierlens 路由策略生成的 LiteLLM 代理配置（运行 %1，提示词集 %2，创建于 %3）。</translation>
    </message>
    <message>
        <source>Rule: %1 (tolerance %2, %3% confidence over every look, look %4). Default model %5: %6</source>
        <translation>规则：%1（容差 %2，所有查看合计置信度 %3%，第 %4 次查看）。默认模型 %5：%6</translation>
    </message>
    <message>
        <source>, undecided</source>
        <translation>，未定</translation>
    </message>
</context>
<context>
    <name>ModelConfig</name>
    <message>
        <source>http2: expected auto or prior-knowledge, not &quot;%1&quot;</source>
        <translation>http2：应为 auto 或 prior-knowledge，而不是“%1”</translation>
    </message>
    <message>
        <source>options: %1</source>
        <translation>options：%1</translation>
    </message>
</context>
<context>
    <name>ModelProfile</name>
    <message>
        <source>%1: field &quot;%2&quot; must be a number &gt;= %3</source>
        <translation>%1：字段 &quot;%2&quot; 必须是大于或等于 %3 的数</translation>
    </message>
    <message>
        <source>%1: field &quot;error_rate&quot; must be between 0 and 1</source>
        <translation>%1：字段 &quot;error_rate&quot; 必须介于 0 和 1 之间</translation>
    </message>
    <message>
        <source>%1: field &quot;concurrency_limit&quot; must be an integer &gt;= 1</source>
        <translation>%1：字段 &quot;concurrency_limit&quot; 必须是大于或等于 1 的整数</translation>
    </message>
    <message>
        <source>%1: field &quot;quality&quot; must be an object of category -&gt; probability</source>
        <translation>%1：字段 &quot;quality&quot; 必须是“类别 -&gt; 概率”形式的对象</translation>
    </message>
    <message>
        <source>%1: quality &quot;%2&quot; must be a probability between 0 and 1</source>
        <translation>%1：quality &quot;%2&quot; 必须是介于 0 和 1 之间的概率</translation>
    </message>
    <message>
        <source>%1: unknown field &quot;%2&quot;</source>
        <translation>%1：未知字段 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>profiles</source>
        <translation>模型配置</translation>
    </message>
    <message>
        <source>%1: expected an object of profile fields</source>
        <translation>%1：应为由模型配置字段组成的对象</translation>
    </message>
    <message>
        <source>%1: unknown model</source>
        <translation>%1：未知模型</translation>
    </message>
    <message>
        <source>%1: cannot read: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <source>%1: invalid JSON at offset %2: %3</source>
        <translation>%1：偏移量 %2 处的 JSON 无效：%3</translation>
    </message>
    <message>
        <source>%1: expected a JSON object keyed by model id</source>
        <translation>%1：应为以模型 id 为键的 JSON 对象</translation>
    </message>
    <message>
        <source>%1: field &quot;position_bias&quot; must be between 0 and 1</source>
        <translation>%1：字段 &quot;position_bias&quot; 必须介于 0 和 1 之间</translation>
    </message>
    <message>
        <source>%1: field &quot;fault&quot; must be a string such as &quot;reset,rate=0.3&quot;</source>
        <translation>%1：字段 &quot;fault&quot; 必须是字符串，例如 &quot;reset,rate=0.3&quot;</translation>
    </message>
    <message>
        <source>%1: field &quot;fault&quot;: %2</source>
        <translation>%1：字段 &quot;fault&quot;：%2</translation>
    </message>
</context>
<context>
    <name>NunjucksRenderer</name>
    <message>
        <source>&quot;%1&quot; is never closed</source>
        <translation>&quot;%1&quot; 没有闭合</translation>
    </message>
    <message>
        <source>Nunjucks tag &quot;%1&quot; (loops, conditionals and other tags cannot be imported)</source>
        <translation>Nunjucks 标签 &quot;%1&quot;（循环、条件及其他标签无法导入）</translation>
    </message>
    <message>
        <source>Nunjucks expression &quot;%1&quot; (only plain variables are supported, not filters or expressions)</source>
        <translation>Nunjucks 表达式 &quot;%1&quot;（只支持普通变量，不支持过滤器或表达式）</translation>
    </message>
</context>
<context>
    <name>OpenAiEvalsImporter</name>
    <message>
        <source>cannot open the file: %1</source>
        <translation>无法打开文件：%1</translation>
    </message>
    <message>
        <source>invalid JSON at column %1: %2</source>
        <translation>第 %1 列处的 JSON 无效：%2</translation>
    </message>
    <message>
        <source>expected a JSON object on each line</source>
        <translation>每一行都应为一个 JSON 对象</translation>
    </message>
    <message>
        <source>duplicate id &quot;%1&quot; (first used on line %2)</source>
        <translation>id &quot;%1&quot; 重复（首次出现在第 %2 行）</translation>
    </message>
    <message>
        <source>the file contains no samples</source>
        <translation>文件中没有任何样本</translation>
    </message>
    <message>
        <source>expected a string or a number</source>
        <translation>应为字符串或数字</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <source>expected a {role, content} object</source>
        <translation>应为 {role, content} 对象</translation>
    </message>
    <message>
        <source>expected system, user, assistant or tool</source>
        <translation>应为 system、user、assistant 或 tool</translation>
    </message>
    <message>
        <source>expected a string</source>
        <translation>应为字符串</translation>
    </message>
    <message>
        <source>needs at least one message besides the system prompt</source>
        <translation>除系统提示词外，至少还需要一条消息</translation>
    </message>
    <message>
        <source>missing: expected a string or a non-empty list of {role, content} messages</source>
        <translation>缺失：应为字符串，或由 {role, content} 消息组成的非空列表</translation>
    </message>
    <message>
        <source>expected a string or a list of strings</source>
        <translation>应为字符串或字符串列表</translation>
    </message>
    <message>
        <source>missing: every sample needs the ideal answer</source>
        <translation>缺失：每个样本都需要给出理想答案</translation>
    </message>
</context>
<context>
    <name>PolicyDiff</name>
    <message>
        <source>the policies route the same way (routes compared: %1)</source>
        <translation>两个策略的路由方式相同（已比较的路由：%1）</translation>
    </message>
    <message>
        <source>, by hand</source>
        <translation>，手动</translation>
    </message>
    <message>
        <source>route %1: %2 (%3%4) -&gt; %5 (%6%7)</source>
        <translation>路由 %1：%2（%3%4）-&gt; %5（%6%7）</translation>
    </message>
    <message>
        <source>added category %1 -&gt; %2 (%3%4)</source>
        <translation>新增类别 %1 -&gt; %2（%3%4）</translation>
    </message>
    <message>
        <source>removed category %1 (was -&gt; %2, %3%4)</source>
        <translation>删除类别 %1（原为 -&gt; %2，%3%4）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>%1: %2 -&gt; %3</source>
        <translation>%1：%2 -&gt; %3</translation>
    </message>
    <message>
        <source>escalation added: %1</source>
        <translation>新增升级规则：%1</translation>
    </message>
    <message>
        <source>escalation removed: %1</source>
        <translation>删除升级规则：%1</translation>
    </message>
    <message>
        <source>routes unchanged: %1</source>
        <translation>未变化的路由：%1</translation>
    </message>
</context>
<context>
    <name>PolicySettle</name>
    <message>
        <source>every category of the policy is decided: there is nothing to settle</source>
        <translation>策略的每个类别都已定论：没有需要定论的</translation>
    </message>
    <message>
        <source>%1 has no prompt the policy&apos;s runs did not send already in its undecided categories (%2)%3</source>
        <translation>%1 中没有策略的运行尚未发送过的、属于其未定类别（%2）的提示词%3</translation>
    </message>
    <message numerus="yes">
        <source>; %n were sent before</source>
        <translation>
            <numerusform>；其中 %n 个之前已发送过</numerusform>
        </translation>
    </message>
    <message>
        <source>run %1 is one of the policy&apos;s runs already: settling needs a run of new prompts</source>
        <translation>运行 %1 已经是该策略的运行之一：定论需要一个包含新提示词的运行</translation>
    </message>
    <message>
        <source>run %1 sent to %2, the policy routes between %3: settle with a run of the same models</source>
        <translation>运行 %1 发送给了 %2，而策略在 %3 之间路由：请用相同模型的运行来定论</translation>
    </message>
</context>
<context>
    <name>PriceBook</name>
    <message>
        <source>%1: cannot open the file: %2</source>
        <translation>%1：无法打开文件：%2</translation>
    </message>
</context>
<context>
    <name>PriceBookParser</name>
    <message>
        <source>unknown key</source>
        <translation>未知的键</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>expected a non-empty string</source>
        <translation>应为非空字符串</translation>
    </message>
    <message>
        <source>expected a string</source>
        <translation>应为字符串</translation>
    </message>
    <message>
        <source>expected a string or an array of strings</source>
        <translation>应为字符串或字符串数组</translation>
    </message>
    <message>
        <source>expected a number (USD per 1M tokens)</source>
        <translation>应为数字（每 1M token 的 USD 价格）</translation>
    </message>
    <message>
        <source>negative price</source>
        <translation>价格为负数</translation>
    </message>
    <message>
        <source>not an ISO-8601 UTC time</source>
        <translation>不是 ISO-8601 格式的 UTC 时间</translation>
    </message>
    <message>
        <source>expected an object with &quot;days&quot;, &quot;from&quot; and &quot;until&quot;</source>
        <translation>应为包含 &quot;days&quot;、&quot;from&quot; 和 &quot;until&quot; 的对象</translation>
    </message>
    <message>
        <source>expected a non-empty array of mon, tue, wed, thu, fri, sat, sun</source>
        <translation>应为由 mon、tue、wed、thu、fri、sat、sun 组成的非空数组</translation>
    </message>
    <message>
        <source>expected one of mon, tue, wed, thu, fri, sat, sun</source>
        <translation>应为 mon、tue、wed、thu、fri、sat、sun 之一</translation>
    </message>
    <message>
        <source>day given twice</source>
        <translation>同一天被指定了两次</translation>
    </message>
    <message>
        <source>expected a UTC time of day from &quot;00:00&quot; to &quot;24:00&quot;</source>
        <translation>应为 &quot;00:00&quot; 到 &quot;24:00&quot; 之间的 UTC 时刻</translation>
    </message>
    <message>
        <source>must be after &quot;from&quot; (split a window that crosses midnight)</source>
        <translation>必须晚于 &quot;from&quot;（跨越午夜的时段请拆分为两段）</translation>
    </message>
    <message>
        <source>expected an object</source>
        <translation>应为对象</translation>
    </message>
    <message>
        <source>must be after &quot;from&quot;</source>
        <translation>必须晚于 &quot;from&quot;</translation>
    </message>
    <message>
        <source>&quot;off_peak&quot; and &quot;peak_windows&quot; must be given together</source>
        <translation>&quot;off_peak&quot; 和 &quot;peak_windows&quot; 必须同时给出</translation>
    </message>
    <message>
        <source>expected an object with input_cache_miss, input_cache_hit and output</source>
        <translation>应为包含 input_cache_miss、input_cache_hit 和 output 的对象</translation>
    </message>
    <message>
        <source>expected a non-empty array of {days, from, until} objects</source>
        <translation>应为由 {days, from, until} 对象组成的非空数组</translation>
    </message>
    <message>
        <source>expected an array of strings</source>
        <translation>应为字符串数组</translation>
    </message>
    <message>
        <source>expected a positive integer</source>
        <translation>应为正整数</translation>
    </message>
    <message>
        <source>expected a non-empty array of periods</source>
        <translation>应为由计价时期组成的非空数组</translation>
    </message>
    <message>
        <source>overlaps periods[%1]</source>
        <translation>与 periods[%1] 重叠</translation>
    </message>
    <message>
        <source>invalid JSON at line %1, column %2: %3</source>
        <translation>第 %1 行第 %2 列处的 JSON 无效：%3</translation>
    </message>
    <message>
        <source>expected a JSON object</source>
        <translation>应为 JSON 对象</translation>
    </message>
    <message>
        <source>expected &quot;tierlens-price-book&quot;</source>
        <translation>应为 &quot;tierlens-price-book&quot;</translation>
    </message>
    <message>
        <source>expected a number</source>
        <translation>应为数字</translation>
    </message>
    <message>
        <source>unsupported version %1 (this build reads %2)</source>
        <translation>不支持的版本 %1（此版本程序只能读取 %2）</translation>
    </message>
    <message>
        <source>only &quot;USD&quot; is supported</source>
        <translation>只支持 &quot;USD&quot;</translation>
    </message>
    <message>
        <source>only &quot;per_1m_tokens&quot; is supported</source>
        <translation>只支持 &quot;per_1m_tokens&quot;</translation>
    </message>
    <message>
        <source>expected a non-empty array of models</source>
        <translation>应为由模型组成的非空数组</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is already used by %2</source>
        <translation>&quot;%1&quot; 已被 %2 使用</translation>
    </message>
    <message>
        <source>expected a positive integer (tokens)</source>
        <translation>应为正整数（token 数）</translation>
    </message>
</context>
<context>
    <name>PriceBookRegistry</name>
    <message>
        <source>%1 (the bundled price book stays in force)</source>
        <translation>%1（继续使用内置价格表）</translation>
    </message>
    <message>
        <source>%1 and %2 both price provider &quot;%3&quot;; using %1</source>
        <translation>%1 和 %2 都为服务商 &quot;%3&quot; 定价；将使用 %1</translation>
    </message>
    <message>
        <source>%1: no such folder of price books</source>
        <translation>%1：价格表文件夹不存在</translation>
    </message>
</context>
<context>
    <name>ProgressPrinter</name>
    <message>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>%1 %2/%3 (%4 in flight, %5 retries, %6 errors, $%7)</source>
        <translation>%1 %2/%3（进行中 %4，重试 %5，错误 %6，$%7）</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>预计剩余 %1</translation>
    </message>
</context>
<context>
    <name>PromptOptionsValidator</name>
    <message>
        <source>unknown option (allowed: %1)</source>
        <translation>未知选项（允许的选项：%1）</translation>
    </message>
    <message>
        <source>expected {&quot;type&quot;: &quot;enabled&quot;} or {&quot;type&quot;: &quot;disabled&quot;}</source>
        <translation>应为 {&quot;type&quot;: &quot;enabled&quot;} 或 {&quot;type&quot;: &quot;disabled&quot;}</translation>
    </message>
    <message>
        <source>expected a non-empty string</source>
        <translation>应为非空字符串</translation>
    </message>
    <message>
        <source>expected a number from 0 to 2</source>
        <translation>应为 0 到 2 之间的数</translation>
    </message>
    <message>
        <source>expected a number from 0 to 1</source>
        <translation>应为 0 到 1 之间的数</translation>
    </message>
    <message>
        <source>expected a number from -2 to 2</source>
        <translation>应为 -2 到 2 之间的数</translation>
    </message>
    <message>
        <source>expected an integer from 1 to %1</source>
        <translation>应为 1 到 %1 之间的整数</translation>
    </message>
    <message>
        <source>expected an integer from 0 to %1</source>
        <translation>应为 0 到 %1 之间的整数</translation>
    </message>
    <message>
        <source>expected true or false</source>
        <translation>应为 true 或 false</translation>
    </message>
    <message>
        <source>expected {&quot;type&quot;: &quot;text&quot;}, {&quot;type&quot;: &quot;json_object&quot;} or {&quot;type&quot;: &quot;json_schema&quot;, ...}</source>
        <translation>应为 {&quot;type&quot;: &quot;text&quot;}、{&quot;type&quot;: &quot;json_object&quot;} 或 {&quot;type&quot;: &quot;json_schema&quot;, ...}</translation>
    </message>
    <message>
        <source>expected a string or an array of strings</source>
        <translation>应为字符串或字符串数组</translation>
    </message>
    <message>
        <source>expected an array of {type: &quot;function&quot;, function: {name, parameters}} objects</source>
        <translation>应为由 {type: &quot;function&quot;, function: {name, parameters}} 对象组成的数组</translation>
    </message>
    <message>
        <source>%1 tools given; at most %2 are allowed</source>
        <translation>给出了 %1 个工具；最多允许 %2 个</translation>
    </message>
    <message>
        <source>expected an object with &quot;type&quot;: &quot;function&quot;</source>
        <translation>应为带有 &quot;type&quot;: &quot;function&quot; 的对象</translation>
    </message>
    <message>
        <source>expected an object with &quot;name&quot; and &quot;parameters&quot;</source>
        <translation>应为包含 &quot;name&quot; 和 &quot;parameters&quot; 的对象</translation>
    </message>
    <message>
        <source>expected 1 to 64 characters from a-z, A-Z, 0-9, _ and -</source>
        <translation>应为 1 到 64 个字符，且只能包含 a-z、A-Z、0-9、_ 和 -</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is defined twice</source>
        <translation>&quot;%1&quot; 被定义了两次</translation>
    </message>
    <message>
        <source>expected a JSON Schema object</source>
        <translation>应为 JSON Schema 对象</translation>
    </message>
    <message>
        <source>expected &quot;none&quot;, &quot;auto&quot;, &quot;required&quot; or {&quot;type&quot;: &quot;function&quot;, &quot;function&quot;: {&quot;name&quot;: ...}}</source>
        <translation>应为 &quot;none&quot;、&quot;auto&quot;、&quot;required&quot; 或 {&quot;type&quot;: &quot;function&quot;, &quot;function&quot;: {&quot;name&quot;: ...}}</translation>
    </message>
    <message>
        <source>names the tool &quot;%1&quot;, which &quot;tools&quot; does not define</source>
        <translation>指定了工具 &quot;%1&quot;，但 &quot;tools&quot; 中没有定义该工具</translation>
    </message>
</context>
<context>
    <name>PromptSetImporter</name>
    <message>
        <source>unsupported file type &quot;%1&quot; (expected .jsonl or .csv)</source>
        <translation>不支持的文件类型 &quot;%1&quot;（应为 .jsonl 或 .csv）</translation>
    </message>
    <message>
        <source>cannot open the file: %1</source>
        <translation>无法打开文件：%1</translation>
    </message>
    <message>
        <source>cannot read the file: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <source>invalid UTF-8 at byte %1 of the line (save the file as UTF-8)</source>
        <translation>该行第 %1 字节处的 UTF-8 编码无效（请将文件保存为 UTF-8 编码）</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>%1 is a folder; give a prompt-set file: %2</source>
        <translation>%1 是一个文件夹；请给出提示词集文件：%2</translation>
    </message>
    <message>
        <source>unsupported file type &quot;%1&quot;; a prompt set is %2</source>
        <translation>不支持的文件类型“%1”；提示词集应为 %2</translation>
    </message>
    <message>
        <source>JSONL (.jsonl, Tierlens&apos; own lines or OpenAI Evals samples), CSV (.csv) or a promptfoo configuration (.yaml, .yml)</source>
        <translation>JSONL（.jsonl，Tierlens 自己的格式或 OpenAI Evals 样本）、CSV（.csv）或 promptfoo 配置（.yaml、.yml）</translation>
    </message>
</context>
<context>
    <name>PromptfooAssertions</name>
    <message>
        <source>missing or not a string</source>
        <translation>缺失或不是字符串</translation>
    </message>
</context>
<context>
    <name>PromptfooImporter</name>
    <message>
        <source>expected a test object (vars, assert, ...)</source>
        <translation>应为测试对象（vars、assert 等）</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not imported</source>
        <translation>%1：&quot;%2&quot; 不会被导入</translation>
    </message>
    <message>
        <source>expected a mapping</source>
        <translation>应为映射（mapping）</translation>
    </message>
    <message>
        <source>expected a list of assertions</source>
        <translation>应为断言列表</translation>
    </message>
    <message>
        <source>test %1</source>
        <translation>测试 %1</translation>
    </message>
    <message>
        <source>%1 refused: prompt &quot;%2&quot; (%3, line %4) uses %5</source>
        <translation>%1 被拒绝：提示词 &quot;%2&quot;（%3，第 %4 行）使用了 %5</translation>
    </message>
    <message>
        <source>expected {role, content} with role system, user, assistant or tool and text content</source>
        <translation>应为 {role, content}，其中 role 为 system、user、assistant 或 tool，content 为文本</translation>
    </message>
    <message>
        <source>needs at least one message besides the system prompt</source>
        <translation>除系统提示词外，至少还需要一条消息</translation>
    </message>
    <message>
        <source>%1 renders prompt &quot;%2&quot; empty</source>
        <translation>%1 使提示词 &quot;%2&quot; 渲染为空</translation>
    </message>
    <message>
        <source>%1:%2: %3 does not define &quot;%4&quot; used by prompt &quot;%5&quot;; it renders empty</source>
        <translation>%1:%2：%3 没有定义提示词 &quot;%5&quot; 用到的 &quot;%4&quot;；渲染结果为空</translation>
    </message>
    <message>
        <source>expected an assertion object with a &quot;type&quot;</source>
        <translation>应为带有 &quot;type&quot; 的断言对象</translation>
    </message>
    <message>
        <source>test %1 refused: %2</source>
        <translation>测试 %1 被拒绝：%2</translation>
    </message>
    <message>
        <source>%1 refused: its value uses %2</source>
        <translation>%1 被拒绝：其值使用了 %2</translation>
    </message>
</context>
<context>
    <name>PromptfooSources</name>
    <message>
        <source>expected a mapping of config keys</source>
        <translation>应为由配置键组成的映射（mapping）</translation>
    </message>
    <message>
        <source>file &quot;%1&quot; not found (looked for %2)</source>
        <translation>找不到文件 &quot;%1&quot;（查找位置：%2）</translation>
    </message>
    <message>
        <source>no file matches &quot;%1&quot;</source>
        <translation>没有与 &quot;%1&quot; 匹配的文件</translation>
    </message>
    <message>
        <source>cannot open &quot;%1&quot;: %2</source>
        <translation>无法打开 &quot;%1&quot;：%2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is code, which cannot be imported</source>
        <translation>&quot;%1&quot; 是代码，无法导入</translation>
    </message>
    <message>
        <source>missing: the config needs at least one prompt</source>
        <translation>缺失：配置中至少需要一条提示词</translation>
    </message>
    <message>
        <source>expected &quot;raw&quot; (the prompt text) or &quot;id&quot; (a file:// path)</source>
        <translation>应为 &quot;raw&quot;（提示词文本）或 &quot;id&quot;（file:// 路径）</translation>
    </message>
    <message>
        <source>expected a prompt text, a file:// path or an object with &quot;raw&quot;</source>
        <translation>应为提示词文本、file:// 路径或带有 &quot;raw&quot; 的对象</translation>
    </message>
    <message>
        <source>expected a list of prompts</source>
        <translation>应为提示词列表</translation>
    </message>
    <message>
        <source>the prompt is empty</source>
        <translation>提示词为空</translation>
    </message>
    <message>
        <source>prompt functions (&quot;%1&quot;) cannot be imported: export their output as text or JSON messages</source>
        <translation>无法导入提示词函数（&quot;%1&quot;）：请将其输出导出为文本或 JSON 消息</translation>
    </message>
    <message>
        <source>expected a list of chat messages ({role, content})</source>
        <translation>应为聊天消息（{role, content}）列表</translation>
    </message>
    <message>
        <source>expected a JSON list of chat messages ({role, content}) on each line</source>
        <translation>每一行都应为由聊天消息（{role, content}）组成的 JSON 列表</translation>
    </message>
    <message>
        <source>the prompt file is empty</source>
        <translation>提示词文件为空</translation>
    </message>
    <message>
        <source>expected a list of tests or a file:// path</source>
        <translation>应为测试列表或 file:// 路径</translation>
    </message>
    <message>
        <source>expected a test object or a file:// path</source>
        <translation>应为测试对象或 file:// 路径</translation>
    </message>
    <message>
        <source>unsupported test file &quot;%1&quot; (expected .yaml, .yml, .json, .jsonl or .csv)</source>
        <translation>不支持的测试文件 &quot;%1&quot;（应为 .yaml、.yml、.json、.jsonl 或 .csv）</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>JSON 无效：%1</translation>
    </message>
    <message>
        <source>expected a test object on each line</source>
        <translation>每一行都应为一个测试对象</translation>
    </message>
    <message>
        <source>expected a list of tests</source>
        <translation>应为测试列表</translation>
    </message>
    <message>
        <source>expected a test object</source>
        <translation>应为测试对象</translation>
    </message>
    <message>
        <source>%1: column &quot;%2&quot; has no Tierlens meaning and was ignored</source>
        <translation>%1：列 &quot;%2&quot; 在 Tierlens 中没有对应含义，已忽略</translation>
    </message>
    <message>
        <source>the row has %1 fields but the header names %2 columns</source>
        <translation>该行有 %1 个字段，但表头列出了 %2 列</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: only JavaScript files (.js, .cjs) with module.exports can be run</source>
        <translation>“%1”：只能运行带 module.exports 的 JavaScript 文件（.js、.cjs）</translation>
    </message>
</context>
<context>
    <name>QualityChoices</name>
    <message>
        <source>people, then assertions, then judge</source>
        <translation>先人工，再断言，最后评审</translation>
    </message>
    <message>
        <source>assertions, then people, then judge</source>
        <translation>先断言，再人工，最后评审</translation>
    </message>
    <message>
        <source>judge, then people, then assertions</source>
        <translation>先评审，再人工，最后断言</translation>
    </message>
    <message>
        <source>people only</source>
        <translation>仅人工</translation>
    </message>
    <message>
        <source>assertions only</source>
        <translation>仅断言</translation>
    </message>
    <message>
        <source>judge only</source>
        <translation>仅评审</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
</context>
<context>
    <name>ReportFormat</name>
    <message>
        <source>n/a</source>
        <translation>无</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>RequestOptions</name>
    <message>
        <source>request options, key &quot;%1&quot;: %2</source>
        <translation>请求选项，键 &quot;%1&quot;：%2</translation>
    </message>
    <message>
        <source>expected true or false</source>
        <translation>应为 true 或 false</translation>
    </message>
    <message>
        <source>expected a string</source>
        <translation>应为字符串</translation>
    </message>
    <message>
        <source>expected a number</source>
        <translation>应为数字</translation>
    </message>
    <message>
        <source>expected a positive integer</source>
        <translation>应为正整数</translation>
    </message>
    <message>
        <source>expected an object</source>
        <translation>应为对象</translation>
    </message>
    <message>
        <source>unknown key</source>
        <translation>未知的键</translation>
    </message>
</context>
<context>
    <name>ResultChecker</name>
    <message>
        <source>prompt &quot;%1&quot;: %2: %3</source>
        <translation>提示词 &quot;%1&quot;：%2：%3</translation>
    </message>
    <message>
        <source>judge: %1/5: %2</source>
        <translation>评审：%1/5：%2</translation>
    </message>
    <message>
        <source>prompt &quot;%1&quot;: %2.turn: the prompt&apos;s turns are 1 to %3</source>
        <translation>提示词“%1”：%2.turn：该提示词的轮次为 1 到 %3</translation>
    </message>
</context>
<context>
    <name>ResultExporter</name>
    <message>
        <source>exporting run %1: the output is not open for writing</source>
        <translation>导出运行 %1：输出未以写入方式打开</translation>
    </message>
    <message>
        <source>exporting run %1: writing failed: %2</source>
        <translation>导出运行 %1：写入失败：%2</translation>
    </message>
</context>
<context>
    <name>ResultPairs</name>
    <message>
        <source>run %1 has one model: there is nothing to compare</source>
        <translation>运行 %1 只有一个模型：没有可比较的内容</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>tie</source>
        <translation>平局</translation>
    </message>
    <message>
        <source>%1 better</source>
        <translation>%1 更好</translation>
    </message>
    <message>
        <source>run %1 has no models %2 and %3 to compare</source>
        <translation>运行 %1 没有可比较的模型 %2 和 %3</translation>
    </message>
</context>
<context>
    <name>RoutingPolicy</name>
    <message>
        <source>set by hand</source>
        <translation>手动设置</translation>
    </message>
    <message>
        <source>the policy does not match its schema: %1</source>
        <translation>策略不符合其架构：%1</translation>
    </message>
    <message>
        <source>errors not shown: %1</source>
        <translation>另有 %1 个错误未显示</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of the policy&apos;s models (%2)</source>
        <translation>&quot;%1&quot; 不是该策略的模型之一（%2）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an ISO-8601 time</source>
        <translation>&quot;%1&quot; 不是 ISO-8601 格式的时间</translation>
    </message>
    <message>
        <source>category &quot;%1&quot; has a route already</source>
        <translation>类别 &quot;%1&quot; 已有路由</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not the model id of &quot;%2&quot; in /models</source>
        <translation>&quot;%1&quot; 不是 /models 中 &quot;%2&quot; 的模型 id</translation>
    </message>
    <message>
        <source>%1: cannot read the policy file: %2</source>
        <translation>%1：无法读取策略文件：%2</translation>
    </message>
    <message>
        <source>%1: %2 bytes is too large for a policy file</source>
        <translation>%1：%2 字节，超出策略文件的大小上限</translation>
    </message>
    <message>
        <source>%1: not JSON at byte %2: %3</source>
        <translation>%1：第 %2 字节处不是有效的 JSON：%3</translation>
    </message>
    <message>
        <source>%1: /: a policy file is a JSON object</source>
        <translation>%1：/：策略文件应为 JSON 对象</translation>
    </message>
    <message>
        <source>%1: more than %2 bytes is too large for a policy file</source>
        <translation>%1：超过 %2 字节，超出策略文件的大小上限</translation>
    </message>
    <message>
        <source>not a Tierlens policy file (schema version %1): %2</source>
        <translation>不是 Tierlens 策略文件（模式版本 %1）：%2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is missing from the ladder</source>
        <translation>阶梯中缺少“%1”</translation>
    </message>
    <message>
        <source>no run to derive a policy from</source>
        <translation>没有可用于推导策略的运行</translation>
    </message>
    <message>
        <source>run %1 is a judge run; a policy comes from shadow runs</source>
        <translation>运行 %1 是评审运行；策略来自影子运行</translation>
    </message>
    <message>
        <source>no model&apos;s answers here have a verdict (assertions, the judge or people&apos;s ratings); routed by the rule (%1) until they do</source>
        <translation>此处没有任何模型的回答有判定（断言、评审或人工评分）；在有判定之前按规则（%1）路由</translation>
    </message>
    <message>
        <source>only %1 has verdicts here; routed by the rule (%2) until another model is judged on these prompts</source>
        <translation>此处只有 %1 有判定；在另一个模型在这些提示词上得到判定之前按规则（%2）路由</translation>
    </message>
    <message>
        <source>fewer than %1 distinct prompts for a model (the fewest: %2); routed by the rule (%3) until %4 more prompts per model settle it</source>
        <translation>某个模型的不同提示词少于 %1 个（最少：%2）；在每个模型再有 %4 个提示词定论之前按规则（%3）路由</translation>
    </message>
    <message>
        <source>%1 - %2 = %3 (%4 to %5) over %6 prompts at %7%</source>
        <translation>%1 - %2 = %3（%4 至 %5），基于 %6 个提示词，置信度 %7%</translation>
    </message>
    <message>
        <source>%1 is shown better than the cheaper models by more than %2: %3</source>
        <translation>%1 被证明比更便宜的模型好出 %2 以上：%3</translation>
    </message>
    <message>
        <source>%1 is the cheapest and the best here</source>
        <translation>%1 在此既最便宜又最好</translation>
    </message>
    <message>
        <source>no pricier model is shown better by more than %1: %2</source>
        <translation>没有更贵的模型被证明好出 %1 以上：%2</translation>
    </message>
    <message>
        <source>%1 is shown within %2 of the best (%3): %4</source>
        <translation>%1 被证明与最佳模型（%3）相差在 %2 以内：%4</translation>
    </message>
    <message>
        <source>no cheaper model is shown within %1 of %2: %3</source>
        <translation>没有更便宜的模型被证明与 %2 相差在 %1 以内：%3</translation>
    </message>
    <message>
        <source>undecided: about %1 more distinct prompts per model would settle it</source>
        <translation>未定：每个模型约再需 %1 个不同的提示词即可定论</translation>
    </message>
    <message>
        <source>undecided: the difference sits on the threshold</source>
        <translation>未定：差异正落在阈值上</translation>
    </message>
    <message>
        <source>nothing was judged: the cheapest model</source>
        <translation>没有任何判定：最便宜的模型</translation>
    </message>
    <message>
        <source>tolerance must be 0..1, confidence between 0 and 1, min prompts at least 1 and the look 1..%1</source>
        <translation>容差必须在 0..1 之间，置信度在 0 与 1 之间，最少提示词数至少为 1，查看次数为 1..%1</translation>
    </message>
    <message numerus="yes">
        <source>a policy chooses between models: the runs have %n</source>
        <translation>
            <numerusform>策略在模型之间选择：这些运行只有 %n 个模型</numerusform>
        </translation>
    </message>
    <message>
        <source>decided at look %1, kept: %2</source>
        <translation>在第 %1 次查看时已定，保留：%2</translation>
    </message>
</context>
<context>
    <name>RunComparison</name>
    <message>
        <source>runs %1 and %2 used different prompt sets; compare runs of one set</source>
        <translation>运行 %1 和 %2 使用了不同的提示集；请比较同一提示集的运行</translation>
    </message>
    <message>
        <source>items</source>
        <translation>项</translation>
    </message>
    <message>
        <source>prompts with a verdict</source>
        <translation>有判定的提示</translation>
    </message>
    <message>
        <source>pass rate (over prompts)</source>
        <translation>通过率（按提示）</translation>
    </message>
    <message>
        <source>ok rate</source>
        <translation>成功率</translation>
    </message>
    <message>
        <source>error rate</source>
        <translation>错误率</translation>
    </message>
    <message>
        <source>retries per item</source>
        <translation>每项重试次数</translation>
    </message>
    <message>
        <source>cost per item USD</source>
        <translation>每项费用（美元）</translation>
    </message>
    <message>
        <source>latency p50 ms</source>
        <translation>延迟 p50 毫秒</translation>
    </message>
    <message>
        <source>ttft p50 ms</source>
        <translation>首 token 时间 p50 毫秒</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>What changed from run %1 to run %2 (%3), per item: runs with different repeats compare</source>
        <translation>从运行 %1 到运行 %2（%3）的变化，按项计算：重复次数不同的运行也可比较</translation>
    </message>
    <message>
        <source>Prompts whose verdict changed: %1; whose first answer changed with the same verdict: %2</source>
        <translation>判定改变的提示：%1；判定不变但首个回答改变的提示：%2</translation>
    </message>
    <message>
        <source>no verdict</source>
        <translation>无判定</translation>
    </message>
    <message>
        <source>%1 · %2: answer changed</source>
        <translation>%1 · %2：回答已改变</translation>
    </message>
    <message>
        <source>%1 · %2: %3 → %4%5</source>
        <translation>%1 · %2：%3 → %4%5</translation>
    </message>
    <message>
        <source>, answer changed</source>
        <translation>，回答已改变</translation>
    </message>
</context>
<context>
    <name>RunConfig</name>
    <message>
        <source>no model to run against</source>
        <translation>没有可运行的模型</translation>
    </message>
    <message>
        <source>a model has no label</source>
        <translation>有一个模型没有标签</translation>
    </message>
    <message>
        <source>two models are labelled &quot;%1&quot;</source>
        <translation>有两个模型的标签都是 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>model &quot;%1&quot;: &quot;%2&quot; is not an http(s) base URL</source>
        <translation>模型 &quot;%1&quot;：&quot;%2&quot; 不是 http(s) base URL</translation>
    </message>
    <message>
        <source>model &quot;%1&quot;: no model id</source>
        <translation>模型 &quot;%1&quot;：没有模型 id</translation>
    </message>
    <message>
        <source>model &quot;%1&quot;: concurrency must be positive</source>
        <translation>模型 &quot;%1&quot;：并发数必须为正数</translation>
    </message>
    <message>
        <source>repeat must be at least 1</source>
        <translation>重复次数至少为 1</translation>
    </message>
    <message>
        <source>max attempts must be at least 1</source>
        <translation>最大尝试次数至少为 1</translation>
    </message>
    <message>
        <source>model &quot;%1&quot;: %2 is plain http:// to a host that is not this machine; its API key (%3) would cross the network unencrypted</source>
        <translation>模型 &quot;%1&quot;：%2 是指向非本机主机的明文 http:// 地址；其 API 密钥（%3）将以未加密方式在网络上传输</translation>
    </message>
    <message>
        <source>model &quot;%1&quot;: HTTP/2 with prior knowledge is for http:// base URLs (https:// negotiates it)</source>
        <translation>模型“%1”：prior knowledge 方式的 HTTP/2 只用于 http:// 基础 URL（https:// 会自行协商）</translation>
    </message>
    <message>
        <source>models[%1].%2</source>
        <translation>models[%1].%2</translation>
    </message>
    <message>
        <source>the number of errors that stop a run cannot be negative</source>
        <translation>停止运行所需的错误数不能为负数</translation>
    </message>
</context>
<context>
    <name>RunLease</name>
    <message>
        <source>process %1 on %2</source>
        <translation>%2 上的进程 %1</translation>
    </message>
    <message>
        <source>%1, last heard of %2 s ago</source>
        <translation>%1，最后一次心跳在 %2 秒前</translation>
    </message>
</context>
<context>
    <name>RunReasons</name>
    <message>
        <source>the call failed: %1</source>
        <translation>调用失败：%1</translation>
    </message>
    <message>
        <source>the judge preferred %1: %2</source>
        <translation>评审更偏好 %1：%2</translation>
    </message>
    <message>
        <source>%1 rated it a fail</source>
        <translation>%1 评为不通过</translation>
    </message>
    <message>
        <source>%1 rated it a fail: %2</source>
        <translation>%1 评为不通过：%2</translation>
    </message>
    <message>
        <source>waiting for the judge</source>
        <translation>等待评审</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>repeat</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>verdict from</source>
        <translation>判定来源</translation>
    </message>
    <message>
        <source>why</source>
        <translation>原因</translation>
    </message>
    <message numerus="yes">
        <source>%n failed item(s) of %1</source>
        <translation>
            <numerusform>%1 个条目中有 %n 个失败</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShadowOptions</name>
    <message>
        <source>the primary model needs a label, a base URL and a model id (LABEL=BASE_URL#MODEL_ID)</source>
        <translation>主模型需要标签、基础 URL 和模型 ID（LABEL=BASE_URL#MODEL_ID）</translation>
    </message>
    <message>
        <source>at least one shadow model is needed: what would the requests be compared with?</source>
        <translation>至少需要一个影子模型：否则请求要与什么比较？</translation>
    </message>
    <message>
        <source>the sample is a share of requests, from 0 to 1, not %1</source>
        <translation>采样比例是请求所占的比例，应在 0 到 1 之间，而不是 %1</translation>
    </message>
    <message>
        <source>the shadow concurrency must be at least 1, not %1</source>
        <translation>影子并发数必须至少为 1，而不是 %1</translation>
    </message>
    <message>
        <source>the shadow spend limit must be a non-negative amount, not %1</source>
        <translation>影子花费上限必须是非负金额，而不是 %1</translation>
    </message>
    <message>
        <source>listening on %1, which is not this machine&apos;s loopback, needs a shadow token that clients send (X-Tierlens-Token): anyone who reaches the port could otherwise spend the candidates&apos; keys</source>
        <translation>在 %1 上监听（这不是本机的回环地址）需要设置一个由客户端发送的影子令牌（X-Tierlens-Token）：否则任何能访问该端口的人都能消耗候选模型密钥的额度</translation>
    </message>
    <message>
        <source>the timeout must be positive</source>
        <translation>超时时间必须为正数</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a regular expression: %3</source>
        <translation>%1：&quot;%2&quot; 不是有效的正则表达式：%3</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>内容为空</translation>
    </message>
    <message>
        <source>category rule &quot;%1&quot;: expected REGEX=CATEGORY</source>
        <translation>类别规则 &quot;%1&quot;：应为 REGEX=CATEGORY</translation>
    </message>
    <message>
        <source>category rule &quot;%1&quot;</source>
        <translation>类别规则 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>expected ADDRESS:PORT, such as 127.0.0.1:8788 or [::1]:8788 (an IP address, not a host name), not &quot;%1&quot;</source>
        <translation>应为 ADDRESS:PORT，例如 127.0.0.1:8788 或 [::1]:8788（须为 IP 地址，而不是主机名），而不是 &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>SimConfig</name>
    <message>
        <source>&quot;%1&quot;: expected MODEL=VALUE</source>
        <translation>&quot;%1&quot;：应为 模型=值</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: &quot;%2&quot; is not a number</source>
        <translation>&quot;%1&quot;：&quot;%2&quot; 不是数字</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: expected MODEL=MODE</source>
        <translation>&quot;%1&quot;：应为 模型=模式</translation>
    </message>
</context>
<context>
    <name>SimFault</name>
    <message>
        <source>&quot;%1&quot;: unknown fault mode; one of %2</source>
        <translation>&quot;%1&quot;：未知的故障模式；应为 %2 之一</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: expected KEY=NUMBER</source>
        <translation>&quot;%1&quot;：应为 键=数字</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: value out of range</source>
        <translation>&quot;%1&quot;：值超出范围</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: unknown fault parameter; one of rate, burst, retry_after_ms, wait_ms, drip_ms, tokens</source>
        <translation>&quot;%1&quot;：未知的故障参数；应为 rate、burst、retry_after_ms、wait_ms、drip_ms、tokens 之一</translation>
    </message>
</context>
<context>
    <name>StatisticsFigures</name>
    <message>
        <source>n/a</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 [%2, %3] n=%4</source>
        <translation>%1 [%2, %3] n=%4</translation>
    </message>
    <message>
        <source>%1 per item (%2 per success) n=%3</source>
        <translation>每条目 %1（每成功条目 %2）n=%3</translation>
    </message>
    <message>
        <source>p50 %1, p90 %2, p99 %3 n=%4</source>
        <translation>p50 %1，p90 %2，p99 %3 n=%4</translation>
    </message>
    <message>
        <source>min %1, p1 %2, p25 %3, median %4, p75 %5, p99 %6, max %7 n=%8</source>
        <translation>最小值 %1，p1 %2，p25 %3，中位数 %4，p75 %5，p99 %6，最大值 %7 n=%8</translation>
    </message>
    <message>
        <source>run %1 (%2)</source>
        <translation>运行 %1（%2）</translation>
    </message>
    <message>
        <source>all categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Pass rate by category</source>
        <translation>各类别通过率</translation>
    </message>
    <message>
        <source>pass rate</source>
        <translation>通过率</translation>
    </message>
    <message>
        <source>Cost per item by category</source>
        <translation>各类别每条目费用</translation>
    </message>
    <message>
        <source>USD per item</source>
        <translation>每条目 USD</translation>
    </message>
    <message>
        <source>Latency by category (median)</source>
        <translation>各类别延迟（中位数）</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Latency distribution</source>
        <translation>延迟分布</translation>
    </message>
    <message>
        <source>Time to first token distribution</source>
        <translation>首 token 延迟分布</translation>
    </message>
    <message>
        <source>Output tokens per second (median)</source>
        <translation>每秒输出 token 数（中位数）</translation>
    </message>
    <message>
        <source>tokens/s</source>
        <translation>tokens/s</translation>
    </message>
    <message>
        <source>Cost against quality</source>
        <translation>费用与质量</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 by category</source>
        <translation>%1（按类别）</translation>
    </message>
    <message>
        <source>Pass rate across runs</source>
        <translation>各次运行的通过率</translation>
    </message>
    <message>
        <source>Cost per item across runs</source>
        <translation>各次运行的每条目费用</translation>
    </message>
    <message>
        <source>Median latency across runs</source>
        <translation>各次运行的延迟中位数</translation>
    </message>
    <message>
        <source>run %1 · %2</source>
        <translation>运行 %1 · %2</translation>
    </message>
    <message>
        <source>runs %1 · %2</source>
        <translation>运行 %1 · %2</translation>
    </message>
    <message>
        <source> vs </source>
        <translation> 对比 </translation>
    </message>
</context>
<context>
    <name>StatisticsTables</name>
    <message>
        <source>%1 [%2, %3] n=%4</source>
        <translation>%1 [%2, %3] n=%4</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>%1 / %2 / %3 n=%4</source>
        <translation>%1 / %2 / %3 n=%4</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>no informative pair (n=%1)</source>
        <translation>没有提供信息的配对（n=%1）</translation>
    </message>
    <message>
        <source>p=%1 (%2 of %3 pairs, %4)</source>
        <translation>p=%1（%3 对中的 %2 对，%4）</translation>
    </message>
    <message>
        <source>%1 / %2 / %3 ties (n=%4)</source>
        <translation>%1 / %2 / %3 平局（n=%4）</translation>
    </message>
    <message>
        <source>Models over every category</source>
        <translation>各模型（全部类别）</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>items</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>pass rate</source>
        <translation>通过率</translation>
    </message>
    <message>
        <source>mean score</source>
        <translation>平均得分</translation>
    </message>
    <message>
        <source>latency ms</source>
        <translation>延迟 ms</translation>
    </message>
    <message>
        <source>TTFT ms</source>
        <translation>TTFT ms</translation>
    </message>
    <message>
        <source>tokens/s</source>
        <translation>tokens/s</translation>
    </message>
    <message>
        <source>retries/item</source>
        <translation>重试/条目</translation>
    </message>
    <message>
        <source>errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>JSON valid</source>
        <translation>JSON 有效</translation>
    </message>
    <message>
        <source>tool calls valid</source>
        <translation>工具调用有效</translation>
    </message>
    <message>
        <source>prompt tokens</source>
        <translation>输入 token</translation>
    </message>
    <message>
        <source>cache hit</source>
        <translation>缓存命中</translation>
    </message>
    <message>
        <source>completion</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>reasoning</source>
        <translation>推理</translation>
    </message>
    <message>
        <source>cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>cost/item</source>
        <translation>费用/条目</translation>
    </message>
    <message>
        <source>cost/success</source>
        <translation>费用/成功条目</translation>
    </message>
    <message>
        <source>Per category</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>both pass</source>
        <translation>均通过</translation>
    </message>
    <message>
        <source>McNemar</source>
        <translation>McNemar</translation>
    </message>
    <message>
        <source>Wilcoxon (scores)</source>
        <translation>Wilcoxon（得分）</translation>
    </message>
    <message>
        <source>people prefer</source>
        <translation>人工偏好</translation>
    </message>
    <message>
        <source>judge prefers</source>
        <translation>评审偏好</translation>
    </message>
    <message>
        <source>Models over the categories %1</source>
        <translation>各模型在类别 %1 上的表现</translation>
    </message>
    <message>
        <source>The prompt is the sampling unit: a pass rate is the mean of each prompt&apos;s share of passing items (repeats and runs of a prompt average into one), with a %1% Wilson interval over the prompts (n); mean scores (1-5) per prompt with %1% bootstrap intervals; quality from: %2. Latency, time to first token and tokens/s as p50 / p90 / p99 of the ok results. Cost counts every billed attempt, retries and unfinished items included.</source>
        <translation>提示词是抽样单位：通过率是每个提示词通过条目比例的平均值（同一提示词的重复和多次运行合并为一个），附基于提示词的 %1% Wilson 区间（n）；平均评分（1-5）按提示词计算，附 %1% bootstrap 区间；质量来源：%2。延迟、首个 token 时间和 token/秒为成功结果的 p50 / p90 / p99。费用计入每次计费的尝试，包括重试和未完成的条目。</translation>
    </message>
    <message>
        <source>The same figures per prompt category. items: items with a result; the pass rate&apos;s n: distinct prompts with a verdict.</source>
        <translation>按提示词类别列出的相同数字。条目：有结果的条目；通过率的 n：有判定的不同提示词数。</translation>
    </message>
    <message>
        <source>Every two models on the same prompts</source>
        <translation>每两个模型在相同提示词上的比较</translation>
    </message>
    <message>
        <source>Per prompt both models answered: the difference of the pass rates (first minus second) with Newcombe&apos;s %1% interval for paired data, prompts where the first or the second model did better, McNemar&apos;s test with prompts as pairs, Wilcoxon&apos;s signed-rank test on the prompts&apos; mean score differences; p-values are two-sided. Preferences: first wins / second wins / ties.</source>
        <translation>基于两个模型都回答了的提示词：通过率之差（前者减后者）及 Newcombe 配对数据 %1% 区间，前者或后者更好的提示词数，以提示词为配对的 McNemar 检验，基于提示词平均评分差的 Wilcoxon 符号秩检验；p 值为双侧。偏好：前者胜 / 后者胜 / 平局。</translation>
    </message>
    <message>
        <source>first - second</source>
        <translation>前者 - 后者</translation>
    </message>
    <message>
        <source>difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>first better</source>
        <translation>前者更好</translation>
    </message>
    <message>
        <source>second better</source>
        <translation>后者更好</translation>
    </message>
    <message>
        <source>%1 - %2</source>
        <translation>%1 - %2</translation>
    </message>
</context>
<context>
    <name>Store</name>
    <message>
        <source>Cannot open the store %1: %2</source>
        <translation>无法打开存储库 %1：%2</translation>
    </message>
    <message>
        <source>no SQL dialect for driver %1</source>
        <translation>驱动 %1 没有对应的 SQL 方言</translation>
    </message>
    <message>
        <source>reading the schema version: %1</source>
        <translation>读取数据库结构版本：%1</translation>
    </message>
    <message>
        <source>the Qt SQLite driver (QSQLITE) is not installed</source>
        <translation>未安装 Qt SQLite 驱动（QSQLITE）</translation>
    </message>
    <message>
        <source>it was written by a newer version of Tierlens (schema version %1; this build knows up to %2)</source>
        <translation>它由更新版本的 Tierlens 写入（数据库结构版本 %1；此版本程序最高只支持 %2）</translation>
    </message>
    <message>
        <source>configuring the connection: %1</source>
        <translation>配置连接：%1</translation>
    </message>
    <message>
        <source>the store %1 was used from a thread other than the one that opened it</source>
        <translation>存储库 %1 被打开它的线程以外的线程使用</translation>
    </message>
    <message>
        <source>attempt_no is %1; attempts are numbered from 1</source>
        <translation>attempt_no 为 %1；尝试从 1 开始编号</translation>
    </message>
    <message>
        <source>repeat_index is %1; repeats are numbered from 0</source>
        <translation>repeat_index 为 %1；重复从 0 开始编号</translation>
    </message>
    <message>
        <source>started_at is not set</source>
        <translation>未设置 started_at</translation>
    </message>
    <message>
        <source>preparing the attempt insert</source>
        <translation>准备插入尝试记录</translation>
    </message>
    <message>
        <source>preparing the result insert</source>
        <translation>准备插入结果记录</translation>
    </message>
    <message numerus="yes">
        <source>recording %n attempts of run %1</source>
        <translation>
            <numerusform>记录运行 %1 的 %n 次尝试</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: row %2 of the batch: %3</source>
        <translation>%1：批次中的第 %2 行：%3</translation>
    </message>
    <message>
        <source>%1: row %2 of the batch</source>
        <translation>%1：批次中的第 %2 行</translation>
    </message>
    <message>
        <source>reading the attempts of run %1</source>
        <translation>读取运行 %1 的尝试记录</translation>
    </message>
    <message>
        <source>reading the completed items of run %1</source>
        <translation>读取运行 %1 已完成的条目</translation>
    </message>
    <message>
        <source>reading the unfinished items of run %1</source>
        <translation>读取运行 %1 未完成的条目</translation>
    </message>
    <message>
        <source>saving prompt set &apos;%1&apos;</source>
        <translation>保存提示词集 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1: the set has no name</source>
        <translation>%1：提示词集没有名称</translation>
    </message>
    <message>
        <source>%1: prompt %2 has no id</source>
        <translation>%1：第 %2 条提示词没有 id</translation>
    </message>
    <message>
        <source>%1: prompt id &apos;%2&apos; appears twice (prompts %3 and %4)</source>
        <translation>%1：提示词 id &apos;%2&apos; 出现了两次（第 %3 条和第 %4 条提示词）</translation>
    </message>
    <message>
        <source>%1: the stored set %2 with the same hash has no prompt &apos;%3&apos;</source>
        <translation>%1：已存储的、哈希相同的提示词集 %2 中没有提示词 &apos;%3&apos;</translation>
    </message>
    <message>
        <source>loading prompt set %1</source>
        <translation>加载提示词集 %1</translation>
    </message>
    <message>
        <source>listing prompt sets</source>
        <translation>列出提示词集</translation>
    </message>
    <message>
        <source>rating result %1</source>
        <translation>为结果 %1 评分</translation>
    </message>
    <message>
        <source>%1: score is %2; it must be between 1 and 5</source>
        <translation>%1：评分为 %2；评分必须在 1 到 5 之间</translation>
    </message>
    <message>
        <source>%1: preference is &apos;%2&apos;; it must be left, right or tie</source>
        <translation>%1：偏好为 &apos;%2&apos;；必须是 left、right 或 tie</translation>
    </message>
    <message>
        <source>reading the ratings of result %1</source>
        <translation>读取结果 %1 的评分</translation>
    </message>
    <message>
        <source>summing run %1 by model</source>
        <translation>按模型汇总运行 %1</translation>
    </message>
    <message>
        <source>exporting the results of run %1</source>
        <translation>导出运行 %1 的结果</translation>
    </message>
    <message>
        <source>creating a run of prompt set %1</source>
        <translation>为提示词集 %1 创建运行</translation>
    </message>
    <message>
        <source>%1: unknown status &apos;%2&apos;</source>
        <translation>%1：未知状态 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>%1: the run has no models</source>
        <translation>%1：该运行没有模型</translation>
    </message>
    <message>
        <source>%1: model &apos;%2&apos;: api_key_env must name an environment variable, not hold a key</source>
        <translation>%1：模型 &apos;%2&apos;：api_key_env 必须是环境变量的名称，而不能是密钥本身</translation>
    </message>
    <message>
        <source>%1: %2 looks like an API key; the store keeps only environment variable names</source>
        <translation>%1：%2 看起来像是 API 密钥；存储库只保存环境变量名</translation>
    </message>
    <message>
        <source>loading run %1</source>
        <translation>加载运行 %1</translation>
    </message>
    <message>
        <source>%1: no such run</source>
        <translation>%1：运行不存在</translation>
    </message>
    <message>
        <source>listing runs</source>
        <translation>列出运行</translation>
    </message>
    <message>
        <source>finishing run %1</source>
        <translation>结束运行 %1</translation>
    </message>
    <message>
        <source>recording the client lag of run %1</source>
        <translation>记录运行 %1 的客户端延迟</translation>
    </message>
    <message>
        <source>deleting run %1</source>
        <translation>删除运行 %1</translation>
    </message>
    <message numerus="yes">
        <source>recording the checks of %n result(s)</source>
        <translation>
            <numerusform>记录 %n 条结果的检查</numerusform>
        </translation>
    </message>
    <message>
        <source>reading the checks of attempt %1</source>
        <translation>读取尝试 %1 的检查</translation>
    </message>
    <message>
        <source>updating the assertions of prompt set %1</source>
        <translation>更新提示词集 %1 的断言</translation>
    </message>
    <message>
        <source>%1: there is no such prompt set</source>
        <translation>%1：没有这个提示词集</translation>
    </message>
    <message numerus="yes">
        <source>recording %n judge verdict(s)</source>
        <translation>
            <numerusform>记录 %n 条评审结论</numerusform>
        </translation>
    </message>
    <message>
        <source>reading the judge verdicts of run %1</source>
        <translation>读取运行 %1 的评审结论</translation>
    </message>
    <message>
        <source>reading the ratings of run %1</source>
        <translation>读取运行 %1 的评分</translation>
    </message>
    <message>
        <source>reading the measured answer lengths of %1</source>
        <translation>读取 %1 的实测回答长度</translation>
    </message>
    <message>
        <source>reading the checks of run %1</source>
        <translation>读取运行 %1 的检查结果</translation>
    </message>
    <message>
        <source>finding the judge runs of run %1</source>
        <translation>查找运行 %1 的评审运行</translation>
    </message>
    <message>
        <source>summing tokens by group</source>
        <translation>按分组汇总 token</translation>
    </message>
    <message>
        <source>reading the scores of results</source>
        <translation>读取结果的得分</translation>
    </message>
    <message>
        <source>reading people&apos;s preferences</source>
        <translation>读取人工偏好</translation>
    </message>
    <message>
        <source>reading the judge&apos;s preferences</source>
        <translation>读取评审偏好</translation>
    </message>
    <message>
        <source>Cannot open the store: %1</source>
        <translation>无法打开存储库：%1</translation>
    </message>
    <message>
        <source>the Qt PostgreSQL driver (QPSQL) is not installed (Debian: libqt6sql6-psql)</source>
        <translation>未安装 Qt PostgreSQL 驱动（QPSQL）（Debian：libqt6sql6-psql）</translation>
    </message>
    <message>
        <source>the file is read-only</source>
        <translation>该文件是只读的</translation>
    </message>
    <message>
        <source>its folder %1 cannot be written, and SQLite keeps its -wal and -shm files there</source>
        <translation>其所在文件夹 %1 不可写，而 SQLite 要在该文件夹中保存 -wal 和 -shm 文件</translation>
    </message>
    <message>
        <source>Cannot write to the store %1: %2</source>
        <translation>无法写入存储库 %1：%2</translation>
    </message>
    <message>
        <source>it is a folder, not a database file</source>
        <translation>它是一个文件夹，不是数据库文件</translation>
    </message>
    <message>
        <source>there is no such file</source>
        <translation>该文件不存在</translation>
    </message>
    <message>
        <source>its folder %1 does not exist</source>
        <translation>其所在文件夹 %1 不存在</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 以及另外 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Tierlens left it untouched; choose another file, or a new one</source>
        <translation>Tierlens 未对其做任何改动；请选择其他文件或新建一个</translation>
    </message>
    <message>
        <source>it is not a Tierlens workspace: it is marked as another application&apos;s database (application_id 0x%1). %2</source>
        <translation>它不是 Tierlens 工作区：它被标记为其他应用程序的数据库（application_id 0x%1）。%2</translation>
    </message>
    <message>
        <source>it is not a Tierlens workspace: it holds tables of another application (%1). %2</source>
        <translation>它不是 Tierlens 工作区：其中包含其他应用程序的表（%1）。%2</translation>
    </message>
    <message>
        <source>it is not a Tierlens workspace: it carries no Tierlens mark and its schema version is %1. %2</source>
        <translation>它不是 Tierlens 工作区：它没有 Tierlens 标记，且其结构版本为 %1。%2</translation>
    </message>
    <message>
        <source>the database %1 is damaged (%2); Tierlens reads what it can and writes nothing more to it. Restore it from a backup, or copy out what is readable with: sqlite3 %1 .recover</source>
        <translation>数据库 %1 已损坏（%2）；Tierlens 会读取尚可读取的内容，但不会再向其写入任何数据。请从备份恢复，或用以下命令导出仍可读取的内容：sqlite3 %1 .recover</translation>
    </message>
    <message>
        <source>Cannot check the store %1: %2</source>
        <translation>无法检查存储 %1：%2</translation>
    </message>
    <message>
        <source>the prompt set of run %1 is missing</source>
        <translation>运行 %1 的提示词集缺失</translation>
    </message>
    <message>
        <source>there is no run %1 in %2</source>
        <translation>%2 中没有运行 %1</translation>
    </message>
    <message>
        <source>taking run %1 for this process</source>
        <translation>由本进程接管运行 %1</translation>
    </message>
    <message>
        <source>run %1 is being sent by another process (%2); wait for it to end, or stop it, before resuming</source>
        <translation>运行 %1 正由另一个进程发送（%2）；请等待其结束或将其停止后再继续</translation>
    </message>
    <message>
        <source>run %1 was taken by another process at the same moment; it is being sent there</source>
        <translation>运行 %1 在同一时刻被另一个进程接管；它正在那里发送</translation>
    </message>
    <message>
        <source>renewing this process&apos;s hold on run %1</source>
        <translation>续期本进程对运行 %1 的占用</translation>
    </message>
    <message>
        <source>another process has taken over run %1</source>
        <translation>另一个进程已接管运行 %1</translation>
    </message>
    <message>
        <source>letting run %1 go</source>
        <translation>释放运行 %1</translation>
    </message>
    <message>
        <source>reading the verdicts of results</source>
        <translation>读取结果的判定</translation>
    </message>
    <message>
        <source>reading when runs were created</source>
        <translation>读取运行的创建时间</translation>
    </message>
    <message>
        <source>reading the answers of run %1 turn by turn</source>
        <translation>逐轮读取运行 %1 的回答</translation>
    </message>
    <message>
        <source>reading the answers of prompt %1 (repeat %2) turn by turn</source>
        <translation>逐轮读取提示 %1(第 %2 次重复)的回答</translation>
    </message>
    <message>
        <source>reading whether judge run %1 judged run %2</source>
        <translation>读取评判运行 %1 是否评判过运行 %2</translation>
    </message>
    <message>
        <source>reading result %1</source>
        <translation>读取结果 %1</translation>
    </message>
    <message>
        <source>%1: no such result</source>
        <translation>%1:没有这个结果</translation>
    </message>
    <message>
        <source>listing the results of run %1</source>
        <translation>列出运行 %1 的结果</translation>
    </message>
    <message>
        <source>preparing the check inserts</source>
        <translation>准备检查结果的写入语句</translation>
    </message>
    <message numerus="yes">
        <source>adding %n prompt(s) to prompt set %1</source>
        <translation>
            <numerusform>向提示词集 %1 添加 %n 个提示词</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StoreCopy</name>
    <message>
        <source>judge run %1: a verdict names an attempt the copy of run %2 lacks</source>
        <translation>评审运行 %1：某条评审结论引用的尝试在运行 %2 的副本中不存在</translation>
    </message>
    <message>
        <source>run %1 judges run %2, which is not being copied</source>
        <translation>运行 %1 评审的是运行 %2，而后者不在本次复制范围内</translation>
    </message>
    <message>
        <source>there is no run %1 in %2</source>
        <translation>%2 中没有运行 %1</translation>
    </message>
    <message>
        <source>copying run %1: %2</source>
        <translation>复制运行 %1：%2</translation>
    </message>
</context>
<context>
    <name>StoreLocation</name>
    <message>
        <source>no database file given</source>
        <translation>未指定数据库文件</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>not a valid URL (%1)</source>
        <translation>不是有效的 URL（%1）</translation>
    </message>
    <message>
        <source>the URL holds a password; put it in PGPASSWORD, ~/.pgpass or the keychain instead, so that it is not kept in the settings and the shell history</source>
        <translation>URL 中包含密码；请改为将密码放在 PGPASSWORD、~/.pgpass 或密钥链中，以免它被保存在设置和 shell 历史记录中</translation>
    </message>
    <message>
        <source>expected postgresql://USER@HOST:PORT/DATABASE</source>
        <translation>应为 postgresql://USER@HOST:PORT/DATABASE</translation>
    </message>
    <message>
        <source>the URL holds a password; put it in PGPASSWORD, ~/.pgpass or the keychain instead</source>
        <translation>URL 中包含密码；请改为将密码放在 PGPASSWORD、~/.pgpass 或密钥链中</translation>
    </message>
    <message>
        <source>the option %1 cannot contain &apos;;&apos;</source>
        <translation>选项 %1 不能包含 &apos;;&apos;</translation>
    </message>
</context>
<context>
    <name>StoreMigrations</name>
    <message>
        <source>reading the schema version: %1</source>
        <translation>读取数据库结构版本：%1</translation>
    </message>
    <message>
        <source>the database has schema version %1, newer than this build knows (%2); use a newer Tierlens</source>
        <translation>数据库结构版本为 %1，高于此版本程序支持的版本（%2）；请使用更新版本的 Tierlens</translation>
    </message>
    <message>
        <source>starting the migration: %1</source>
        <translation>开始迁移：%1</translation>
    </message>
    <message>
        <source>migrating to schema version %1: %2</source>
        <translation>迁移到数据库结构版本 %1：%2</translation>
    </message>
    <message>
        <source>committing the migration: %1</source>
        <translation>提交迁移：%1</translation>
    </message>
</context>
<context>
    <name>TextReport</name>
    <message>
        <source>prompt set:</source>
        <translation>提示词集：</translation>
    </message>
    <message>
        <source>status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>created:</source>
        <translation>创建时间：</translation>
    </message>
    <message>
        <source>finished:</source>
        <translation>完成时间：</translation>
    </message>
    <message>
        <source>price book:</source>
        <translation>价格表：</translation>
    </message>
    <message>
        <source>client lag p95 ms:</source>
        <translation>客户端延迟 p95 ms：</translation>
    </message>
    <message>
        <source>Tierlens run %1</source>
        <translation>Tierlens 运行 %1</translation>
    </message>
    <message>
        <source>warning: client-side delay p95 %1 ms &gt; %2 ms is inside these latency figures</source>
        <translation>警告：以下延迟数据包含客户端侧延迟（p95 %1 ms &gt; %2 ms）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>model id</source>
        <translation>模型 id</translation>
    </message>
    <message>
        <source>base url</source>
        <translation>base URL</translation>
    </message>
    <message>
        <source>items</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>ok items</source>
        <translation>成功条目</translation>
    </message>
    <message>
        <source>attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>retries</source>
        <translation>重试次数</translation>
    </message>
    <message>
        <source>errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>prompt tokens</source>
        <translation>输入 token</translation>
    </message>
    <message>
        <source>completion tokens</source>
        <translation>输出 token</translation>
    </message>
    <message>
        <source>cache hit tokens</source>
        <translation>缓存命中 token</translation>
    </message>
    <message>
        <source>cache miss tokens</source>
        <translation>缓存未命中 token</translation>
    </message>
    <message>
        <source>reasoning tokens</source>
        <translation>推理 token</translation>
    </message>
    <message>
        <source>cost USD</source>
        <translation>费用 USD</translation>
    </message>
    <message>
        <source>latency p50 ms</source>
        <translation>延迟 p50 ms</translation>
    </message>
    <message>
        <source>latency p95 ms</source>
        <translation>延迟 p95 ms</translation>
    </message>
    <message>
        <source>ttft p50 ms</source>
        <translation>首 token 延迟 p50 ms</translation>
    </message>
    <message>
        <source>ttft p95 ms</source>
        <translation>首 token 延迟 p95 ms</translation>
    </message>
    <message>
        <source>output tok/s p50</source>
        <translation>输出 tok/s p50</translation>
    </message>
    <message>
        <source>figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>no item rated by both</source>
        <translation>没有双方都评过的条目</translation>
    </message>
    <message>
        <source>Cohen&apos;s kappa %1 (%2), n = %3</source>
        <translation>Cohen&apos;s kappa %1（%2），n = %3</translation>
    </message>
    <message>
        <source>judge run %1 (%2, %3): %4 calls, %5 retries, cost USD %6</source>
        <translation>评审运行 %1（%2，%3）：%4 次调用，%5 次重试，费用 USD %6</translation>
    </message>
    <message>
        <source>LLM judge</source>
        <translation>LLM 评审</translation>
    </message>
    <message>
        <source>flagged attempts</source>
        <translation>带标记的尝试</translation>
    </message>
    <message>
        <source>awaiting the judge</source>
        <translation>等待评审</translation>
    </message>
    <message>
        <source>Models (the whole run, every category)</source>
        <translation>模型（整个运行，所有类别）</translation>
    </message>
    <message>
        <source>The run&apos;s totals per model: every attempt, retries included; cost over every billed attempt.</source>
        <translation>每个模型的运行合计：所有尝试（含重试）；费用覆盖每一次计费的尝试。</translation>
    </message>
    <message>
        <source>verdicts</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>what the judge said</source>
        <translation>评审的结论</translation>
    </message>
    <message>
        <source>pairwise %1 / %2</source>
        <translation>成对比较 %1 / %2</translation>
    </message>
    <message>
        <source>%1 pairs; %2 wins %3, %4 wins %5, %6 ties (a win counts only when both orders agree)</source>
        <translation>%1 对；%2 胜 %3，%4 胜 %5，%6 平（仅当两种顺序一致时才计为胜）</translation>
    </message>
    <message>
        <source>rubric %1</source>
        <translation>评分标准 %1</translation>
    </message>
    <message>
        <source>mean %1 of 5 over %2 answers</source>
        <translation>%2 个回答的平均分 %1（满分 5）</translation>
    </message>
    <message>
        <source>agreement with people, pairwise</source>
        <translation>与人工的一致性，成对比较</translation>
    </message>
    <message>
        <source>agreement with people, rubric pass/fail</source>
        <translation>与人工的一致性，评分标准通过/不通过</translation>
    </message>
</context>
<context>
    <name>ValidationError</name>
    <message>
        <source>(root)</source>
        <translation>（根）</translation>
    </message>
    <message>
        <source>%1: %2: %3 (schema: %4)</source>
        <translation>%1：%2：%3（schema：%4）</translation>
    </message>
</context>
<context>
    <name>WhatIf</name>
    <message>
        <source>a month must have more than 0 days, not %1</source>
        <translation>每月天数必须大于 0，而不是 %1</translation>
    </message>
    <message>
        <source>requests per day for &quot;%1&quot; must be 0 or more, not %2</source>
        <translation>&quot;%1&quot; 的每日请求数必须大于或等于 0，而不是 %2</translation>
    </message>
    <message>
        <source>the policy routes to &quot;%1&quot;, which the runs do not have (they have %2)</source>
        <translation>策略路由到“%1”，但这些运行中没有该模型（它们有 %2）</translation>
    </message>
    <message>
        <source>the runs have no results in category &quot;%1&quot; (they have %2)</source>
        <translation>这些运行在类别“%1”中没有结果（它们有 %2）</translation>
    </message>
    <message>
        <source>no request in category &quot;%1&quot; was answered by its model; its cost is unknown</source>
        <translation>类别“%1”中没有请求由其模型回答；其费用未知</translation>
    </message>
</context>
<context>
    <name>WhatIfResult</name>
    <message>
        <source>serving</source>
        <translation>服务方案</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>请求数</translation>
    </message>
    <message>
        <source>pass rate</source>
        <translation>通过率</translation>
    </message>
    <message>
        <source>interval</source>
        <translation>区间</translation>
    </message>
    <message>
        <source>cost USD</source>
        <translation>费用 USD</translation>
    </message>
    <message>
        <source>per request</source>
        <translation>每请求</translation>
    </message>
    <message>
        <source>escalated</source>
        <translation>已升级</translation>
    </message>
    <message>
        <source>per month</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>all %1</source>
        <translation>全用 %1</translation>
    </message>
    <message>
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>route</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>policy pass</source>
        <translation>策略通过率</translation>
    </message>
    <message>
        <source>policy per request</source>
        <translation>策略每请求</translation>
    </message>
    <message>
        <source>%1 pass</source>
        <translation>%1 通过率</translation>
    </message>
    <message>
        <source>%1 per request</source>
        <translation>%1 每请求</translation>
    </message>
    <message>
        <source>requests/day</source>
        <translation>请求数/天</translation>
    </message>
    <message>
        <source>policy per month</source>
        <translation>策略每月</translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation>%1（默认）</translation>
    </message>
    <message>
        <source>A month is %1 days.</source>
        <translation>每月按 %1 天计。</translation>
    </message>
    <message>
        <source>What-if replay of run(s) %1: requests the policy&apos;s models answered: %2</source>
        <translation>运行 %1 的假设重放：由策略的模型回答的请求：%2</translation>
    </message>
    <message>
        <source> (left out, not answered by the route&apos;s model and the next one up: %1)</source>
        <translation>（未计入：路由模型及其上一级模型未都回答的：%1）</translation>
    </message>
</context>
<context>
    <name>YamlJson</name>
    <message>
        <source>invalid YAML: %1</source>
        <translation>YAML 无效：%1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>tierlens-cli: unknown command &quot;%1&quot;</source>
        <translation>tierlens-cli：未知命令 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>DeepSeek-compatible API simulator.</source>
        <translation>与 DeepSeek 兼容的 API 模拟器。</translation>
    </message>
    <message>
        <source>Address to listen on.</source>
        <translation>监听地址。</translation>
    </message>
    <message>
        <source>Port; 0 picks a free one.</source>
        <translation>端口；0 表示自动选择一个空闲端口。</translation>
    </message>
    <message>
        <source>Seed of every random choice.</source>
        <translation>所有随机选择所用的种子。</translation>
    </message>
    <message>
        <source>Multiplies every delay (0.05: 20x faster).</source>
        <translation>所有延迟乘以此系数（0.05：快 20 倍）。</translation>
    </message>
    <message>
        <source>JSON file overriding model profiles.</source>
        <translation>覆盖模型配置的 JSON 文件。</translation>
    </message>
    <message>
        <source>Only accept this Bearer key.</source>
        <translation>只接受此 Bearer 密钥。</translation>
    </message>
    <message>
        <source>Injected error fraction, e.g. deepseek-v4-pro=0.05.</source>
        <translation>注入错误的比例，例如 deepseek-v4-pro=0.05。</translation>
    </message>
    <message>
        <source>Queue wait before a request starts.</source>
        <translation>请求开始处理前的排队等待时间。</translation>
    </message>
    <message>
        <source>Requests in progress before 429.</source>
        <translation>返回 429 之前允许同时处理的请求数。</translation>
    </message>
    <message>
        <source>Keep-alive interval while queued.</source>
        <translation>排队期间发送 keep-alive 的间隔。</translation>
    </message>
    <message>
        <source>No per-request log on stderr.</source>
        <translation>不在 stderr 上输出每个请求的日志。</translation>
    </message>
    <message>
        <source>--seed: &quot;%1&quot; is not a non-negative integer</source>
        <translation>--seed：&quot;%1&quot; 不是非负整数</translation>
    </message>
    <message>
        <source>--time-scale: &quot;%1&quot; is not a number &gt;= 0</source>
        <translation>--time-scale：&quot;%1&quot; 不是大于或等于 0 的数</translation>
    </message>
    <message>
        <source>--keepalive-ms: &quot;%1&quot; is not a number &gt; 0</source>
        <translation>--keepalive-ms：&quot;%1&quot; 不是大于 0 的数</translation>
    </message>
    <message>
        <source>--port: &quot;%1&quot; is not a port number</source>
        <translation>--port：&quot;%1&quot; 不是有效的端口号</translation>
    </message>
    <message>
        <source>--host: &quot;%1&quot; is not an IP address</source>
        <translation>--host：&quot;%1&quot; 不是 IP 地址</translation>
    </message>
    <message>
        <source>cannot listen on %1:%2: %3</source>
        <translation>无法在 %1:%2 上监听：%3</translation>
    </message>
    <message>
        <source>Shadow-test two model tiers and route traffic.</source>
        <translation>对两个档位的模型做影子测试，并据此分配流量。</translation>
    </message>
    <message>
        <source>The run to show first.</source>
        <translation>首先显示的运行。</translation>
    </message>
    <message>
        <source>RUN_ID</source>
        <translation>运行ID</translation>
    </message>
    <message>
        <source>Tierlens</source>
        <translation>Tierlens</translation>
    </message>
    <message>
        <source>Fault mode of a model (or * for all): %1, with optional ,rate=F ,burst=N ,retry_after_ms=N ,wait_ms=N ,drip_ms=N ,tokens=N. Delays are scaled by --time-scale; POST /faults changes modes while running.</source>
        <translation>某个模型的故障模式（* 表示所有模型）：%1，可附加 ,rate=F ,burst=N ,retry_after_ms=N ,wait_ms=N ,drip_ms=N ,tokens=N。延迟按 --time-scale 缩放；运行期间可通过 POST /faults 更改模式。</translation>
    </message>
    <message>
        <source>The workspace database: a file, or a team database postgresql://USER@HOST:PORT/DATABASE (default: the last one).</source>
        <translation>工作区数据库：一个文件，或团队数据库 postgresql://USER@HOST:PORT/DATABASE（默认：上次使用的工作区）。</translation>
    </message>
    <message>
        <source>FILE|URL</source>
        <translation>文件|URL</translation>
    </message>
    <message>
        <source>Write the demo&apos;s prompt set (distinct prompts of the task families, with checks) to FILE and exit.</source>
        <translation>将演示用提示词集（任务类别中的不同提示词，附检查）写入 FILE 后退出。</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>send a prompt set to two or more models and record every attempt</source>
        <translation>把提示词集发送给两个或更多模型并记录每次尝试</translation>
    </message>
    <message>
        <source>list the runs in a database, newest first</source>
        <translation>列出数据库中的运行，最新的在前</translation>
    </message>
    <message>
        <source>a run&apos;s report: text, JSON or HTML with charts; or its failed items</source>
        <translation>运行的报告：文本、JSON 或带图表的 HTML；或其失败的条目</translation>
    </message>
    <message>
        <source>write a run&apos;s results, with why each passed or failed, as CSV or JSONL</source>
        <translation>以 CSV 或 JSONL 写出运行的结果及各自通过或失败的原因</translation>
    </message>
    <message>
        <source>check a run&apos;s stored results again (after the assertions changed)</source>
        <translation>重新检查运行已存储的结果（断言变更后）</translation>
    </message>
    <message>
        <source>have a judge model compare and grade a run&apos;s answers</source>
        <translation>让评审模型比较并评分运行的回答</translation>
    </message>
    <message>
        <source>derive a routing policy from a run (JSON or LiteLLM YAML)</source>
        <translation>从运行推导路由策略（JSON 或 LiteLLM YAML）</translation>
    </message>
    <message>
        <source>show what changed between two policy files</source>
        <translation>显示两个策略文件之间的变化</translation>
    </message>
    <message>
        <source>send more prompts for a policy&apos;s undecided categories and derive it again</source>
        <translation>为策略中未定的类别发送更多提示词并重新推导</translation>
    </message>
    <message>
        <source>replay a run under a policy: quality, cost, monthly cost</source>
        <translation>在策略下重放运行：质量、费用、月度费用</translation>
    </message>
    <message>
        <source>copy the runs of one history into another (SQLite file to team PostgreSQL)</source>
        <translation>把一份历史中的运行复制到另一份（SQLite 文件到团队 PostgreSQL）</translation>
    </message>
    <message>
        <source>usage: tierlens-cli COMMAND [options]</source>
        <translation>用法：tierlens-cli 命令 [选项]</translation>
    </message>
    <message>
        <source>commands:</source>
        <translation>命令：</translation>
    </message>
    <message>
        <source>&apos;tierlens-cli COMMAND --help&apos; lists a command&apos;s options.</source>
        <translation>“tierlens-cli 命令 --help”列出该命令的选项。</translation>
    </message>
    <message>
        <source>draw N prompts of each category from a run&apos;s prompts into a prompt set file</source>
        <translation>从运行的提示中每类抽取 N 个,写入提示集文件</translation>
    </message>
    <message>
        <source>forward an application&apos;s requests to its model, mirror them to candidates, record both</source>
        <translation>将应用程序的请求转发给其模型并镜像给候选模型，记录两者的回答</translation>
    </message>
</context>
<context>
    <name>tierlens::AnswerPane</name>
    <message>
        <source>n/a</source>
        <translation>无</translation>
    </message>
    <message>
        <source>**Error (%1):** %2</source>
        <translation>**错误（%1）：** %2</translation>
    </message>
    <message>
        <source>**Tool call** `%1`</source>
        <translation>**工具调用** `%1`</translation>
    </message>
    <message>
        <source>No reasoning</source>
        <translation>无推理内容</translation>
    </message>
    <message numerus="yes">
        <source>Reasoning (%n character(s))</source>
        <translation>
            <numerusform>推理内容（%n 个字符）</numerusform>
        </translation>
    </message>
    <message>
        <source>Tokens: prompt %1 (cache hit %2) · completion %3 (reasoning %4)</source>
        <translation>Token：输入 %1（缓存命中 %2）· 输出 %3（推理 %4）</translation>
    </message>
    <message>
        <source>Checks: pass (score %1)</source>
        <translation>检查：通过（得分 %1）</translation>
    </message>
    <message>
        <source>Checks: FAIL (score %1)</source>
        <translation>检查：失败（得分 %1）</translation>
    </message>
    <message numerus="yes">
        <source>Latency %1 ms · TTFT %2 ms · %n attempt(s) · cost %3</source>
        <translation>
            <numerusform>延迟 %1 ms · TTFT %2 ms · %n 次尝试 · 费用 %3</numerusform>
        </translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>推理</translation>
    </message>
</context>
<context>
    <name>tierlens::ApiKeyStore</name>
    <message>
        <source>%1: the keychain answered: %2</source>
        <translation>%1：密钥链返回：%2</translation>
    </message>
</context>
<context>
    <name>tierlens::ChartPanel</name>
    <message>
        <source>Numbers</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Show the figures behind the chart as a table</source>
        <translation>以表格显示图表背后的数据</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>PNG image…</source>
        <translation>PNG 图像…</translation>
    </message>
    <message>
        <source>SVG image…</source>
        <translation>SVG 图像…</translation>
    </message>
    <message>
        <source>CSV table…</source>
        <translation>CSV 表格…</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>%1: unknown export format &quot;%2&quot; (use .png, .svg or .csv)</source>
        <translation>%1：未知的导出格式 &quot;%2&quot;（请使用 .png、.svg 或 .csv）</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>导出 %1</translation>
    </message>
</context>
<context>
    <name>tierlens::ComparePage</name>
    <message>
        <source>&amp;Blind</source>
        <translation>盲评(&amp;B)</translation>
    </message>
    <message>
        <source>Word &amp;diff</source>
        <translation>逐词差异(&amp;D)</translation>
    </message>
    <message>
        <source>Checks disagree</source>
        <translation>检查结果不一致</translation>
    </message>
    <message>
        <source>Failures only</source>
        <translation>仅失败项</translation>
    </message>
    <message>
        <source>Unrated only</source>
        <translation>仅未评分项</translation>
    </message>
    <message>
        <source>Keys: J/K next/previous · ←/→ choose a side · 1-5 score · P pass · F fail · A left better · D right better · S tie · N note</source>
        <translation>按键：J/K 下一个/上一个 · ←/→ 选择一侧 · 1-5 评分 · P 通过 · F 失败 · A 左侧更好 · D 右侧更好 · S 平局 · N 备注</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>运行：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Run %1 · %2 · %3 vs %4</source>
        <translation>运行 %1 · %2 · %3 对比 %4</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>No run with two models&apos; answers to compare yet.</source>
        <translation>还没有包含两个模型回答、可供比较的运行。</translation>
    </message>
    <message>
        <source>No pair matches the filters.</source>
        <translation>没有符合筛选条件的回答对。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 · pair %3 of %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 · 第 %3 对，共 %4 对</translation>
    </message>
    <message>
        <source>&lt;i&gt;Expected:&lt;/i&gt; %1</source>
        <translation>&lt;i&gt;期望：&lt;/i&gt;%1</translation>
    </message>
    <message>
        <source>Answer A</source>
        <translation>回答 A</translation>
    </message>
    <message>
        <source>Answer A: %1</source>
        <translation>回答 A：%1</translation>
    </message>
    <message>
        <source>Answer B</source>
        <translation>回答 B</translation>
    </message>
    <message>
        <source>Answer B: %1</source>
        <translation>回答 B：%1</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>score %1/5</source>
        <translation>评分 %1/5</translation>
    </message>
    <message>
        <source>not rated</source>
        <translation>未评分</translation>
    </message>
    <message>
        <source> · preferred</source>
        <translation> · 更好</translation>
    </message>
    <message>
        <source> · tie</source>
        <translation> · 平局</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;Turn %1:&lt;/i&gt; %2&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;第 %1 轮：&lt;/i&gt;%2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&quot;margin-left: 1em&quot;&gt;&lt;i&gt;Left:&lt;/i&gt; %1&lt;br&gt;&lt;i&gt;Right:&lt;/i&gt; %2&lt;/p&gt;</source>
        <translation>&lt;p style=&quot;margin-left: 1em&quot;&gt;&lt;i&gt;左：&lt;/i&gt;%1&lt;br&gt;&lt;i&gt;右：&lt;/i&gt;%2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;Turn %1 (the answers below):&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;第 %1 轮（即下方的回答）：&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Judge this run...</source>
        <translation>评审此运行(&amp;J)...</translation>
    </message>
    <message>
        <source>An LLM judge compares the answers pairwise and grades llm-rubric assertions, in a judge run of its own (its cost is shown first).</source>
        <translation>由 LLM 评审成对比较回答并按 llm-rubric 断言打分，作为单独的评审运行（先显示其费用）。</translation>
    </message>
    <message>
        <source>Note (N to write, Enter or Esc to go back to rating)</source>
        <translation>备注（N 开始输入，Enter 或 Esc 返回评分）</translation>
    </message>
    <message>
        <source>Not rated</source>
        <translation>未评分</translation>
    </message>
    <message>
        <source>Rated: %1</source>
        <translation>已评分：%1</translation>
    </message>
    <message>
        <source>a note</source>
        <translation>一条备注</translation>
    </message>
    <message>
        <source>rated %1 of %2</source>
        <translation>已评 %1 / %2</translation>
    </message>
    <message>
        <source>Reading the answers of run %1…</source>
        <translation>正在读取运行 %1 的回答…</translation>
    </message>
    <message>
        <source>Rating not saved</source>
        <translation>评分未保存</translation>
    </message>
    <message>
        <source>The rating could not be saved: %1

It is kept; moving on tries again.</source>
        <translation>无法保存评分：%1

评分已保留；切换到下一对时会再次尝试。</translation>
    </message>
    <message>
        <source>The answers cannot be read: %1</source>
        <translation>无法读取回答：%1</translation>
    </message>
</context>
<context>
    <name>tierlens::DashboardPage</name>
    <message>
        <source>The runs of this prompt set the figures cover; several runs are pooled, and the trend charts show them one by one</source>
        <translation>指标所涵盖的此提示词集的运行；多个运行会合并统计，趋势图则逐个显示各次运行</translation>
    </message>
    <message>
        <source>Prompt set:</source>
        <translation>提示词集：</translation>
    </message>
    <message>
        <source>Quality from:</source>
        <translation>质量来源：</translation>
    </message>
    <message>
        <source>Confidence:</source>
        <translation>置信水平：</translation>
    </message>
    <message>
        <source>Runs:</source>
        <translation>运行：</translation>
    </message>
    <message>
        <source>Categories:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>%1 (set %2)</source>
        <translation>%1（提示词集 %2）</translation>
    </message>
    <message>
        <source>run %1, %2: %3 (%4 results)</source>
        <translation>运行 %1，%2：%3（%4 个结果）</translation>
    </message>
    <message>
        <source>Check at least one run.</source>
        <translation>请至少勾选一个运行。</translation>
    </message>
    <message>
        <source>No shadow run in this workspace yet.</source>
        <translation>此工作区中还没有影子运行。</translation>
    </message>
    <message>
        <source>Check at least one category.</source>
        <translation>请至少勾选一个类别。</translation>
    </message>
    <message>
        <source>Computing the figures…</source>
        <translation>正在计算指标…</translation>
    </message>
    <message>
        <source>The figures could not be computed: %1</source>
        <translation>无法计算指标：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) in %1 run(s), computed in %2 ms.</source>
        <translation>
            <numerusform>%1 次运行中的 %n 个结果，计算用时 %2 ms。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tierlens::HistoryPage</name>
    <message>
        <source>&amp;Open in Compare</source>
        <translation>在比较页中打开(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>Compare &amp;two runs</source>
        <translation>比较两次运行(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Delete...</source>
        <translation>删除(&amp;D)...</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Prompt set</source>
        <translation>提示词集</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Select two runs of the same prompt set (Ctrl+click).</source>
        <translation>请选择同一提示词集的两次运行（Ctrl+单击）。</translation>
    </message>
    <message>
        <source>%1 (judge of run %2)</source>
        <translation>%1（运行 %2 的评审）</translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>删除运行</translation>
    </message>
    <message>
        <source>Delete run(s) %1 with every attempt, result, check and rating? This cannot be undone.</source>
        <translation>要删除运行 %1 及其所有尝试、结果、检查和评分吗？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Reading the report of run %1…</source>
        <translation>正在读取运行 %1 的报告…</translation>
    </message>
    <message>
        <source>The history cannot be read: %1</source>
        <translation>无法读取历史记录：%1</translation>
    </message>
    <message>
        <source>&amp;Judge...</source>
        <translation>评审(&amp;J)...</translation>
    </message>
    <message>
        <source>E&amp;xport report...</source>
        <translation>导出报告(&amp;X)...</translation>
    </message>
    <message>
        <source>Double-click (or Enter) to see the prompt&apos;s answers in Compare</source>
        <translation>双击（或按 Enter）在比较页查看该提示的回答</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Comparing run %1 with run %2…</source>
        <translation>正在比较运行 %1 与运行 %2……</translation>
    </message>
    <message>
        <source>&quot;Compare two runs&quot; shows what changed from one to the other.</source>
        <translation>“比较两个运行”显示从一个到另一个的变化。</translation>
    </message>
    <message>
        <source>Select a run for its report, or two runs of one prompt set (Ctrl+click) to compare them.</source>
        <translation>选择一个运行查看其报告，或选择同一提示集的两个运行（Ctrl+单击）进行比较。</translation>
    </message>
</context>
<context>
    <name>tierlens::JudgeDialog</name>
    <message>
        <source>Compare the answers pairwise (both orders)</source>
        <translation>成对比较回答（两种顺序）</translation>
    </message>
    <message>
        <source>Grade answers against llm-rubric assertions</source>
        <translation>按 llm-rubric 断言给回答打分</translation>
    </message>
    <message>
        <source>Judge run %1</source>
        <translation>评审运行 %1</translation>
    </message>
    <message>
        <source>%1 (%2), of the run</source>
        <translation>%1（%2），本运行的模型</translation>
    </message>
    <message>
        <source>Another model...</source>
        <translation>其他模型...</translation>
    </message>
    <message>
        <source>by the base URL</source>
        <translation>按基础 URL</translation>
    </message>
    <message>
        <source>the price book&apos;s limit</source>
        <translation>价格表中的上限</translation>
    </message>
    <message numerus="yes">
        <source>Run %1 was judged already (judge run %2: %n call(s), %3). Judging it again sends them all again and costs about as much.</source>
        <translation>
            <numerusform>运行 %1 已评审过（评审运行 %2：%n 次调用，%3）。再次评审会重新发送全部调用，费用大致相同。</numerusform>
        </translation>
    </message>
    <message>
        <source>no cost reported</source>
        <translation>未报告费用</translation>
    </message>
    <message>
        <source>Judge it again</source>
        <translation>再次评审</translation>
    </message>
    <message>
        <source>Judge run %1 of this run was interrupted: it is continued as it was set up, and only the calls it lacks are sent.</source>
        <translation>本运行的评审运行 %1 曾被中断：将按原设置继续，只发送尚缺的调用。</translation>
    </message>
    <message>
        <source>Start a new judge run instead (pays for every call again)</source>
        <translation>改为开始新的评审运行（所有调用重新计费）</translation>
    </message>
    <message>
        <source>&amp;Judge:</source>
        <translation>评审模型(&amp;J)：</translation>
    </message>
    <message>
        <source>Base &amp;URL:</source>
        <translation>基础 &amp;URL：</translation>
    </message>
    <message>
        <source>Model &amp;id:</source>
        <translation>模型 &amp;ID：</translation>
    </message>
    <message>
        <source>API &amp;key variable:</source>
        <translation>API 密钥变量(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Price book:</source>
        <translation>价格表(&amp;P)：</translation>
    </message>
    <message>
        <source>In &amp;flight at most:</source>
        <translation>最多并发(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Attempts per call:</source>
        <translation>每次调用尝试次数(&amp;A)：</translation>
    </message>
    <message>
        <source>Give the judge&apos;s base URL and model id.</source>
        <translation>请填写评审模型的基础 URL 和模型 ID。</translation>
    </message>
    <message>
        <source>Choose pairwise comparisons, rubric grading or both.</source>
        <translation>请选择成对比较、评分标准打分或两者。</translation>
    </message>
    <message>
        <source>Continue judge run %1</source>
        <translation>继续评审运行 %1</translation>
    </message>
    <message>
        <source>Judge again</source>
        <translation>再次评审</translation>
    </message>
    <message>
        <source>Judge</source>
        <translation>评审</translation>
    </message>
    <message>
        <source>The judge run continues with the settings it was created with.</source>
        <translation>评审运行将沿用创建时的设置继续。</translation>
    </message>
    <message>
        <source>Estimate, nothing sent yet: &lt;b&gt;%1 judge calls&lt;/b&gt; · ~%2 input and ~%3 output tokens (%4) · %5 to %6 before retries%7</source>
        <translation>估算（尚未发送）：&lt;b&gt;%1 次评审调用&lt;/b&gt; · 约 %2 输入和约 %3 输出 token（%4）· 重试前 %5 至 %6%7</translation>
    </message>
    <message>
        <source>Estimating: reading the run&apos;s answers…</source>
        <translation>正在估算：读取该运行的回答……</translation>
    </message>
</context>
<context>
    <name>tierlens::LivePage</name>
    <message>
        <source>Point an application at this endpoint instead of its model: each request goes to the primary and its answer comes back unchanged, and a share is copied to the candidate. Both answers are recorded in a live run that Compare, the Dashboard and the Policy page read like any run.</source>
        <translation>让应用程序指向此端点，而不是直接指向其模型：每个请求都会发给主模型，其回答原样返回，并有一定比例的请求被复制给候选模型。两者的回答都记录在一个实时运行中，比较页、仪表板和策略页会像读取其他运行一样读取它。</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>ADDRESS:PORT; port 0 takes any free one. Beyond loopback a token is required.</source>
        <translation>ADDRESS:PORT；端口为 0 时使用任意空闲端口。监听非回环地址时需要令牌。</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>无上限</translation>
    </message>
    <message>
        <source>One REGEX=CATEGORY a line, matched on the last user message; the X-Tierlens-Category header overrides</source>
        <translation>每行一条 REGEX=CATEGORY，与最后一条用户消息匹配；X-Tierlens-Category 请求头优先</translation>
    </message>
    <message>
        <source>One REGEX a line: masked before anything is stored</source>
        <translation>每行一个 REGEX：匹配的内容在存储前被遮蔽</translation>
    </message>
    <message>
        <source>Required beyond loopback; clients send it as X-Tierlens-Token</source>
        <translation>监听非回环地址时必需；客户端通过 X-Tierlens-Token 发送</translation>
    </message>
    <message>
        <source>Listen on:</source>
        <translation>监听地址：</translation>
    </message>
    <message>
        <source>Share mirrored:</source>
        <translation>镜像比例：</translation>
    </message>
    <message>
        <source>Category rules:</source>
        <translation>类别规则：</translation>
    </message>
    <message>
        <source>Redact:</source>
        <translation>脱敏：</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>令牌：</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Open in Compare</source>
        <translation>在比较页中打开</translation>
    </message>
    <message>
        <source>Not running.</source>
        <translation>未运行。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>已回答</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Primary: the model the application uses today; the application&apos;s own key goes to it</source>
        <translation>主模型：应用程序目前使用的模型；发给它的是应用程序自己的密钥</translation>
    </message>
    <message>
        <source>Candidate: gets a copy of the chat requests, with its own key</source>
        <translation>候选模型：接收聊天请求的副本，使用它自己的密钥</translation>
    </message>
    <message>
        <source>Redact</source>
        <translation>脱敏</translation>
    </message>
    <message>
        <source>a live session is running already</source>
        <translation>已有实时会话正在运行</translation>
    </message>
    <message>
        <source>Starting...</source>
        <translation>正在启动...</translation>
    </message>
    <message>
        <source>Not started: %1</source>
        <translation>未能启动：%1</translation>
    </message>
    <message>
        <source>Listening on %1 (live run %2): use it as the application&apos;s base URL.</source>
        <translation>正在监听 %1（实时运行 %2）：请将它用作应用程序的基础 URL。</translation>
    </message>
    <message>
        <source>Live run %1 ended.</source>
        <translation>实时运行 %1 已结束。</translation>
    </message>
    <message>
        <source>Live run %1 ended: %2</source>
        <translation>实时运行 %1 已结束：%2</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>%1 requests, %2 chat requests, %3 mirrored (%4); candidates&apos; spend %5</source>
        <translation>%1 个请求，其中聊天请求 %2 个，已镜像 %3 个（%4）；候选模型花费 %5</translation>
    </message>
    <message>
        <source>; not mirrored: %1 by the sample, %2 over the cap</source>
        <translation>；未镜像：%1 个因采样，%2 个因超出上限</translation>
    </message>
    <message>
        <source>%1 (primary)</source>
        <translation>%1（主模型）</translation>
    </message>
    <message>
        <source>Mirrors in flight per candidate, at most:</source>
        <translation>每个候选模型同时进行的镜像请求上限：</translation>
    </message>
    <message>
        <source>Stop mirroring when candidates have cost:</source>
        <translation>候选模型花费达到此金额时停止镜像：</translation>
    </message>
    <message>
        <source>the candidate&apos;s key would go unencrypted</source>
        <translation>候选模型的密钥将以未加密方式发送</translation>
    </message>
    <message>
        <source>Listen on: %1</source>
        <translation>监听地址：%1</translation>
    </message>
</context>
<context>
    <name>tierlens::LiveRecorder</name>
    <message>
        <source>recording live run %1 stopped: %2; what was written before stays</source>
        <translation>实时运行 %1 的记录已停止：%2；之前已写入的内容会保留</translation>
    </message>
</context>
<context>
    <name>tierlens::MainWindow</name>
    <message>
        <source>Tierlens</source>
        <translation>Tierlens</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;New workspace...</source>
        <translation>新建工作区(&amp;N)...</translation>
    </message>
    <message>
        <source>&amp;Open workspace...</source>
        <translation>打开工作区(&amp;O)...</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Import prompt set...</source>
        <translation>导入提示词集(&amp;I)...</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Prompt sets</source>
        <translation>提示词集(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>比较(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>历史(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Tierlens</source>
        <translation>关于 Tierlens(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>A run is going in this workspace; wait for it or cancel it first.</source>
        <translation>此工作区中有运行正在进行；请先等待其结束或将其取消。</translation>
    </message>
    <message>
        <source>Prompt sets</source>
        <translation>提示词集</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Run %1 started</source>
        <translation>运行 %1 已开始</translation>
    </message>
    <message>
        <source>Run %1 %2</source>
        <translation>运行 %1 状态为 %2</translation>
    </message>
    <message>
        <source>Resume run</source>
        <translation>继续运行</translation>
    </message>
    <message>
        <source>%1 - Tierlens</source>
        <translation>%1 - Tierlens</translation>
    </message>
    <message>
        <source>New workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <source>Tierlens workspaces (*.db);;All files (*)</source>
        <translation>Tierlens 工作区 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>About Tierlens</source>
        <translation>关于 Tierlens</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Tierlens %1&lt;/h3&gt;&lt;p&gt;Shadow-test two model tiers on the same prompts, compare quality, latency and cost, and route each kind of traffic to the model that serves it.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Tierlens %1&lt;/h3&gt;&lt;p&gt;用相同的提示词对两个档位的模型做影子测试，比较质量、延迟和费用，并将每类流量分配给最适合它的模型。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Quit Tierlens</source>
        <translation>退出 Tierlens</translation>
    </message>
    <message>
        <source>A run is going. Quit anyway? Its in-flight requests are recorded as cancelled; resume it from History.</source>
        <translation>有运行正在进行。仍要退出吗？其进行中的请求将记录为已取消；之后可在“历史”页中继续该运行。</translation>
    </message>
    <message>
        <source>&amp;Settings...</source>
        <translation>设置(&amp;S)...</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>仪表板(&amp;D)</translation>
    </message>
    <message>
        <source>Po&amp;licy</source>
        <translation>策略(&amp;L)</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Open &amp;team database...</source>
        <translation>打开团队数据库(&amp;T)...</translation>
    </message>
    <message>
        <source>Open team database</source>
        <translation>打开团队数据库</translation>
    </message>
    <message>
        <source>PostgreSQL database shared by the team (postgresql://USER@HOST:PORT/DATABASE). The password comes from the keychain (Settings, API keys, PGPASSWORD) or the PGPASSWORD environment variable.</source>
        <translation>团队共享的 PostgreSQL 数据库（postgresql://USER@HOST:PORT/DATABASE）。密码取自密钥链（设置 &gt; API 密钥 &gt; PGPASSWORD）或 PGPASSWORD 环境变量。</translation>
    </message>
    <message>
        <source>Settle</source>
        <translation>定论</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>Judge run %1</source>
        <translation>评审运行 %1</translation>
    </message>
    <message>
        <source>Judge run %1 %2; its replies could not be read: %3</source>
        <translation>评审运行 %1 %2；无法读取其回复：%3</translation>
    </message>
    <message>
        <source>Judge run %1 %2: %3 pairs decided (%4 undecided), %5 answers graded (%6 unreadable)</source>
        <translation>评审运行 %1 %2：%3 对已判定（%4 对未判定），%5 个回答已打分（%6 个无法读取）</translation>
    </message>
    <message>
        <source>A run is going; judge when it has ended.</source>
        <translation>有运行正在进行；请在其结束后再评审。</translation>
    </message>
    <message>
        <source>&amp;Getting started</source>
        <translation>入门(&amp;G)</translation>
    </message>
    <message>
        <source>Try it with the simulator</source>
        <translation>用模拟器试用</translation>
    </message>
    <message>
        <source>A run is going; try the simulator when it has ended.</source>
        <translation>有运行正在进行；请在其结束后再试用模拟器。</translation>
    </message>
    <message>
        <source>tierlens-sim was not found next to Tierlens (%1) nor on the PATH.</source>
        <translation>在 Tierlens 旁（%1）和 PATH 中都找不到 tierlens-sim。</translation>
    </message>
    <message>
        <source>tierlens-sim said &quot;%1&quot; instead of its address</source>
        <translation>tierlens-sim 输出了“%1”，而不是它的地址</translation>
    </message>
    <message>
        <source>tierlens-sim did not start: %1</source>
        <translation>tierlens-sim 未能启动：%1</translation>
    </message>
    <message>
        <source>Starting the simulator...</source>
        <translation>正在启动模拟器...</translation>
    </message>
    <message>
        <source>The sample set could not be imported: %1</source>
        <translation>无法导入示例提示集：%1</translation>
    </message>
    <message>
        <source>Running the sample against the simulator (run %1)...</source>
        <translation>正在用模拟器运行示例（运行 %1）...</translation>
    </message>
    <message>
        <source>The simulator&apos;s run %1 is judged: the Dashboard shows it; the Policy page derives the routes.</source>
        <translation>模拟器的运行 %1 已评审：仪表板显示其结果；策略页推导路由。</translation>
    </message>
    <message>
        <source>The judge did not start: %1</source>
        <translation>评审未能开始：%1</translation>
    </message>
    <message>
        <source>The simulated Pro judges run %1 (judge run %2)...</source>
        <translation>模拟的 Pro 正在评审运行 %1（评审运行 %2）...</translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation>入门</translation>
    </message>
    <message>
        <source>&lt;h3&gt;From nothing to a routing decision&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;从零到路由决策&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Judge run %1 %2; reading its verdicts...</source>
        <translation>评判运行 %1 %2；正在读取其判定……</translation>
    </message>
    <message>
        <source>Writing the judge prompts of run %1...</source>
        <translation>正在写入运行 %1 的评判提示……</translation>
    </message>
    <message>
        <source>A judge run is being prepared; judge again when it has started.</source>
        <translation>评判运行正在准备中；请在它开始后再评判。</translation>
    </message>
    <message>
        <source>There is no run %1 in this workspace.</source>
        <translation>此工作区中没有运行 %1。</translation>
    </message>
    <message>
        <source>Li&amp;ve</source>
        <translation>实时(&amp;V)</translation>
    </message>
    <message>
        <source>A live session records into this workspace; stop it on the Live page first.</source>
        <translation>有实时会话正在向此工作区记录；请先在“实时”页中停止它。</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>A live session is running. Quit anyway? It stops: the application&apos;s requests to it fail from then on.</source>
        <translation>有实时会话正在运行。仍要退出吗？会话将停止：此后应用程序发给它的请求都会失败。</translation>
    </message>
</context>
<context>
    <name>tierlens::ModelForm</name>
    <message>
        <source>JSON mode</source>
        <translation>JSON 模式</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>流式</translation>
    </message>
    <message>
        <source>DeepSeek V4 Flash</source>
        <translation>DeepSeek V4 Flash</translation>
    </message>
    <message>
        <source>DeepSeek V4 Pro</source>
        <translation>DeepSeek V4 Pro</translation>
    </message>
    <message>
        <source>Local simulator: Flash</source>
        <translation>本地模拟器：Flash</translation>
    </message>
    <message>
        <source>Local simulator: Pro</source>
        <translation>本地模拟器：Pro</translation>
    </message>
    <message>
        <source>Any OpenAI-compatible URL</source>
        <translation>任意兼容 OpenAI 的 URL</translation>
    </message>
    <message>
        <source>none (a local server)</source>
        <translation>无（本地服务器）</translation>
    </message>
    <message>
        <source>The name of the environment variable (or keychain entry, see Settings) that holds the key; the key itself is never stored.</source>
        <translation>存放密钥的环境变量（或钥匙串条目，见设置）的名称；密钥本身从不保存。</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>the price book&apos;s limit</source>
        <translation>价格表中的上限</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>HTTP/2 (h2c)</source>
        <translation>HTTP/2 (h2c)</translation>
    </message>
    <message>
        <source>auto: HTTP/2 where https:// offers it and this machine&apos;s libcurl multiplexes reliably, HTTP/1.1 otherwise. HTTP/2 (h2c): HTTP/2 from the first byte (prior knowledge) on an http:// URL, for servers known to speak it, such as tierlens-sim.</source>
        <translation>自动：在 https:// 提供且本机 libcurl 能可靠多路复用时使用 HTTP/2，否则使用 HTTP/1.1。HTTP/2 (h2c)：在 http:// URL 上从第一个字节起使用 HTTP/2（先验知识），适用于已知支持它的服务器，例如 tierlens-sim。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Leave this model out of the run</source>
        <translation>不在运行中使用此模型</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>预设(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>标签(&amp;L)：</translation>
    </message>
    <message>
        <source>Base &amp;URL:</source>
        <translation>基础 &amp;URL：</translation>
    </message>
    <message>
        <source>Model &amp;id:</source>
        <translation>模型 &amp;ID：</translation>
    </message>
    <message>
        <source>API &amp;key variable:</source>
        <translation>API 密钥变量(&amp;K)：</translation>
    </message>
    <message>
        <source>Price &amp;book:</source>
        <translation>价格表(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Thinking:</source>
        <translation>思考(&amp;T)：</translation>
    </message>
    <message>
        <source>Reasoning &amp;effort:</source>
        <translation>推理强度(&amp;E)：</translation>
    </message>
    <message>
        <source>Te&amp;mperature:</source>
        <translation>温度(&amp;M)：</translation>
    </message>
    <message>
        <source>Max &amp;tokens:</source>
        <translation>最大 token 数(&amp;T)：</translation>
    </message>
    <message>
        <source>In &amp;flight at most:</source>
        <translation>最多并发(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;HTTP:</source>
        <translation>&amp;HTTP：</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>from the URL</source>
        <translation>按 URL</translation>
    </message>
</context>
<context>
    <name>tierlens::PolicyPage</name>
    <message>
        <source>n/a</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>运行：</translation>
    </message>
    <message>
        <source>Tolerance:</source>
        <translation>容差：</translation>
    </message>
    <message>
        <source>Confidence:</source>
        <translation>置信水平：</translation>
    </message>
    <message>
        <source>Quality from:</source>
        <translation>质量来源：</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Pass rate</source>
        <translation>通过率</translation>
    </message>
    <message>
        <source>Cost per request</source>
        <translation>每请求费用</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>已升级</translation>
    </message>
    <message>
        <source>Monthly cost</source>
        <translation>月度费用</translation>
    </message>
    <message>
        <source>Compare with a policy file to see what changed.</source>
        <translation>与某个策略文件比较，查看有哪些变化。</translation>
    </message>
    <message>
        <source>Export policy…</source>
        <translation>导出策略…</translation>
    </message>
    <message>
        <source>Export LiteLLM config…</source>
        <translation>导出 LiteLLM 配置…</translation>
    </message>
    <message>
        <source>Compare with file…</source>
        <translation>与文件比较…</translation>
    </message>
    <message>
        <source>Derive again</source>
        <translation>重新推导</translation>
    </message>
    <message>
        <source>Drop the overrides and derive the routes from the evidence</source>
        <translation>放弃手动覆盖，根据证据重新推导路由</translation>
    </message>
    <message>
        <source>What-if: the recorded answers replayed under the policy and under each model alone. Enter requests per day in the table above for a monthly projection.</source>
        <translation>假设分析：按策略以及单独使用每个模型的方式重放已记录的回答。在上方表格中填入每日请求数即可得到月度预估。</translation>
    </message>
    <message>
        <source>run %1, %2: %3 (%4 results)</source>
        <translation>运行 %1，%2：%3（%4 个结果）</translation>
    </message>
    <message>
        <source>No shadow run of two models in this workspace yet.</source>
        <translation>此工作区中还没有包含两个模型的影子运行。</translation>
    </message>
    <message>
        <source>The policy could not be derived: %1</source>
        <translation>无法推导策略：%1</translation>
    </message>
    <message>
        <source>The what-if replay failed: %1</source>
        <translation>假设重放失败：%1</translation>
    </message>
    <message>
        <source>%1% [%2, %3] of %4</source>
        <translation>%1% [%2, %3]，共 %4 个</translation>
    </message>
    <message>
        <source>enter requests/day</source>
        <translation>请输入每日请求数</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>all %1</source>
        <translation>全用 %1</translation>
    </message>
    <message>
        <source>policy (run %1)</source>
        <translation>策略（运行 %1）</translation>
    </message>
    <message>
        <source>there is no policy to export yet</source>
        <translation>还没有可导出的策略</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>there is no policy to compare with yet</source>
        <translation>还没有可用于比较的策略</translation>
    </message>
    <message>
        <source>%1 routes every category as the current policy does.</source>
        <translation>%1 对每个类别的路由都与当前策略相同。</translation>
    </message>
    <message>
        <source>From %1 to the current policy:
%2</source>
        <translation>从 %1 到当前策略的变化：
%2</translation>
    </message>
    <message>
        <source>Export policy</source>
        <translation>导出策略</translation>
    </message>
    <message>
        <source>Export LiteLLM config</source>
        <translation>导出 LiteLLM 配置</translation>
    </message>
    <message>
        <source>Policy files (*.json)</source>
        <translation>策略文件 (*.json)</translation>
    </message>
    <message>
        <source>LiteLLM configuration (*.yaml *.yml)</source>
        <translation>LiteLLM 配置 (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Compare with a policy file</source>
        <translation>与策略文件比较</translation>
    </message>
    <message>
        <source>Compare policies</source>
        <translation>比较策略</translation>
    </message>
    <message>
        <source>Settle…</source>
        <translation>定论…</translation>
    </message>
    <message>
        <source>The pass-rate difference that matters</source>
        <translation>有意义的通过率差异</translation>
    </message>
    <message>
        <source>Cheaper unless shown worse</source>
        <translation>除非被证明更差，否则用更便宜的</translation>
    </message>
    <message>
        <source>Pricier unless cheaper shown good enough</source>
        <translation>除非更便宜的被证明足够好，否则用更贵的</translation>
    </message>
    <message>
        <source>Cheaper unless shown worse: a pricier model only where it is shown better than the cheaper one by more than the tolerance (the common advice: Flash by default, Pro where your own evaluation shows Flash insufficient).
Pricier unless cheaper shown good enough: the cheapest model shown within the tolerance of the best, else the best.</source>
        <translation>除非被证明更差，否则用更便宜的：仅当更贵的模型被证明比更便宜的好出容差以上时才用它（常见建议：默认 Flash，在你自己的评估表明 Flash 不足之处用 Pro）。
除非更便宜的被证明足够好，否则用更贵的：被证明与最佳模型相差在容差内的最便宜模型，否则用最佳模型。</translation>
    </message>
    <message>
        <source>Distinct prompts with a verdict per model and category before a difference is trusted; repeats of a prompt count once</source>
        <translation>在信任差异之前，每个模型和类别需要的有判定的不同提示词数；同一提示词的重复只计一次</translation>
    </message>
    <message>
        <source>Rule:</source>
        <translation>规则：</translation>
    </message>
    <message>
        <source>Minimum prompts:</source>
        <translation>最少提示词数：</translation>
    </message>
    <message>
        <source>Send more prompts of the undecided categories (from a prompt file, those not sent yet) to the same models, then derive the policy again from every run. Each look tests at a smaller alpha (alpha / 2^look), so looking again keeps the error rate.</source>
        <translation>将未定类别的更多提示词（来自提示词文件，尚未发送过的）发送给相同的模型，然后从所有运行重新推导策略。每次查看使用更小的 alpha（alpha / 2^查看次数），因此再次查看不会提高错误率。</translation>
    </message>
    <message>
        <source>Deriving the policy of run(s) %1…</source>
        <translation>正在推导运行 %1 的策略…</translation>
    </message>
    <message>
        <source>Run(s) %1, look %2: %3 categories; default model %4 (%5); ladder %6; %7 undecided; %8 set by hand.</source>
        <translation>运行 %1，第 %2 次查看：%3 个类别；默认模型 %4（%5）；阶梯 %6；%7 个未定；%8 个手动设置。</translation>
    </message>
    <message>
        <source>there is no policy to settle yet</source>
        <translation>还没有可定论的策略</translation>
    </message>
    <message>
        <source>run %1 is settling this policy already</source>
        <translation>运行 %1 已在定论此策略</translation>
    </message>
    <message numerus="yes">
        <source>Settling: run %1 sends %n prompt(s) of %2 to the policy&apos;s models.</source>
        <translation>
            <numerusform>正在定论：运行 %1 将 %2 的 %n 个提示词发送给策略的模型。</numerusform>
        </translation>
    </message>
    <message>
        <source>Prompts to settle the policy with</source>
        <translation>用于定论策略的提示词</translation>
    </message>
    <message>
        <source>Prompt sets (*.jsonl *.csv *.yaml *.yml)</source>
        <translation>提示词集 (*.jsonl *.csv *.yaml *.yml)</translation>
    </message>
    <message>
        <source>Settle</source>
        <translation>定论</translation>
    </message>
    <message>
        <source>Settle run %1 ended %2: the policy stays as it was. Resume the run from History to finish settling.</source>
        <translation>定论运行 %1 以 %2 结束：策略保持不变。请在“历史”中恢复该运行以完成定论。</translation>
    </message>
    <message>
        <source>policy (runs %1)</source>
        <translation>策略(运行 %1)</translation>
    </message>
</context>
<context>
    <name>tierlens::PolicyRoutesModel</name>
    <message>
        <source>best quality</source>
        <translation>质量最佳</translation>
    </message>
    <message>
        <source>set by hand</source>
        <translation>手动设置</translation>
    </message>
    <message>
        <source>%1 (override)</source>
        <translation>%1（手动覆盖）</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Route to</source>
        <translation>路由到</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决策</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Requests/day</source>
        <translation>请求数/天</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>pricier model shown better</source>
        <translation>更贵的模型被证明更好</translation>
    </message>
    <message>
        <source>cheaper, not shown worse</source>
        <translation>更便宜，未被证明更差</translation>
    </message>
    <message>
        <source>cheaper, shown good enough</source>
        <translation>更便宜，被证明足够好</translation>
    </message>
    <message>
        <source>not enough prompts</source>
        <translation>提示词不足</translation>
    </message>
    <message>
        <source>%1 (undecided)</source>
        <translation>%1（未定）</translation>
    </message>
    <message>
        <source>%1 vs %2: %3 pts [%4, %5]</source>
        <translation>%1 对比 %2：%3 个百分点 [%4, %5]</translation>
    </message>
    <message>
        <source>$%1/item</source>
        <translation>$%1/条目</translation>
    </message>
    <message>
        <source>cost n/a</source>
        <translation>费用不可用</translation>
    </message>
    <message>
        <source>%1: no verdicts, %2</source>
        <translation>%1：无判定，%2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2% of %n prompt(s), %3</source>
        <translation>
            <numerusform>%1：%n 个提示词中的 %2%，%3</numerusform>
        </translation>
    </message>
    <message>
        <source>Route minus %1: the pass-rate difference with its interval, and what the route saves per request against it (negative: it costs more)</source>
        <translation>路由减去 %1：通过率之差及其区间，以及该路由相对它每个请求节省的费用（负数：更贵）</translation>
    </message>
    <message>
        <source>$%1/month</source>
        <translation>$%1/月</translation>
    </message>
    <message>
        <source>$%1 per 1k</source>
        <translation>每千次 $%1</translation>
    </message>
    <message>
        <source>needs verdicts</source>
        <translation>需要判定</translation>
    </message>
    <message>
        <source>on the threshold</source>
        <translation>正落在阈值上</translation>
    </message>
    <message>
        <source>Quality vs the other side</source>
        <translation>与另一方的质量对比</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>节省</translation>
    </message>
    <message>
        <source>More prompts to settle</source>
        <translation>定论所需的更多提示词</translation>
    </message>
</context>
<context>
    <name>tierlens::PromptSetsPage</name>
    <message>
        <source>&amp;Import prompt set...</source>
        <translation>导入提示词集(&amp;I)...</translation>
    </message>
    <message>
        <source>No prompt set yet: import a JSONL, CSV, promptfoo or OpenAI Evals file.</source>
        <translation>还没有提示词集：请导入 JSONL、CSV、promptfoo 或 OpenAI Evals 文件。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 · categories: %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 · 类别：%3</translation>
    </message>
    <message>
        <source>Left out, Tierlens cannot check them: %1</source>
        <translation>已略去（Tierlens 无法检查）：%1</translation>
    </message>
    <message>
        <source>Import prompt set</source>
        <translation>导入提示词集</translation>
    </message>
    <message>
        <source>Prompt sets (*.jsonl *.csv *.yaml *.yml);;All files (*)</source>
        <translation>提示词集 (*.jsonl *.csv *.yaml *.yml);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Nothing was imported.

%1</source>
        <translation>未导入任何内容。

%1</translation>
    </message>
    <message>
        <source>&amp;Save as new version</source>
        <translation>另存为新版本(&amp;S)</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>放弃更改</translation>
    </message>
    <message>
        <source>&amp;Add prompt</source>
        <translation>添加提示词(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove prompt</source>
        <translation>删除提示词(&amp;R)</translation>
    </message>
    <message>
        <source>Save prompt set</source>
        <translation>保存提示词集</translation>
    </message>
    <message>
        <source>The edits were not saved.

%1</source>
        <translation>编辑未保存。

%1</translation>
    </message>
    <message numerus="yes">
        <source>%1
%n prompt(s) · %2</source>
        <translation>
            <numerusform>%1
%n 个提示词 · %2</numerusform>
        </translation>
    </message>
    <message>
        <source>edited from %1</source>
        <translation>编辑自 %1</translation>
    </message>
    <message>
        <source>&lt;h3&gt;From nothing to a routing decision&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;从零到路由决策&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No key yet? &lt;b&gt;Try it with the simulator&lt;/b&gt;: Tierlens starts its DeepSeek-compatible simulator on this machine, imports the sample set, runs it against simulated Flash and Pro, lets the simulated Pro judge, and opens the Dashboard. Nothing leaves the machine and nothing is billed.&lt;/p&gt;</source>
        <translation>&lt;p&gt;还没有密钥？&lt;b&gt;用模拟器试用&lt;/b&gt;：Tierlens 在本机启动其兼容 DeepSeek 的模拟器，导入示例提示集，对模拟的 Flash 和 Pro 运行，让模拟的 Pro 评审，然后打开仪表板。没有任何数据离开本机，也不会产生费用。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Try it with the simulator</source>
        <translation>用模拟器试用(&amp;T)</translation>
    </message>
    <message>
        <source>Import a prompt set...</source>
        <translation>导入提示集...</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1……</translation>
    </message>
</context>
<context>
    <name>tierlens::PromptTableModel</name>
    <message numerus="yes">
        <source>(%n message(s))</source>
        <translation>
            <numerusform>（%n 条消息）</numerusform>
        </translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>期望结果</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Request options</source>
        <translation>请求选项</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
</context>
<context>
    <name>tierlens::RunEngine</name>
    <message>
        <source>the prompt set &quot;%1&quot; has no prompts</source>
        <translation>提示词集 &quot;%1&quot; 中没有提示词</translation>
    </message>
    <message>
        <source>a run is already in progress</source>
        <translation>已有一个运行正在进行</translation>
    </message>
    <message>
        <source>run %1 has an unreadable configuration: %2</source>
        <translation>运行 %1 的配置无法读取：%2</translation>
    </message>
    <message>
        <source>run %1 has no stored model &quot;%2&quot;</source>
        <translation>运行 %1 中没有已存储的模型 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>the checks of run %1 cannot be read: %2</source>
        <translation>无法读取运行 %1 的检查：%2</translation>
    </message>
    <message>
        <source>model &quot;%1&quot;: no API key: neither the keychain nor the environment variable %2 holds one</source>
        <translation>模型“%1”：没有 API 密钥：密钥链和环境变量 %2 中都没有</translation>
    </message>
    <message>
        <source>model &quot;%1&quot;: %2 is plain http:// to a host that is not this machine; the API key is not sent unencrypted unless allowed</source>
        <translation>模型 &quot;%1&quot;：%2 是指向非本机主机的明文 http:// 地址；除非明确允许，否则不会以未加密方式发送 API 密钥</translation>
    </message>
    <message>
        <source>could not record results in %1, the run stops: %2</source>
        <translation>无法将结果记录到 %1，运行停止：%2</translation>
    </message>
    <message>
        <source>could not record the checks of results in %1, the run stops: %2</source>
        <translation>无法将结果的检查记录到 %1，运行停止：%2</translation>
    </message>
    <message>
        <source>could not record the end of the run in %1: %2</source>
        <translation>无法在 %1 中记录运行结束：%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>model &quot;%1&quot; stopped at the first %2 (%3); nothing more was sent. Once the key or the account is fixed, resume the run</source>
        <translation>模型“%1”在第一次 %2 时停止（%3）；没有再发送任何请求。修复密钥或账户后请继续该运行</translation>
    </message>
    <message>
        <source>model &quot;%1&quot; stopped after %2 results in a row failed the same way (%3)</source>
        <translation>模型“%1”在连续 %2 个结果以同样方式失败后停止（%3）</translation>
    </message>
    <message>
        <source>run %1 stops: %2</source>
        <translation>运行 %1 停止：%2</translation>
    </message>
    <message>
        <source>%1 answered no item: every result is an error</source>
        <translation>%1 没有回答任何条目：每个结果都是错误</translation>
    </message>
    <message>
        <source>run %1 has no readable configuration to send more prompts with: %2</source>
        <translation>运行 %1 没有可读的配置用于发送更多提示词：%2</translation>
    </message>
    <message>
        <source>run %1 is a live run: its prompts were answered when an application asked them, and are not sent again (draw a prompt set from it with promptset-from-run)</source>
        <translation>运行 %1 是实时运行：其提示词已在应用程序发出时得到回答，不会再次发送（可用 promptset-from-run 从中抽取提示词集）</translation>
    </message>
</context>
<context>
    <name>tierlens::RunPage</name>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>&amp;Start run</source>
        <translation>开始运行(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Cancel run</source>
        <translation>取消运行(&amp;C)</translation>
    </message>
    <message>
        <source>model%1</source>
        <translation>模型%1</translation>
    </message>
    <message>
        <source>Run setup</source>
        <translation>运行设置</translation>
    </message>
    <message>
        <source>Live run</source>
        <translation>实时运行</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Latency ms</source>
        <translation>延迟 ms</translation>
    </message>
    <message>
        <source>TTFT ms</source>
        <translation>TTFT ms</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Token 数</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Start run</source>
        <translation>开始运行</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n prompt(s))</source>
        <translation>
            <numerusform>%1（%n 条提示词）</numerusform>
        </translation>
    </message>
    <message>
        <source>Import a prompt set first.</source>
        <translation>请先导入提示词集。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 requests · ~%3 input and ~%4 output tokens (%5) · %6 to %7%8</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%2 个请求 · 约 %3 个输入 token 和约 %4 个输出 token（%5）· %6 至 %7%8</translation>
    </message>
    <message>
        <source>&lt;b&gt;Total&lt;/b&gt;: %1 requests before retries, %2 to %3</source>
        <translation>&lt;b&gt;合计&lt;/b&gt;：%1 个请求（不含重试），%2 至 %3</translation>
    </message>
    <message>
        <source>Pre-flight estimate, nothing sent yet:</source>
        <translation>预估（尚未发送任何请求）：</translation>
    </message>
    <message>
        <source>A run is already going; wait for it or cancel it.</source>
        <translation>已有一个运行正在进行；请等待其结束或将其取消。</translation>
    </message>
    <message>
        <source>Choose a prompt set to run (import one on the Prompt sets page).</source>
        <translation>请选择要运行的提示词集（可在“提示词集”页导入）。</translation>
    </message>
    <message>
        <source>There is no run %1 in this workspace.</source>
        <translation>此工作区中没有运行 %1。</translation>
    </message>
    <message>
        <source>Run %1 starting...</source>
        <translation>运行 %1 正在启动...</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 in flight (cap %3) · %4 retries · %5 errors · %6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：进行中 %2（上限 %3）· 重试 %4 · 错误 %5 · %6</translation>
    </message>
    <message>
        <source>Run %1: %2 of %3 items · %4 elapsed%5</source>
        <translation>运行 %1：%2/%3 个条目 · 已用时 %4%5</translation>
    </message>
    <message>
        <source> · about %1 left</source>
        <translation> · 预计剩余 %1</translation>
    </message>
    <message>
        <source>tool call: %1</source>
        <translation>工具调用：%1</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Run %1 %2.</source>
        <translation>运行 %1 状态为 %2。</translation>
    </message>
    <message>
        <source>Run %1 %2: %3</source>
        <translation>运行 %1 状态为 %2：%3</translation>
    </message>
    <message>
        <source>No price book could be read; see Settings &gt; Price books.</source>
        <translation>无法读取任何价格表；请查看 设置 &gt; 价格表。</translation>
    </message>
    <message>
        <source>Unencrypted connection</source>
        <translation>未加密的连接</translation>
    </message>
    <message>
        <source>%1

Anyone on the network between here and that host can read the key. Send it anyway?</source>
        <translation>%1

本机与该主机之间网络上的任何人都能读取该密钥。仍要发送吗？</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>Run %1 paused: %2 of %3 items · %4 elapsed; the clock stops while paused (requests already sent still finish)</source>
        <translation>运行 %1 已暂停：%2 / %3 项 · 已用 %4；暂停期间计时停止（已发送的请求仍会完成）</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Run %1 cost %2&lt;/b&gt; (%n result(s)); estimated before it: %3.</source>
        <translation>
            <numerusform>&lt;b&gt;运行 %1 费用 %2&lt;/b&gt;（%n 个结果）；运行前估算：%3。</numerusform>
        </translation>
    </message>
    <message>
        <source>none (a resumed run)</source>
        <translation>无（续跑的运行）</translation>
    </message>
    <message>
        <source>&amp;Add model</source>
        <translation>添加模型(&amp;A)</translation>
    </message>
    <message>
        <source>Prompt &amp;set:</source>
        <translation>提示集(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Repeat each prompt:</source>
        <translation>每个提示重复(&amp;R)：</translation>
    </message>
    <message>
        <source>A&amp;ttempts per item:</source>
        <translation>每项尝试次数(&amp;T)：</translation>
    </message>
    <message>
        <source>No estimate: %1</source>
        <translation>无法估算:%1</translation>
    </message>
    <message>
        <source>Estimating from the prompt set and the answers measured so far…</source>
        <translation>正在根据提示集和已测得的回答进行估算…</translation>
    </message>
    <message>
        <source>prompt set %1 is gone</source>
        <translation>提示集 %1 已不存在</translation>
    </message>
    <message>
        <source>not estimated yet</source>
        <translation>尚未估算</translation>
    </message>
</context>
<context>
    <name>tierlens::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Price books</source>
        <translation>价格表</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>your login name</source>
        <translation>你的登录名</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>A new language applies the next time Tierlens starts.</source>
        <translation>新语言在下次启动 Tierlens 时生效。</translation>
    </message>
    <message>
        <source>Rate answers as:</source>
        <translation>评分人：</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>paste the key for the selected variable</source>
        <translation>粘贴所选变量的密钥</translation>
    </message>
    <message>
        <source>Save in keychain</source>
        <translation>保存到密钥链</translation>
    </message>
    <message>
        <source>Remove from keychain</source>
        <translation>从密钥链删除</translation>
    </message>
    <message>
        <source>Saved the key for %1 in the system keychain.</source>
        <translation>已将 %1 的密钥保存到系统密钥链。</translation>
    </message>
    <message>
        <source>The keychain did not take the key: %1. Set the environment variable %2 instead.</source>
        <translation>密钥链未接受该密钥：%1。请改为设置环境变量 %2。</translation>
    </message>
    <message>
        <source>Removed the key for %1 from the keychain.</source>
        <translation>已从密钥链删除 %1 的密钥。</translation>
    </message>
    <message>
        <source>Each model reads its key from the system keychain, else from its environment variable. Keys are never written to the workspace or the settings file.</source>
        <translation>每个模型先从系统密钥链读取密钥，否则从其环境变量读取。密钥从不写入工作区或设置文件。</translation>
    </message>
    <message>
        <source>in the keychain</source>
        <translation>在密钥链中</translation>
    </message>
    <message>
        <source>from the environment</source>
        <translation>来自环境变量</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>From (UTC)</source>
        <translation>起始（UTC）</translation>
    </message>
    <message>
        <source>Until (UTC)</source>
        <translation>截止（UTC）</translation>
    </message>
    <message>
        <source>Input, cache miss</source>
        <translation>输入，缓存未命中</translation>
    </message>
    <message>
        <source>Input, cache hit</source>
        <translation>输入，缓存命中</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Off-peak</source>
        <translation>低峰时段</translation>
    </message>
    <message>
        <source>Save as my price book</source>
        <translation>另存为我的价格表</translation>
    </message>
    <message>
        <source>Back to the bundled book</source>
        <translation>恢复内置价格表</translation>
    </message>
    <message>
        <source>Could not remove %1.</source>
        <translation>无法删除 %1。</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>提供商：</translation>
    </message>
    <message>
        <source>always</source>
        <translation>一直</translation>
    </message>
    <message>
        <source>until further notice</source>
        <translation>另行通知前</translation>
    </message>
    <message>
        <source>%1 / %2 / %3</source>
        <translation>%1 / %2 / %3</translation>
    </message>
    <message>
        <source>Your own book, from %1 (USD per million tokens).</source>
        <translation>你自己的价格表，来自 %1（每百万 token 的美元价格）。</translation>
    </message>
    <message>
        <source>The bundled book (USD per million tokens); saving makes it your own, in %1.</source>
        <translation>内置价格表（每百万 token 的美元价格）；保存后成为你自己的价格表，位于 %1。</translation>
    </message>
    <message>
        <source>the edited price book</source>
        <translation>编辑后的价格表</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Saved. New runs bill %1 with this book; runs already made keep the book they used.</source>
        <translation>已保存。新的运行将按此价格表为 %1 计费；已有的运行保留其当时使用的价格表。</translation>
    </message>
</context>
<context>
    <name>tierlens::ShadowProxy</name>
    <message>
        <source>this Tierlens shadow endpoint needs its token in the X-Tierlens-Token header</source>
        <translation>此 Tierlens 影子端点需要在 X-Tierlens-Token 请求头中提供其令牌</translation>
    </message>
    <message>
        <source>the primary closed the connection</source>
        <translation>主模型关闭了连接</translation>
    </message>
    <message>
        <source>the primary could not be reached: %1</source>
        <translation>无法连接到主模型：%1</translation>
    </message>
    <message>
        <source>no complete answer from the primary within %1 ms</source>
        <translation>主模型在 %1 ms 内没有给出完整回答</translation>
    </message>
    <message>
        <source>Tierlens shadow: %1</source>
        <translation>Tierlens 影子代理：%1</translation>
    </message>
    <message>
        <source>the answer is larger than %1 MiB; it went to the client but is not recorded</source>
        <translation>回答超过 %1 MiB；已发送给客户端，但未被记录</translation>
    </message>
    <message>
        <source>the shadow session is running already</source>
        <translation>影子会话已在运行</translation>
    </message>
    <message>
        <source>cannot listen on %1:%2: %3</source>
        <translation>无法在 %1:%2 上监听：%3</translation>
    </message>
    <message>
        <source>mirroring stopped: the candidates have cost $%1, the limit is $%2 (--max-shadow-usd); requests still go to the primary and are recorded</source>
        <translation>镜像已停止：候选模型已花费 $%1，上限为 $%2（--max-shadow-usd）；请求仍会发给主模型并被记录</translation>
    </message>
    <message>
        <source>this Tierlens shadow endpoint takes no requests from web pages unless it has a token</source>
        <translation>此 Tierlens 影子端点在未设置令牌时不接受来自网页的请求</translation>
    </message>
    <message>
        <source>the primary&apos;s answer is not HTTP: %1</source>
        <translation>主模型的回答不是 HTTP：%1</translation>
    </message>
</context>
<context>
    <name>tierlens::SimServer</name>
    <message>
        <source>/faults expects a JSON object of model id -&gt; fault spec</source>
        <translation>/faults 需要一个“模型 id -&gt; 故障描述”形式的 JSON 对象</translation>
    </message>
</context>
<context>
    <name>tierlens::Store</name>
    <message>
        <source>Unable to prepare the statement</source>
        <translation>无法准备语句</translation>
    </message>
    <message>
        <source>Unable to execute the statement</source>
        <translation>无法执行语句</translation>
    </message>
</context>
<context>
    <name>tierlens::Workspace</name>
    <message>
        <source>Cannot open the workspace %1: %2</source>
        <translation>无法打开工作区 %1：%2</translation>
    </message>
</context>
</TS>
