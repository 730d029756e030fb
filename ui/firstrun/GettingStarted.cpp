#include "GettingStarted.h"

namespace tierlens {

QString GettingStarted::stepsHtml()
{
    return tr("<ol>"
              "<li><b>Import</b> a prompt set that looks like your traffic (<i>Prompt sets</i>, Ctrl+I): Tierlens "
              "JSONL or CSV, a promptfoo configuration, OpenAI Evals samples or MT-Bench questions.</li>"
              "<li><b>Run</b> it against both models (<i>Run</i>): base URL, model id and the variable that holds "
              "the key for each; the estimate says what it will cost before anything is sent.</li>"
              "<li><b>Judge and rate</b> (<i>Compare</i>): read the answers side by side, blind if you like, rate "
              "with the keys (J/K, 1-5, P/F, A/D/S), or let an LLM judge do it with <i>Judge this run...</i></li>"
              "<li><b>Look</b> at the figures (<i>Dashboard</i>): pass rate with its interval, cost, latency and "
              "time to first token per model and category.</li>"
              "<li><b>Decide</b> (<i>Policy</i>): the route per category, where the cheaper model is not shown "
              "worse; what it saves; what it would take to settle an undecided category.</li>"
              "<li><b>Export</b> the policy file or the LiteLLM configuration (<i>Policy</i>), and the report "
              "(<i>History</i>) for review.</li>"
              "</ol>");
}

} // namespace tierlens
