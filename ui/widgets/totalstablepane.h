#pragma once

#include <QWidget>

class QTableView;
class QVBoxLayout;

namespace billing::ui {

class TotalsFooter;

// A table with its totals footer pinned right under the last row and the table's horizontal scroll bar
// under the footer: the pane every page with a totals row shows. An optional bold heading goes above.
class TotalsTablePane : public QWidget
{
    Q_OBJECT

public:
    TotalsTablePane(QTableView *table, TotalsFooter *footer, QWidget *parent, const QString &heading = {});

    // A line under the scroll bar (e.g. a note about the rows above).
    void addBelow(QWidget *widget);

private:
    QVBoxLayout *m_layout;
};

} // namespace billing::ui
