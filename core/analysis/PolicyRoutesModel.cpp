#include "PolicyRoutesModel.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

QString decisionText(const QString& decision)
{
    if (decision == u"cheapest_within_tolerance"_s)
        return PolicyRoutesModel::tr("cheapest within tolerance");
    if (decision == u"best_quality"_s)
        return PolicyRoutesModel::tr("best quality");
    if (decision == u"insufficient_evidence"_s)
        return PolicyRoutesModel::tr("not enough evidence");
    if (decision == u"override"_s)
        return PolicyRoutesModel::tr("set by hand");
    return decision;
}

QString evidenceText(const CategoryRoute& r)
{
    QStringList parts;
    const QLocale locale;
    for (const ModelEvidence& e : r.evidence) {
        parts << PolicyRoutesModel::tr("%1: %2/%3 passed, %4 per item")
                     .arg(e.label)
                     .arg(e.passed)
                     .arg(e.n)
                     .arg(e.costPerItemUsd ? u"$"_s + locale.toString(*e.costPerItemUsd, 'f', 6)
                                           : PolicyRoutesModel::tr("n/a"));
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
    if (role == Qt::ToolTipRole)
        return index.column() == Evidence ? evidenceText(r) : r.reason;
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (Column(index.column())) {
    case Category:
        return r.category;
    case Model:
        return role == Qt::EditRole || !r.override ? r.model : tr("%1 (override)").arg(r.model);
    case Decision:
        return decisionText(r.decision);
    case Evidence:
        return evidenceText(r);
    case ExtraSamples:
        return r.extraSamplesNeeded > 0 ? QVariant(r.extraSamplesNeeded) : QVariant();
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
        emit dataChanged(index, index);
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
    case Evidence:
        return tr("Evidence");
    case ExtraSamples:
        return tr("Extra samples");
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
