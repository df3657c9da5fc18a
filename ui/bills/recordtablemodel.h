#pragma once

#include "domain/records.h"
#include "domain/types.h"
#include "widgets/format.h"

#include <QAbstractTableModel>

#include <vector>

namespace billing::ui {

// Transaction records (billing-rules §9), one per row, in the order given. Fed a page at a time: the
// page tells the model how many records its query matches (setTotalCount) and appends pages as they
// arrive; canFetchMore/fetchMore ask for the next page through moreRequested(), and sort() asks the
// query to sort (sortRequested()), because a million records are sorted by the database, not here.
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

    // Replaces every row (the total becomes the number of records given unless setTotalCount follows).
    void setRecords(std::vector<Record> records, const AccountDisplay &display);
    void appendRecords(std::vector<Record> records);
    void setTotalCount(qint64 total);
    qint64 totalCount() const { return m_total; }
    void setFetching(bool fetching) { m_fetching = fetching; }
    static RecordSort sortFor(int column);
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
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order) override;

signals:
    void moreRequested(int offset);
    void sortRequested(int column, Qt::SortOrder order);

private:
    QVariant display(const Record &r, int column) const;
    QVariant sortValue(const Record &r, int column) const;

    std::vector<Record> m_records;
    AccountDisplay m_display;
    qint64 m_total = 0;
    bool m_fetching = false;
};

} // namespace billing::ui
