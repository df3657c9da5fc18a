#pragma once

#include "engine/billview.h"
#include "widgets/format.h"

#include <QAbstractTableModel>

namespace billing::ui {

// The lines of one monthly bill (billing-rules §9) next to the previous month, one per row.
class BillTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Api,
        Region,
        Mode,
        Calls,
        Fee,
        RoundedOff,
        Charged,
        PaidCoupon,
        PaidCash,
        Arrears,
        PreviousCharged,
        Change,
        ChangePercent,
        ColumnCount
    };
    static constexpr Column MoneyColumns[] = {Fee,      RoundedOff, Charged,         PaidCoupon,
                                              PaidCash, Arrears,    PreviousCharged, Change};

    explicit BillTableModel(QObject *parent);

    void setComparison(BillComparison comparison, const AccountDisplay &display);
    const BillComparison &comparison() const { return m_comparison; }
    const ComparedLine &line(int row) const { return m_comparison.lines[size_t(row)]; }
    const AccountDisplay &display() const { return m_display; }

    static bool isMoneyColumn(int column);
    static Money amount(const ComparedLine &l, int column);
    // "+12.34 %", "−5.00 %" or "—" when the previous month charged nothing.
    static QString percentText(const std::optional<qint64> &basisPoints, const QLocale &locale = QLocale());

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const ComparedLine &l, int column) const;
    QVariant tooltip(const ComparedLine &l, int column) const;

    BillComparison m_comparison;
    AccountDisplay m_display;
};

} // namespace billing::ui
