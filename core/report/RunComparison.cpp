#include "RunComparison.h"

#include "analysis/EvalStatistics.h"
#include "format/ReportFormat.h"
#include "format/TextTable.h"
#include "store/Store.h"

#include <QHash>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

struct PromptTally
{
    int verdicts = 0;
    int passed = 0;
};

std::optional<double> share(const PromptTally& t)
{
    return t.verdicts > 0 ? std::optional<double>(double(t.passed) / t.verdicts) : std::nullopt;
}

} // namespace

std::optional<RunComparison> RunComparison::compute(Store& store, qint64 older, qint64 newer, QString* error)
{
    const std::optional<RunRow> a = store.requireRun(older, error);
    const std::optional<RunRow> b = a ? store.requireRun(newer, error) : std::nullopt;
    if (!a || !b)
        return std::nullopt;
    if (a->promptSetId != b->promptSetId) {
        *error = tr("runs %1 and %2 used different prompt sets; compare runs of one set").arg(older).arg(newer);
        return std::nullopt;
    }
    RunComparison out;
    out.older = older;
    out.newer = newer;
    out.promptSetName = a->promptSetName;

    std::optional<EvalStatistics> stats[2];
    const qint64 ids[2] = { older, newer };
    for (int i = 0; i < 2; ++i) {
        StatisticsSettings settings;
        settings.scope.runIds = { ids[i] };
        settings.keepItems = true;
        stats[i] = EvalStatistics::compute(store, settings, error);
        if (!stats[i])
            return std::nullopt;
    }
    const QStringList newerLabels = stats[1]->labels();
    QStringList labels;
    for (const QString& label : stats[0]->labels()) {
        if (newerLabels.contains(label))
            labels << label;
    }

    for (const QString& label : labels) {
        const GroupFigures* g[2] = { stats[0]->group(label), stats[1]->group(label) };
        Model m;
        m.label = label;
        auto figure = [&](const QString& name, int decimals, auto get) {
            m.figures.append({ name, g[0] ? get(*g[0]) : std::nullopt, g[1] ? get(*g[1]) : std::nullopt, decimals });
        };
        auto rate = [](qint64 part, qint64 whole) {
            return whole > 0 ? std::optional<double>(double(part) / double(whole)) : std::nullopt;
        };
        figure(tr("items"), 0, [](const GroupFigures& f) { return std::optional<double>(f.counts.items); });
        figure(tr("prompts with a verdict"), 0,
               [](const GroupFigures& f) { return std::optional<double>(f.counts.prompts); });
        figure(tr("pass rate (over prompts)"), 3, [](const GroupFigures& f) {
            return f.passRate ? std::optional<double>(f.passRate->estimate) : std::nullopt;
        });
        figure(tr("ok rate"), 3, [&](const GroupFigures& f) { return rate(f.counts.okItems, f.counts.items); });
        figure(tr("error rate"), 3, [](const GroupFigures& f) { return f.errorRate; });
        figure(tr("retries per item"), 3, [](const GroupFigures& f) { return f.retryRate; });
        figure(tr("cost per item USD"), 6, [](const GroupFigures& f) { return f.costPerItemUsd; });
        figure(tr("latency p50 ms"), 0, [](const GroupFigures& f) { return f.latencyMs.p50; });
        figure(tr("ttft p50 ms"), 0, [](const GroupFigures& f) { return f.ttftMs.p50; });
        out.models.append(m);
    }

    // Per prompt and model: the share of passing repeats in each run, and the first repeat's answer.
    using Key = std::pair<QString, QString>; // label, prompt id
    QHash<Key, PromptTally> tallies[2];
    QHash<Key, QString> categoryOf;
    for (int i = 0; i < 2; ++i) {
        for (const ItemVerdict& v : stats[i]->items()) {
            const Key key { v.label, v.promptExtId };
            categoryOf.insert(key, v.category);
            if (!v.passed)
                continue;
            PromptTally& t = tallies[i][key];
            ++t.verdicts;
            t.passed += *v.passed ? 1 : 0;
        }
    }
    QHash<Key, QString> answers[2];
    for (int i = 0; i < 2; ++i) {
        const bool read = store.forEachResult(
            ids[i],
            [&](const ResultExportRow& r) {
                if (r.finalAttempt.repeatIndex == 0)
                    answers[i].insert({ r.modelLabel, r.promptExtId },
                                      r.status == u"ok"_s ? r.finalAttempt.outcome.content
                                                          : u"error: "_s + errorClassName(r.errorClass));
                return true;
            },
            error);
        if (!read)
            return std::nullopt;
    }
    const std::optional<PromptSet> set = store.loadPromptSet(a->promptSetId);
    if (!set) {
        *error = store.lastError();
        return std::nullopt;
    }
    for (const Prompt& p : set->prompts) {
        for (const QString& label : labels) {
            const Key key { label, p.id };
            PromptChange c;
            c.model = label;
            c.promptExtId = p.id;
            c.category = categoryOf.value(key, p.category);
            c.olderPass = share(tallies[0].value(key));
            c.newerPass = share(tallies[1].value(key));
            c.answerChanged = answers[0].contains(key) && answers[1].contains(key)
                && answers[0].value(key) != answers[1].value(key);
            if (c.verdictChanged() || c.answerChanged)
                out.changes.append(c);
        }
    }
    return out;
}

QString RunComparison::PromptChange::text() const
{
    auto pass = [](std::optional<double> v) { return v ? ReportFormat::percent(*v) : tr("no verdict"); };
    if (!verdictChanged())
        return tr("%1 · %2: answer changed").arg(model, promptExtId);
    return tr("%1 · %2: %3 \u2192 %4%5")
        .arg(model, promptExtId, pass(olderPass), pass(newerPass), answerChanged ? tr(", answer changed") : QString());
}

QString RunComparison::text() const
{
    using A = TextTable::Align;
    TextTable table({ tr("model"), tr("figure"), tr("run %1").arg(older), tr("run %1").arg(newer), tr("change") },
                    { A::Left, A::Left, A::Right, A::Right, A::Right });
    for (const Model& m : models) {
        for (const Figure& f : m.figures) {
            const QString change = f.older && f.newer ? (*f.newer >= *f.older ? u"+"_s : QString())
                    + QLocale::c().toString(*f.newer - *f.older, 'f', f.decimals)
                                                      : QString();
            table.addRow({ m.label, f.name, ReportFormat::fixed(f.older, f.decimals),
                           ReportFormat::fixed(f.newer, f.decimals), change });
        }
    }
    QString out = tr("What changed from run %1 to run %2 (%3), per item: runs with different repeats compare")
                      .arg(older)
                      .arg(newer)
                      .arg(promptSetName)
        + u"\n\n"_s + table.render(u"  "_s);
    qsizetype verdicts = 0, answersOnly = 0;
    for (const PromptChange& c : changes)
        (c.verdictChanged() ? verdicts : answersOnly) += 1;
    out += u"\n"_s
        + tr("Prompts whose verdict changed: %1; whose first answer changed with the same verdict: %2")
              .arg(verdicts)
              .arg(answersOnly)
        + u"\n"_s;
    for (const PromptChange& c : changes) {
        if (c.verdictChanged())
            out += u"  "_s + c.text() + u"\n"_s;
    }
    return out;
}

} // namespace tierlens
