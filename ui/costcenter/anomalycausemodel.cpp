#include "costcenter/anomalycausemodel.h"

#include "widgets/itemroles.h"

namespace billing::ui {

AnomalyCauseModel::AnomalyCauseModel(QObject *parent) : QAbstractTableModel(parent) {}

const QStringList &AnomalyCauseModel::causeIds()
{
    static const QStringList ids = [] {
        QStringList out = anomalyCauseIds();
        out.removeAll(QStringLiteral("failed_share"));
        return out;
    }();
    return ids;
}

void AnomalyCauseModel::setAnomaly(const std::optional<Anomaly> &anomaly, const AccountDisplay &display)
{
    beginResetModel();
    m_anomaly = anomaly;
    m_display = display;
    endResetModel();
}

QString AnomalyCauseModel::causeId(int row) const
{
    return row >= 1 && row <= int(causeIds().size()) ? causeIds().at(row - 1) : QString();
}

Money AnomalyCauseModel::amount(int row) const
{
    if (!m_anomaly)
        return Money();
    if (isReference(row))
        return m_anomaly->referenceCost;
    if (isDay(row))
        return m_anomaly->cost;
    return m_anomaly->causes.byId(causeId(row));
}

QString AnomalyCauseModel::stepName(int row) const
{
    if (!m_anomaly)
        return QString();
    const QLocale l;
    if (isReference(row))
        return tr("Reference day %1")
            .arg(l.toString(toDateTime(m_anomaly->referenceDay, m_display.utcOffsetSeconds).date(),
                            QLocale::ShortFormat));
    if (isDay(row))
        return tr("This day %1")
            .arg(l.toString(toDateTime(m_anomaly->day, m_display.utcOffsetSeconds).date(),
                            QLocale::ShortFormat));
    return anomalyCauseName(causeId(row));
}

std::optional<RecordFilter> AnomalyCauseModel::records(int row) const
{
    if (!m_anomaly || row < 0 || row >= rowCount())
        return std::nullopt;
    Anomaly a = *m_anomaly;
    if (isReference(row))
        a.day = a.referenceDay;
    return anomalyRecords(a, causeId(row), m_display.utcOffsetSeconds);
}

QString AnomalyCauseModel::recordsText(int row) const
{
    const QString id = causeId(row);
    if (id.isEmpty())
        return tr("every usage line of the day's cost");
    if (id == QLatin1String("volume"))
        return tr("the day's usage lines billed on time");
    if (id == QLatin1String("package_coverage"))
        return tr("the day's lines a package covered");
    if (id == QLatin1String("tier"))
        return tr("the day's pay-per-use lines, with their tiers");
    if (id == QLatin1String("price"))
        return tr("the day's pay-per-use lines, with their prices");
    if (id == QLatin1String("late_usage"))
        return tr("the late lines counted in the day");
    return QString();
}

int AnomalyCauseModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_anomaly ? 0 : int(causeIds().size()) + 2;
}

int AnomalyCauseModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AnomalyCauseModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const int row = index.row();
    const int c = index.column();
    switch (role) {
    case Qt::DisplayRole:
        if (c == Step)
            return stepName(row);
        if (c == Amount)
            return formatMoney(amount(row), 8);
        return recordsText(row);
    case MoneyRole:
        return c == Amount ? QVariant(amount(row).units()) : QVariant();
    case Qt::TextAlignmentRole:
        return c == Amount ? rightAligned() : leftAligned();
    case Qt::ToolTipRole:
        return tr("Press Enter or double-click to show %1 on the Transactions page").arg(recordsText(row));
    default:
        return QVariant();
    }
}

QVariant AnomalyCauseModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QVariant();
    if (role == Qt::TextAlignmentRole)
        return section == Amount ? rightAligned() : leftAligned();
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Step:
        return tr("Step");
    case Amount:
        return tr("Amount (%1)").arg(m_display.currency);
    case Records:
        return tr("Records shown");
    default:
        return QVariant();
    }
}

} // namespace billing::ui
