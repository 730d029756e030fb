#include "PolicySettle.h"

#include "store/Store.h"

#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

// What a prompt sends, as the store keys a prompt's identity (Store::forEachItem): system, messages, options.
QString sentText(const Prompt& p)
{
    auto compact = [](const QJsonDocument& d) { return QString::fromUtf8(d.toJson(QJsonDocument::Compact)); };
    return p.system + QChar(0x1f) + (p.messages.isEmpty() ? QString() : compact(QJsonDocument(p.messages)))
        + QChar(0x1f) + (p.options.isEmpty() ? QString() : compact(QJsonDocument(p.options)));
}

} // namespace

std::optional<PromptSet> PolicySettle::promptsToSend(Store& store, const RoutingPolicy& policy, const PromptSet& more,
                                                     QString* error)
{
    const QStringList undecided = policy.undecidedCategories();
    if (undecided.isEmpty()) {
        *error = tr("every category of the policy is decided: there is nothing to settle");
        return std::nullopt;
    }
    QSet<QString> asked;
    for (const PolicySource& source : policy.sources()) {
        const std::optional<RunRow> run = store.requireRun(source.runId, error);
        if (!run)
            return std::nullopt;
        const std::optional<PromptSet> set = store.requirePromptSet(*run, error);
        if (!set)
            return std::nullopt;
        for (const Prompt& p : set->prompts)
            asked.insert(sentText(p));
    }
    PromptSet out = more;
    out.prompts.clear();
    out.dbId = 0;
    qint64 again = 0;
    for (const Prompt& p : more.prompts) {
        if (!undecided.contains(p.category))
            continue;
        if (asked.contains(sentText(p))) {
            ++again;
            continue;
        }
        out.prompts.append(p);
    }
    if (out.prompts.isEmpty()) {
        *error = tr("%1 has no prompt the policy's runs did not send already in its undecided categories (%2)%3")
                     .arg(more.name, undecided.join(u", "_s),
                          again > 0 ? tr("; %n were sent before", nullptr, int(again)) : QString());
        return std::nullopt;
    }
    return out;
}

std::optional<RoutingPolicy> PolicySettle::rederive(Store& store, const RoutingPolicy& policy, qint64 settleRunId,
                                                    QString* error)
{
    QVector<qint64> runIds;
    for (const PolicySource& s : policy.sources())
        runIds.append(s.runId);
    // New evidence only: a run the policy was derived from, or one of other models, would raise the look (a
    // stricter test) for nothing, or mix in answers of models the policy does not route between.
    if (runIds.contains(settleRunId)) {
        *error = tr("run %1 is one of the policy's runs already: settling needs a run of new prompts").arg(settleRunId);
        return std::nullopt;
    }
    const std::optional<RunRow> settleRun = store.requireRun(settleRunId, error);
    if (!settleRun)
        return std::nullopt;
    QStringList theirs;
    for (const RunModelRow& m : settleRun->models)
        theirs.append(m.label + u'=' + m.modelId);
    QStringList ours;
    for (const PolicyModel& m : policy.models())
        ours.append(m.label + u'=' + m.modelId);
    theirs.sort();
    ours.sort();
    if (theirs != ours) {
        *error = tr("run %1 sent to %2, the policy routes between %3: settle with a run of the same models")
                     .arg(settleRunId)
                     .arg(theirs.join(u", "_s), ours.join(u", "_s));
        return std::nullopt;
    }
    runIds.append(settleRunId);
    PolicySettings settings = policy.settings();
    ++settings.look;
    std::optional<RoutingPolicy> next = RoutingPolicy::derive(store, runIds, settings, error);
    if (!next)
        return std::nullopt;
    next->keepDecided(policy);
    for (const CategoryRoute& r : policy.routes()) {
        if (r.override)
            next->overrideRoute(r.category, r.model);
    }
    return next;
}

} // namespace tierlens
