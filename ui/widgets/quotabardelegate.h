#pragma once

#include <QStyledItemDelegate>

namespace billing::ui {

// Draws a cell that carries FractionRole (0 … 1000, per mille) as a progress bar with the cell's text
// on it ("12,000 of 100,000"): remaining quota at a glance, the exact count still readable.
class QuotaBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    enum { FractionRole = Qt::UserRole + 40 };

    explicit QuotaBarDelegate(QObject *parent);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace billing::ui
