#pragma once

#include <QTableView>

class QScrollBar;

namespace billing::ui {

// A one-row table pinned under another table: it shows a TotalsModel and follows the main table's
// column widths, order, visibility, horizontal scrolling and per-column delegates. The table's horizontal
// scroll bar moves below the footer (scrollBar(): put it in the layout under the footer), so the totals
// sit right under the last row.
class TotalsFooter : public QTableView
{
    Q_OBJECT

public:
    TotalsFooter(QTableView *table, QWidget *parent);

    // Copies the main table's delegates and column widths; call after changing either.
    void syncWithTable();
    // Fits the table's columns to their contents (after a change of precision or data), then follows.
    void fitTableColumns();
    QScrollBar *scrollBar() const { return m_scroll; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void followScrollBar();

    QTableView *m_table;
    QScrollBar *m_scroll;
    // The table and its vertical scroll bar as plain QObjects, to ask what is left of them while the
    // table is destroyed (see eventFilter).
    QObject *m_tableObject;
    QObject *m_verticalBar;
};

} // namespace billing::ui
