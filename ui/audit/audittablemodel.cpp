#include "audit/audittablemodel.h"

#include "widgets/format.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace billing::ui {

namespace {
QString valueText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isArray()) {
        QStringList parts;
        for (const QJsonValue &x : v.toArray())
            parts << valueText(x);
        return parts.join(QStringLiteral(", "));
    }
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    return QStringLiteral("null");
}
} // namespace

AuditTableModel::AuditTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void AuditTableModel::reset(Fetch fetch, int utcOffsetSeconds)
{
    beginResetModel();
    m_fetch = std::move(fetch);
    m_offset = utcOffsetSeconds;
    m_entries.clear();
    m_exhausted = !m_fetch;
    endResetModel();
    if (canFetchMore(QModelIndex()))
        fetchMore(QModelIndex());
}

QString AuditTableModel::summarize(const QJsonObject &before, const QJsonObject &after)
{
    QStringList keys = before.keys() + after.keys();
    keys.removeDuplicates();
    QStringList parts;
    for (const QString &k : keys) {
        const bool had = before.contains(k), has = after.contains(k);
        if (had && has && before.value(k) == after.value(k))
            continue;
        if (had && has)
            parts << tr("%1: %2 \u2192 %3").arg(k, valueText(before.value(k)), valueText(after.value(k)));
        else if (has)
            parts << tr("%1: %2").arg(k, valueText(after.value(k)));
        else
            parts << tr("%1: %2 \u2192 (none)").arg(k, valueText(before.value(k)));
    }
    return parts.join(QStringLiteral("; "));
}

int AuditTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AuditTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const AuditEntry &e = m_entries[size_t(index.row())];
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Time:
            return formatDateTime(e.at, m_offset);
        case Actor:
            return e.actor;
        case Action:
            return e.action;
        case Object:
            return e.subject;
        case Change:
            return summarize(e.before, e.after);
        }
    }
    if (role == Qt::UserRole)
        return e.id;
    return {};
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Actor:
        return tr("Who");
    case Action:
        return tr("Action");
    case Object:
        return tr("On what");
    case Change:
        return tr("Before \u2192 after");
    }
    return {};
}

bool AuditTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted;
}

void AuditTableModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_exhausted)
        return;
    auto page = m_fetch(m_entries.empty() ? 0 : m_entries.back().id, PageSize);
    if (!page) {
        m_exhausted = true;
        emit loadFailed(page.error());
        return;
    }
    m_exhausted = int(page->size()) < PageSize;
    if (page->empty())
        return;
    beginInsertRows(QModelIndex(), rowCount(), rowCount() + int(page->size()) - 1);
    m_entries.insert(m_entries.end(), std::make_move_iterator(page->begin()),
                     std::make_move_iterator(page->end()));
    endInsertRows();
}

} // namespace billing::ui
