#include "PolicyRoutesModel.h"

#include <algorithm>

#include <QLocale>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

QString decisionText(const CategoryRoute& r)
{
    QString text;
    if (r.decision == u"pricier_shown_better"_s)
        text = PolicyRoutesModel::tr("pricier model shown better");
    else if (r.decision == u"cheaper_not_shown_worse"_s)
        text = PolicyRoutesModel::tr("cheaper, not shown worse");
    else if (r.decision == u"cheaper_shown_good_enough"_s)
        text = PolicyRoutesModel::tr("cheaper, shown good enough");
    else if (r.decision == u"best_quality"_s)
        text = PolicyRoutesModel::tr("best quality");
    else if (r.decision == u"insufficient_evidence"_s)
        text = PolicyRoutesModel::tr("not enough prompts");
    else if (r.decision == u"override"_s)
        return PolicyRoutesModel::tr("set by hand");
    else
        text = r.decision;
    return r.decided ? text : PolicyRoutesModel::tr("%1 (undecided)").arg(text);
}

QString percentPoints(double v)
{
    const QLocale locale;
    return (v > 0 ? u"+"_s : QString()) + locale.toString(v * 100, 'f', 1);
}

QString riskText(const CategoryRoute& r)
{
    if (!r.qualityDifference)
        return QString();
    const Interval& d = *r.qualityDifference;
    return PolicyRoutesModel::tr("%1 vs %2: %3 pts [%4, %5]")
        .arg(r.model, r.versus, percentPoints(d.estimate), percentPoints(d.low), percentPoints(d.high));
}

QString evidenceText(const CategoryRoute& r)
{
    QStringList parts;
    const QLocale locale;
    for (const ModelEvidence& e : r.evidence) {
        const QString cost = e.costPerItemUsd
            ? PolicyRoutesModel::tr("$%1/item").arg(locale.toString(*e.costPerItemUsd, 'f', 6))
            : PolicyRoutesModel::tr("cost n/a");
        if (!e.passRate) {
            parts << PolicyRoutesModel::tr("%1: no verdicts, %2").arg(e.label, cost);
            continue;
        }
        parts << PolicyRoutesModel::tr("%1: %2% of %n prompt(s), %3", nullptr, int(e.prompts))
                     .arg(e.label, locale.toString(e.passRate->estimate * 100, 'f', 1), cost);
    }
    return parts.join(u"; "_s);
}

} // namespace

PolicyRoutesModel::PolicyRoutesModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void PolicyRoutesModel::setPolicy(const RoutingPolicy& policy)
{
    beginResetModel();
    m_policy = policy;
    m_hasPolicy = true;
    endResetModel();
}

void PolicyRoutesModel::clear()
{
    beginResetModel();
    m_policy = RoutingPolicy();
    m_hasPolicy = false;
    endResetModel();
}

TrafficMix PolicyRoutesModel::traffic() const
{
    TrafficMix mix;
    for (const CategoryRoute& r : m_policy.routes()) {
        if (const double v = m_traffic.value(r.category); v > 0)
            mix.requestsPerDay.insert(r.category, v);
    }
    return mix;
}

void PolicyRoutesModel::setTraffic(const QMap<QString, double>& requestsPerDay)
{
    m_traffic = requestsPerDay;
    if (rowCount() > 0)
        emit dataChanged(index(0, RequestsPerDay), index(rowCount() - 1, RequestsPerDay));
    emit trafficEdited();
}

int PolicyRoutesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_hasPolicy ? 0 : int(m_policy.routes().size());
}

int PolicyRoutesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PolicyRoutesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CategoryRoute& r = m_policy.routes().at(index.row());
    if (role == ChoicesRole && index.column() == Model) {
        QStringList labels;
        for (const PolicyModel& m : m_policy.models())
            labels << m.label;
        return labels;
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == Risk || index.column() == Saving)
            return tr("Route minus %1: the pass-rate difference with its interval, and what the route saves per "
                      "request against it (negative: it costs more)")
                .arg(r.versus);
        return index.column() == Evidence ? evidenceText(r) : r.reason;
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (Column(index.column())) {
    case Category:
        return r.category;
    case Model:
        return role == Qt::EditRole || !r.override ? r.model : tr("%1 (override)").arg(r.model);
    case Decision:
        return decisionText(r);
    case Risk:
        return riskText(r);
    case Saving: {
        if (!r.savingPerRequestUsd)
            return QVariant();
        const QLocale locale;
        const double perDay = m_traffic.value(r.category);
        if (perDay > 0)
            return tr("$%1/month")
                .arg(locale.toString(*r.savingPerRequestUsd * perDay * TrafficMix().daysPerMonth, 'f', 2));
        return tr("$%1 per 1k").arg(locale.toString(*r.savingPerRequestUsd * 1000.0, 'f', 4));
    }
    case Evidence:
        return evidenceText(r);
    case ExtraPrompts:
        if (r.decided || r.override)
            return QVariant();
        if (r.extraPromptsNeeded)
            return QVariant(*r.extraPromptsNeeded);
        if (std::none_of(r.evidence.cbegin(), r.evidence.cend(), [](const ModelEvidence& e) { return e.passRate; }))
            return tr("needs verdicts");
        return tr("on the threshold");
    case RequestsPerDay:
        return role == Qt::EditRole ? QVariant(m_traffic.value(r.category))
                                    : QVariant(QLocale().toString(m_traffic.value(r.category), 'f', 0));
    case Reason:
        return r.reason;
    case ColumnCount:
        break;
    }
    return {};
}

bool PolicyRoutesModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const QString category = m_policy.routes().at(index.row()).category;
    if (index.column() == Model) {
        if (value.toString() == m_policy.routes().at(index.row()).model)
            return false;
        if (!m_policy.overrideRoute(category, value.toString()))
            return false;
        emit dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
        emit policyEdited();
        return true;
    }
    if (index.column() == RequestsPerDay) {
        bool ok = false;
        const double v = value.toDouble(&ok);
        if (!ok || v < 0)
            return false;
        m_traffic.insert(category, v);
        emit dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
        emit trafficEdited();
        return true;
    }
    return false;
}

Qt::ItemFlags PolicyRoutesModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && (index.column() == Model || index.column() == RequestsPerDay))
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant PolicyRoutesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Category:
        return tr("Category");
    case Model:
        return tr("Route to");
    case Decision:
        return tr("Decision");
    case Risk:
        return tr("Quality vs the other side");
    case Saving:
        return tr("Saving");
    case Evidence:
        return tr("Evidence");
    case ExtraPrompts:
        return tr("More prompts to settle");
    case RequestsPerDay:
        return tr("Requests/day");
    case Reason:
        return tr("Why");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace tierlens
