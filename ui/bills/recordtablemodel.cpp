#include "bills/recordtablemodel.h"

#include "time/billingcalendar.h"
#include "widgets/itemroles.h"

#include <QLocale>

#include <algorithm>

namespace billing::ui {

RecordTableModel::RecordTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void RecordTableModel::setRecords(std::vector<Record> records, const AccountDisplay &display)
{
    const bool currencyChanged = display.currency != m_display.currency;
    beginResetModel();
    m_records = std::move(records);
    m_display = display;
    m_total = qint64(m_records.size());
    m_fetching = false;
    endResetModel();
    if (currencyChanged)
        emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

void RecordTableModel::appendRecords(std::vector<Record> records)
{
    if (!records.empty()) {
        const int first = int(m_records.size());
        beginInsertRows(QModelIndex(), first, first + int(records.size()) - 1);
        m_records.insert(m_records.end(), std::make_move_iterator(records.begin()),
                         std::make_move_iterator(records.end()));
        endInsertRows();
        m_total = std::max(m_total, qint64(m_records.size()));
    }
    m_fetching = false; // only now: views ask for more while the rows go in
}

void RecordTableModel::setTotalCount(qint64 total)
{
    m_total = std::max(total, qint64(m_records.size()));
}

bool RecordTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_fetching && qint64(m_records.size()) < m_total;
}

void RecordTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    emit moreRequested(int(m_records.size()));
}

void RecordTableModel::sort(int column, Qt::SortOrder order)
{
    if (column >= 0 && column < ColumnCount)
        emit sortRequested(column, order);
}

RecordSort RecordTableModel::sortFor(int column)
{
    switch (column) {
    case Id:
        return RecordSort::Id;
    case ExpenditureTime:
        return RecordSort::ExpenditureTime;
    case Type:
        return RecordSort::Type;
    case Api:
        return RecordSort::Api;
    case Region:
        return RecordSort::Region;
    case Project:
        return RecordSort::Project;
    case Mode:
        return RecordSort::Mode;
    case Calls:
        return RecordSort::Calls;
    case Fee:
        return RecordSort::Fee;
    case Charged:
        return RecordSort::Charged;
    case RoundedOff:
        return RecordSort::RoundedOff;
    case PaidCoupon:
        return RecordSort::PaidCoupon;
    case PaidCash:
        return RecordSort::PaidCash;
    case Arrears:
        return RecordSort::Arrears;
    default:
        return RecordSort::Time;
    }
}

QString RecordTableModel::typeName(Record::Type type)
{
    switch (type) {
    case Record::Type::Usage:
        return tr("Usage");
    case Record::Type::Purchase:
        return tr("Package purchase");
    case Record::Type::Renewal:
        return tr("Package renewal");
    case Record::Type::Refund:
        return tr("Refund");
    case Record::Type::TopUp:
        return tr("Top-up");
    case Record::Type::Coupon:
        return tr("Coupon");
    }
    return QString();
}

QString RecordTableModel::modeName(const QString &mode)
{
    if (mode == kModePayPerUse)
        return tr("Pay-per-use");
    if (mode == kModePackage)
        return tr("Package");
    return mode;
}

bool RecordTableModel::isMoneyColumn(int column)
{
    return std::find(std::begin(MoneyColumns), std::end(MoneyColumns), column) != std::end(MoneyColumns);
}

Money RecordTableModel::amount(const Record &r, int column)
{
    switch (column) {
    case Fee:
        return r.fee;
    case Charged:
        return r.charged;
    case RoundedOff:
        return r.roundedOff;
    case PaidCoupon:
        return r.paidCoupon;
    case PaidCash:
        return r.paidCash;
    case Arrears:
        return r.arrears;
    default:
        return Money();
    }
}

int RecordTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int RecordTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecordTableModel::display(const Record &r, int column) const
{
    const QLocale locale;
    switch (column) {
    case Id:
        return QString::number(r.id);
    case Time:
        return formatDateTime(r.at, m_display.utcOffsetSeconds, locale);
    case ExpenditureTime:
        return formatDateTime(r.expenditureAt, m_display.utcOffsetSeconds, locale);
    case Type:
        return r.late ? tr("%1 (late)").arg(typeName(r.type)) : typeName(r.type);
    case Api:
        return apiName(m_display, r.api);
    case Region:
        return regionName(m_display, r.region);
    case Project:
        return r.project;
    case Mode:
        return modeName(r.mode);
    case Calls:
        return r.calls == 0 && r.type != Record::Type::Usage ? QString() : locale.toString(r.calls);
    default:
        return isMoneyColumn(column) ? QVariant(amount(r, column).toDisplayString(locale, 2)) : QVariant();
    }
}

QVariant RecordTableModel::sortValue(const Record &r, int column) const
{
    switch (column) {
    case Id:
        return r.id;
    case Time:
        return r.at;
    case ExpenditureTime:
        return r.expenditureAt;
    case Calls:
        return r.calls;
    default:
        return isMoneyColumn(column) ? QVariant(amount(r, column).units()) : display(r, column);
    }
}

QVariant RecordTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Record &r = m_records[size_t(index.row())];
    const int c = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(r, c);
    case SortRole:
        return sortValue(r, c);
    case MoneyRole:
        return isMoneyColumn(c) ? QVariant(amount(r, c).units()) : QVariant();
    case Qt::TextAlignmentRole:
        if (isMoneyColumn(c) || c == Calls || c == Id)
            return rightAligned();
        return leftAligned();
    case Qt::ToolTipRole: {
        const BillingCalendar cal(m_display.utcOffsetSeconds);
        if (isMoneyColumn(c))
            return tr("Exact: %1").arg(amount(r, c).toDisplayString(QLocale(), Money::Decimals));
        if (c == Time)
            return cal.format(r.at);
        if (c == ExpenditureTime)
            return cal.format(r.expenditureAt);
        if (c == Api || c == Region)
            return c == Api ? r.api : r.region;
        if (c == Type && r.type == Record::Type::Usage)
            return tr("Bill month %1").arg(r.billMonth);
        return QVariant();
    }
    default:
        return QVariant();
    }
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QVariant();
    if (role == Qt::TextAlignmentRole)
        return isMoneyColumn(section) || section == Calls || section == Id ? rightAligned() : leftAligned();
    if (role != Qt::DisplayRole)
        return QVariant();
    const QString &cur = m_display.currency;
    switch (section) {
    case Id:
        return tr("ID");
    case Time:
        return tr("Time");
    case ExpenditureTime:
        return tr("Expenditure time");
    case Type:
        return tr("Type");
    case Api:
        return tr("API");
    case Region:
        return tr("Region");
    case Project:
        return tr("Project");
    case Mode:
        return tr("Mode");
    case Calls:
        return tr("Calls");
    case Fee:
        return tr("Fee (%1)").arg(cur);
    case Charged:
        return tr("Charged (%1)").arg(cur);
    case RoundedOff:
        return tr("Rounded off (%1)").arg(cur);
    case PaidCoupon:
        return tr("Paid by coupon (%1)").arg(cur);
    case PaidCash:
        return tr("Paid by cash (%1)").arg(cur);
    case Arrears:
        return tr("Arrears (%1)").arg(cur);
    default:
        return QVariant();
    }
}

} // namespace billing::ui
