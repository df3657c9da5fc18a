#include "costcenter/projectcostmodel.h"

#include "widgets/itemroles.h"

#include <QLocale>

namespace billing::ui {

ProjectCostModel::ProjectCostModel(QObject *parent) : QAbstractTableModel(parent) {}

void ProjectCostModel::setCosts(std::vector<ProjectCost> costs, std::map<QString, QStringList> tags,
                                const QString &currency)
{
    beginResetModel();
    m_costs = std::move(costs);
    m_tags = std::move(tags);
    m_currency = currency;
    endResetModel();
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

QStringList ProjectCostModel::tagsOf(const QString &project) const
{
    auto it = m_tags.find(project);
    return it == m_tags.end() ? QStringList() : it->second;
}

int ProjectCostModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_costs.size());
}

int ProjectCostModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

std::optional<Money> ProjectCostModel::money(const ProjectCost &c, int column) const
{
    switch (column) {
    case Direct:
        return c.direct;
    case Shared:
        return c.shared;
    case Total:
        return c.total();
    default:
        return std::nullopt;
    }
}

Qt::ItemFlags ProjectCostModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Tags && m_costs[size_t(index.row())].project != kProjectShared)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant ProjectCostModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const ProjectCost &c = m_costs[size_t(index.row())];
    const int col = index.column();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        if (col == Project)
            return c.project == kProjectShared ? tr("Shared (not attributable)") : c.project;
        if (col == Tags)
            return tagsOf(c.project).join(QStringLiteral(", "));
        if (col == Calls)
            return QLocale().toString(c.calls);
        if (auto m = money(c, col))
            return m->toDisplayString(QLocale(), 2);
        return QVariant();
    case MoneyRole:
        if (auto m = money(c, col))
            return m->units();
        return QVariant();
    case SortRole:
        if (col == Calls)
            return c.calls;
        if (auto m = money(c, col))
            return m->units();
        return data(index, Qt::DisplayRole);
    case Qt::TextAlignmentRole:
        return col <= Tags ? leftAligned() : rightAligned();
    case Qt::ToolTipRole:
        if (col == Tags)
            return tr("Double-click (or F2) to edit the tags, separated by commas; Ctrl+Z undoes.");
        if (auto m = money(c, col))
            return tr("Exact: %1").arg(m->toDisplayString(QLocale(), Money::Decimals));
        return QVariant();
    default:
        return QVariant();
    }
}

bool ProjectCostModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || index.column() != Tags)
        return false;
    QStringList after;
    for (const QString &t : value.toString().split(u',', Qt::SkipEmptyParts))
        if (!t.trimmed().isEmpty() && !after.contains(t.trimmed()))
            after << t.trimmed();
    after.sort();
    const QString project = m_costs[size_t(index.row())].project;
    const QStringList before = tagsOf(project);
    if (after == before)
        return false;
    emit tagsEdited(project, before, after);
    return true;
}

QVariant ProjectCostModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QVariant();
    if (role == Qt::TextAlignmentRole)
        return section <= Tags ? leftAligned() : rightAligned();
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Project:
        return tr("Enterprise project");
    case Tags:
        return tr("Cost tags");
    case Calls:
        return tr("Calls");
    case Direct:
        return tr("Own usage (%1)").arg(m_currency);
    case Shared:
        return tr("Share of packages (%1)").arg(m_currency);
    case Total:
        return tr("Total (%1)").arg(m_currency);
    default:
        return QVariant();
    }
}

} // namespace billing::ui
