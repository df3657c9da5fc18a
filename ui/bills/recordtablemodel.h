#pragma once

#include "domain/types.h"
#include "widgets/format.h"

#include <QAbstractTableModel>

#include <vector>

namespace billing::ui {

// Transaction records (billing-rules §9), one per row, in the order given.
class RecordTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Id,
        Time,
        ExpenditureTime,
        Type,
        Api,
        Region,
        Project,
        Mode,
        Calls,
        Fee,
        Charged,
        RoundedOff,
        PaidCoupon,
        PaidCash,
        Arrears,
        ColumnCount
    };
    static constexpr Column MoneyColumns[] = {Fee, Charged, RoundedOff, PaidCoupon, PaidCash, Arrears};

    explicit RecordTableModel(QObject *parent);

    void setRecords(std::vector<Record> records, const AccountDisplay &display);
    const Record &record(int row) const { return m_records[size_t(row)]; }
    const std::vector<Record> &records() const { return m_records; }

    static QString typeName(Record::Type type);
    static QString modeName(const QString &mode);
    static Money amount(const Record &r, int column);
    static bool isMoneyColumn(int column);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const Record &r, int column) const;
    QVariant sortValue(const Record &r, int column) const;

    std::vector<Record> m_records;
    AccountDisplay m_display;
};

} // namespace billing::ui
