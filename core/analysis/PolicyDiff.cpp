#include "PolicyDiff.h"

#include "format/ReportFormat.h"

#include <QHash>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

void compare(QVector<FieldChange>& out, const QString& field, const QString& before, const QString& after)
{
    if (before != after)
        out.append({ field, before, after });
}

QString sourcesText(const RoutingPolicy& p)
{
    QStringList runs;
    for (const PolicySource& s : p.sources())
        runs.append(u"%1 (%2 %3)"_s.arg(s.runId).arg(s.promptSet, s.promptSetSha256.left(12)));
    return runs.join(u", "_s);
}

QString ruleText(const EscalationRule& r)
{
    return u"%1 -> %2"_s.arg(r.when, r.action);
}

} // namespace

PolicyDiff PolicyDiff::between(const RoutingPolicy& before, const RoutingPolicy& after)
{
    PolicyDiff d;
    QHash<QString, CategoryRoute> old;
    for (const CategoryRoute& r : before.routes())
        old.insert(r.category, r);
    QSet<QString> present;
    for (const CategoryRoute& r : after.routes()) {
        present.insert(r.category);
        const auto it = old.constFind(r.category);
        if (it == old.cend()) {
            d.addedRoutes.append(r);
        } else if (it->model != r.model || it->decision != r.decision || it->override != r.override) {
            d.changedRoutes.append(
                { r.category, it->model, r.model, it->decision, r.decision, it->override, r.override });
        } else {
            ++d.unchangedRoutes;
        }
    }
    for (const CategoryRoute& r : before.routes()) {
        if (!present.contains(r.category))
            d.removedRoutes.append(r);
    }

    compare(d.fields, u"default_model"_s, before.defaultModel(), after.defaultModel());
    compare(d.fields, u"ladder"_s, before.ladder().join(u" < "_s), after.ladder().join(u" < "_s));
    compare(d.fields, u"source_runs"_s, sourcesText(before), sourcesText(after));
    compare(d.fields, u"price_book"_s, before.priceBook(), after.priceBook());
    const PolicySettings& a = before.settings();
    const PolicySettings& b = after.settings();
    compare(d.fields, u"settings.tolerance"_s, ReportFormat::number(a.tolerance), ReportFormat::number(b.tolerance));
    compare(d.fields, u"settings.confidence"_s, ReportFormat::number(a.confidence), ReportFormat::number(b.confidence));
    compare(d.fields, u"settings.rule"_s, PolicySettings::ruleName(a.rule), PolicySettings::ruleName(b.rule));
    compare(d.fields, u"settings.look"_s, QString::number(a.look), QString::number(b.look));
    compare(d.fields, u"settings.min_prompts"_s, QString::number(a.minPrompts), QString::number(b.minPrompts));
    compare(d.fields, u"settings.quality_precedence"_s, a.precedence.join(u","_s), b.precedence.join(u","_s));

    QHash<QString, PolicyModel> oldModels;
    for (const PolicyModel& m : before.models())
        oldModels.insert(m.label, m);
    QSet<QString> newLabels;
    for (const PolicyModel& m : after.models()) {
        newLabels.insert(m.label);
        const PolicyModel o = oldModels.value(m.label);
        const QString at = u"models."_s + m.label;
        compare(d.fields, at + u".model_id"_s, o.modelId, m.modelId);
        compare(d.fields, at + u".base_url"_s, o.baseUrl, m.baseUrl);
        compare(d.fields, at + u".provider"_s, o.provider, m.provider);
        compare(d.fields, at + u".api_key_env"_s, o.apiKeyEnv, m.apiKeyEnv);
    }
    for (const PolicyModel& o : before.models()) {
        if (!newLabels.contains(o.label))
            compare(d.fields, u"models."_s + o.label + u".model_id"_s, o.modelId, QString());
    }

    auto contains = [](const QVector<EscalationRule>& rules, const EscalationRule& r) {
        return std::any_of(rules.cbegin(), rules.cend(),
                           [&](const EscalationRule& x) { return x.when == r.when && x.action == r.action; });
    };
    for (const EscalationRule& r : after.escalation()) {
        if (!contains(before.escalation(), r))
            d.escalationAdded.append(r);
    }
    for (const EscalationRule& r : before.escalation()) {
        if (!contains(after.escalation(), r))
            d.escalationRemoved.append(r);
    }
    return d;
}

bool PolicyDiff::isEmpty() const
{
    return changedRoutes.isEmpty() && addedRoutes.isEmpty() && removedRoutes.isEmpty() && fields.isEmpty()
        && escalationAdded.isEmpty() && escalationRemoved.isEmpty();
}

QString PolicyDiff::toText() const
{
    if (isEmpty())
        return tr("the policies route the same way (routes compared: %1)").arg(unchangedRoutes) + u'\n';
    QString out;
    auto mark = [](bool override) { return override ? tr(", by hand") : QString(); };
    for (const RouteChange& c : changedRoutes) {
        out += tr("route %1: %2 (%3%4) -> %5 (%6%7)")
                   .arg(c.category, c.oldModel, c.oldDecision, mark(c.oldOverride), c.newModel, c.newDecision,
                        mark(c.newOverride))
            + u'\n';
    }
    for (const CategoryRoute& r : addedRoutes)
        out += tr("added category %1 -> %2 (%3%4)").arg(r.category, r.model, r.decision, mark(r.override)) + u'\n';
    for (const CategoryRoute& r : removedRoutes) {
        out += tr("removed category %1 (was -> %2, %3%4)").arg(r.category, r.model, r.decision, mark(r.override))
            + u'\n';
    }
    for (const FieldChange& f : fields) {
        const QString none = tr("(none)");
        out += tr("%1: %2 -> %3")
                   .arg(f.field, f.oldValue.isEmpty() ? none : f.oldValue, f.newValue.isEmpty() ? none : f.newValue)
            + u'\n';
    }
    for (const EscalationRule& r : escalationAdded)
        out += tr("escalation added: %1").arg(ruleText(r)) + u'\n';
    for (const EscalationRule& r : escalationRemoved)
        out += tr("escalation removed: %1").arg(ruleText(r)) + u'\n';
    out += tr("routes unchanged: %1").arg(unchangedRoutes) + u'\n';
    return out;
}

} // namespace tierlens
